// Archive, merge and upsert: the record lifecycle beyond plain CRUD.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Client } from "@hubspot/api-client";
import type { RunningSandbox } from "./server";
import { FIXED } from "./seed";
import { admin, apiError, sdkClient, start } from "./test-helpers";

let sb: RunningSandbox;
let client: Client;
beforeAll(async () => {
  sb = await start({ contacts: 300, searchPerSecondLimit: false });
  ({ client } = await sdkClient(sb));
});
beforeEach(() => sb.reset());
afterAll(() => sb.close());

describe("archive", () => {
  it("archived contacts: 404 on GET, absent from list and search, visible with archived=true", async () => {
    await client.crm.contacts.basicApi.archive(FIXED.joseNunez.id);
    expect((await apiError(client.crm.contacts.basicApi.getById(FIXED.joseNunez.id))).code).toBe(404);
    const archived = await client.crm.contacts.basicApi.getById(FIXED.joseNunez.id, undefined, undefined, undefined, true);
    expect(archived.archived).toBe(true);
    expect(archived.archivedAt).toBeInstanceOf(Date);
    const live = await client.crm.contacts.getAll();
    expect(live.some((c) => c.id === FIXED.joseNunez.id)).toBe(false);
    const onlyArchived = await client.crm.contacts.basicApi.getPage(100, undefined, undefined, undefined, undefined, true);
    expect(onlyArchived.results.map((c) => c.id)).toEqual([FIXED.joseNunez.id]);
    // The email is free again: a new contact may take it.
    const again = await client.crm.contacts.basicApi.create({ properties: { email: FIXED.joseNunez.email }, associations: [] });
    expect(again.id).not.toBe(FIXED.joseNunez.id);
    const viaAdmin = await admin(sb, "GET", `contacts?email=${FIXED.joseNunez.email}`);
    expect(viaAdmin.matches).toHaveLength(2);
  });

  it("batch archive returns 204", async () => {
    await client.crm.contacts.batchApi.archive({ inputs: [{ id: FIXED.liWei.id }, { id: FIXED.zoeUnal.id }] });
    const r: any = await client.crm.contacts.batchApi.read({ inputs: [{ id: FIXED.liWei.id }, { id: FIXED.zoeUnal.id }], properties: [], propertiesWithHistory: [] });
    expect(r.numErrors).toBe(1);
    expect(r.errors[0].context.ids.sort()).toEqual([FIXED.liWei.id, FIXED.zoeUnal.id].sort());
  });
});

describe("merge", () => {
  it("creates a new record; both old ids resolve to it; primary wins; hs_merged_object_ids", async () => {
    const merged = await client.crm.contacts.basicApi.merge({ primaryObjectId: FIXED.existingLead.id, objectIdToMerge: FIXED.joseNunez.id });
    expect(merged.id).not.toBe(FIXED.existingLead.id);
    expect(merged.id).not.toBe(FIXED.joseNunez.id);
    expect(merged.properties.email).toBe(FIXED.existingLead.email);
    expect(merged.properties.hs_merged_object_ids!.split(";").sort()).toEqual([FIXED.existingLead.id, FIXED.joseNunez.id].sort());
    expect(merged.properties.hs_additional_emails).toBe(FIXED.joseNunez.email);
    for (const old of [FIXED.existingLead.id, FIXED.joseNunez.id]) {
      const got = await client.crm.contacts.basicApi.getById(old, ["email"]);
      expect(got.id).toBe(merged.id);
    }
    const byEmail = await client.crm.contacts.basicApi.getById(FIXED.existingLead.email, undefined, undefined, undefined, false, "email");
    expect(byEmail.id).toBe(merged.id);
    const s = await client.crm.contacts.searchApi.doSearch({ filterGroups: [{ filters: [{ propertyName: "firstname", operator: "EQ" as any, value: "Existing" }] }], sorts: [], properties: [], limit: 10, after: "0" });
    expect(s.results.map((c) => c.id).sort()).toEqual([FIXED.existingCustomer.id, merged.id].sort());
    expect((await apiError(client.crm.contacts.basicApi.merge({ primaryObjectId: merged.id, objectIdToMerge: "1" }))).code).toBe(404);
  });
});

describe("batch upsert by email", () => {
  it("updates the matching contact (new:false) and creates the rest (new:true)", async () => {
    const r = await client.crm.contacts.batchApi.upsert({
      inputs: [
        { id: "Existing.Lead@example.com", idProperty: "email", properties: { jobtitle: "VP Growth" } },
        { id: "brand.new@example.com", idProperty: "email", properties: { firstname: "Brand" } },
      ],
    });
    const byId = new Map(r.results.map((x) => [x.id, x]));
    expect(byId.get(FIXED.existingLead.id)?._new).toBe(false);
    const created = r.results.find((x) => x.id !== FIXED.existingLead.id)!;
    expect(created._new).toBe(true);
    expect((await admin(sb, "GET", `contacts/${created.id}`)).properties).toMatchObject({ email: "brand.new@example.com", firstname: "Brand" });
    expect((await admin(sb, "GET", `contacts/${FIXED.existingLead.id}`)).properties.jobtitle).toBe("VP Growth");
  });
});
