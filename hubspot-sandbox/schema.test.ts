// Properties, owners and lists.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Client } from "@hubspot/api-client";
import type { RunningSandbox } from "./server";
import { FIXED } from "./seed";
import { apiError, sdkClient, start } from "./test-helpers";

let sb: RunningSandbox;
let client: Client;
beforeAll(async () => {
  sb = await start();
  ({ client } = await sdkClient(sb));
});
afterAll(() => sb.close());

describe("properties", () => {
  it("lists contact properties with types, options and modification metadata", async () => {
    const all = await client.crm.properties.coreApi.getAll("contacts");
    const byName = new Map(all.results.map((p) => [p.name, p]));
    for (const n of ["email", "firstname", "lastname", "phone", "company", "jobtitle", "website", "city", "country", "lifecyclestage", "hs_lead_status", "hubspot_owner_id", "numemployees", "createdate", "lastmodifieddate", "hs_object_id"]) {
      expect(byName.has(n), n).toBe(true);
    }
    const ls = byName.get("lifecyclestage")!;
    expect(ls.type).toBe("enumeration");
    expect(ls.options.map((o) => o.value)).toEqual(["subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer", "evangelist", "other"]);
    expect(byName.get("hubspot_owner_id")).toMatchObject({ externalOptions: true, options: [] });
    expect(byName.get("hs_object_id")!.modificationMetadata!.readOnlyValue).toBe(true);
    expect(byName.get("hs_analytics_num_visits")!.calculated).toBe(true);
    const types = new Set(all.results.filter((p) => !p.hubspotDefined).map((p) => `${p.type}/${p.fieldType}`));
    for (const t of ["string/textarea", "number/number", "bool/booleancheckbox", "date/date", "datetime/date", "enumeration/select", "enumeration/checkbox", "enumeration/radio"]) expect(types.has(t), t).toBe(true);
  });

  it("gets one property; 404 for unknown", async () => {
    const p = await client.crm.properties.coreApi.getByName("contacts", "spara_interests");
    expect(p.fieldType).toBe("checkbox");
    expect(p.options.length).toBeGreaterThan(1);
    expect((await apiError(client.crm.properties.coreApi.getByName("contacts", "nope"))).code).toBe(404);
  });
});

describe("owners", () => {
  it("pages active owners; deactivated only with archived=true", async () => {
    const active = await client.crm.owners.ownersApi.getPage(undefined, undefined, 100, false);
    expect(active.results).toHaveLength(8);
    expect(active.results[0]).toMatchObject({ id: "300000101", email: "hubspot-admin@acme-demo.com", userId: 7001, type: "PERSON", archived: false });
    expect(active.results[0].teams?.[0]).toMatchObject({ primary: true });
    const archived = await client.crm.owners.ownersApi.getPage(undefined, undefined, 100, true);
    expect(archived.results.map((o) => o.id)).toEqual(["300000109", "300000110"]);
    expect(archived.results[0].userId ?? null).toBeNull();
    expect(archived.results[0].userIdIncludingInactive).toBe(7009);
    const paged = await client.crm.owners.ownersApi.getPage(undefined, undefined, 3);
    expect(paged.paging?.next?.after).toBeTruthy();
    const byEmail = await client.crm.owners.ownersApi.getPage("MARIA.GONZALEZ@acme-demo.com");
    expect(byEmail.results.map((o) => o.id)).toEqual(["300000102"]);
  });

  it("gets by id and by userId; archived owners need archived=true", async () => {
    expect((await client.crm.owners.ownersApi.getById(300000103)).lastName).toBe("Weiß");
    expect((await client.crm.owners.ownersApi.getById(7004, "userId")).id).toBe("300000104");
    expect((await apiError(client.crm.owners.ownersApi.getById(300000109))).code).toBe(404);
    expect((await client.crm.owners.ownersApi.getById(300000109, "id", true)).archived).toBe(true);
  });
});

describe("lists", () => {
  it("searches lists, gets one, pages memberships (≤250) by record id", async () => {
    const found = await client.crm.lists.listsApi.doSearch({ query: "", processingTypes: [], additionalProperties: [], offset: 0, count: 20 } as any);
    expect(found.lists.map((l) => l.name)).toEqual(["Trade show leads 2026", "EMEA open leads", "Newsletter subscribers"]);
    const one = await client.crm.lists.listsApi.getById("101");
    expect(one.list).toMatchObject({ listId: "101", processingType: "MANUAL", objectTypeId: "0-1" });
    const page = await client.crm.lists.membershipsApi.getPage("101", undefined, undefined, 5);
    expect(page.results).toHaveLength(5);
    expect(page.results[0].recordId).toBe(FIXED.existingLead.id);
    expect(page.results[0].membershipTimestamp).toBeInstanceOf(Date);
    const ids: string[] = [];
    let after: string | undefined;
    do {
      const p = await client.crm.lists.membershipsApi.getPage("103", after, undefined, 250);
      ids.push(...p.results.map((r) => r.recordId));
      after = p.paging?.next?.after;
    } while (after);
    expect(ids.length).toBe(sb.facts().lifecycleCounts.subscriber);
    expect(ids).toEqual([...ids].sort((a, b) => Number(a) - Number(b)));
    expect((await apiError(client.crm.lists.membershipsApi.getPage("101", undefined, undefined, 251))).code).toBe(400);
    expect((await apiError(client.crm.lists.listsApi.getById("999"))).code).toBe(404);
  });
});
