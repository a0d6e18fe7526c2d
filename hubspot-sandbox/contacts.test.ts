import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Client } from "@hubspot/api-client";
import type { RunningSandbox } from "./server";
import { FIXED } from "./seed";
import { admin, apiError, sdkClient, start } from "./test-helpers";

let sb: RunningSandbox;
let client: Client;
beforeAll(async () => {
  sb = await start();
  ({ client } = await sdkClient(sb));
});
beforeEach(() => sb.reset());
afterAll(() => sb.close());

describe("read", () => {
  it("lists with limit/after paging (after = next record id) and default properties", async () => {
    const page = await client.crm.contacts.basicApi.getPage(3);
    expect(page.results.map((r) => r.id)).toEqual([FIXED.existingLead.id, FIXED.existingCustomer.id, FIXED.noEmail.id]);
    expect(Object.keys(page.results[0].properties).sort()).toEqual(["createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname"]);
    expect(page.results[0].createdAt).toBeInstanceOf(Date);
    expect(page.results[0].archived).toBe(false);
    expect(page.paging?.next?.after).toBe("51000000004");
    const next = await client.crm.contacts.basicApi.getPage(2, page.paging!.next!.after);
    expect(next.results[0].id).toBe("51000000004");
    const e = await apiError(client.crm.contacts.basicApi.getPage(101));
    expect(e.code).toBe(400);
  });

  it("getAll pages through every contact", async () => {
    const all = await client.crm.contacts.getAll(100);
    expect(all.length).toBe(2000);
    expect(new Set(all.map((c) => c.id)).size).toBe(2000);
  });

  it("gets by id and by email (case-insensitive) with selected properties", async () => {
    const byId = await client.crm.contacts.basicApi.getById(FIXED.existingLead.id, ["lifecyclestage", "hubspot_owner_id", "nope"]);
    expect(byId.properties).toEqual({
      lifecyclestage: "lead",
      hubspot_owner_id: "300000102",
      createdate: byId.properties.createdate,
      hs_object_id: FIXED.existingLead.id,
      lastmodifieddate: byId.properties.lastmodifieddate,
    });
    const byEmail = await client.crm.contacts.basicApi.getById("Existing.Lead@EXAMPLE.com", ["email"], undefined, undefined, false, "email");
    expect(byEmail.id).toBe(FIXED.existingLead.id);
    expect(byEmail.properties.email).toBe("existing.lead@example.com");
    const missing = await apiError(client.crm.contacts.basicApi.getById("1"));
    expect(missing.code).toBe(404);
    expect(missing.body.category).toBe("OBJECT_NOT_FOUND");
  });

  it("returns null for requested properties without a value and keeps non-ASCII text", async () => {
    const c = await client.crm.contacts.basicApi.getById(FIXED.liWei.id, ["firstname", "lastname", "phone"]);
    expect(c.properties.firstname).toBe("伟");
    expect(c.properties.lastname).toBe("李");
    expect(c.properties.phone).toBeNull();
  });

  it("batch read: 200 when all found, 207 with OBJECT_NOT_FOUND for missing ids, idProperty=email", async () => {
    const ok = await client.crm.contacts.batchApi.read({ inputs: [{ id: FIXED.existingLead.id }, { id: FIXED.joseNunez.id }], properties: ["firstname"], propertiesWithHistory: [] });
    expect(ok.status).toBe("COMPLETE");
    expect(ok.results.map((r) => r.properties.firstname).sort()).toEqual(["Existing", "José"]);
    expect((ok as any).numErrors).toBeUndefined();
    const partial: any = await client.crm.contacts.batchApi.read({ inputs: [{ id: FIXED.existingLead.id }, { id: "999" }], properties: [], propertiesWithHistory: [] });
    expect(partial.results).toHaveLength(1);
    expect(partial.numErrors).toBe(1);
    expect(partial.errors[0]).toMatchObject({ status: "error", category: "OBJECT_NOT_FOUND", context: { ids: ["999"] } });
    const byEmail = await client.crm.contacts.batchApi.read({ idProperty: "email", inputs: [{ id: "JOSE.NUNEZ@example.com" }], properties: ["email"], propertiesWithHistory: [] });
    expect(byEmail.results[0].id).toBe(FIXED.joseNunez.id);
    const tooMany = await apiError(client.crm.contacts.batchApi.read({ inputs: Array.from({ length: 101 }, (_, i) => ({ id: String(i) })), properties: [], propertiesWithHistory: [] }));
    expect(tooMany.code).toBe(400);
  });
});

describe("write", () => {
  it("creates (201) with lower-cased email and returns 409 CONFLICT with the existing id on duplicates", async () => {
    const c = await client.crm.contacts.basicApi.create({ properties: { email: "  New.Person@Example.COM ", firstname: "Zoë", lifecyclestage: "lead", spara_demo_date: "2026-03-01" }, associations: [] });
    expect(c.id).toMatch(/^\d+$/);
    expect(c.properties).toMatchObject({ email: "new.person@example.com", firstname: "Zoë", hs_object_id: c.id, spara_demo_date: "2026-03-01" });
    const dup = await apiError(client.crm.contacts.basicApi.create({ properties: { email: "NEW.PERSON@example.com" }, associations: [] }));
    expect(dup.code).toBe(409);
    expect(dup.body.category).toBe("CONFLICT");
    expect(dup.body.message).toBe(`Contact already exists. Existing ID: ${c.id}`);
    expect(/Existing ID:\s*(\d+)/.exec(dup.body.message)![1]).toBe(c.id);
  });

  it("rejects invalid values with HubSpot's VALIDATION_ERROR shape", async () => {
    const e = await apiError(
      client.crm.contacts.basicApi.create({
        properties: { email: "v@example.com", lifecyclestage: "Lead", nope: "x", hs_object_id: "5", spara_demo_date: "2026-03-01T10:00:00Z", spara_lead_score: "abc", spara_qualified: "yes", spara_interests: "pricing;golf", hubspot_owner_id: "123" },
        associations: [],
      }),
    );
    expect(e.code).toBe(400);
    expect(e.body.category).toBe("VALIDATION_ERROR");
    expect(e.body.message).toMatch(/^Property values were not valid: \[/);
    const codes = Object.fromEntries(e.body.errors.map((x: any) => [x.context.propertyName[0], x.code]));
    expect(codes).toEqual({
      lifecyclestage: "INVALID_OPTION",
      nope: "PROPERTY_DOESNT_EXIST",
      hs_object_id: "READ_ONLY_VALUE",
      spara_demo_date: "INVALID_DATE",
      spara_lead_score: "INVALID_LONG",
      spara_qualified: "INVALID_BOOLEAN",
      spara_interests: "INVALID_OPTION",
      hubspot_owner_id: "INVALID_OWNER_ID",
    });
    expect(e.body.errors.find((x: any) => x.code === "INVALID_DATE").message).toBe("2026-03-01T10:00:00Z is at 10:00:00.000 UTC, not midnight!");
    expect(await admin(sb, "GET", "contacts?email=v@example.com")).toMatchObject({ category: "OBJECT_NOT_FOUND" });
  });

  it("refuses a string longer than 65,536 characters", async () => {
    const e = await apiError(client.crm.contacts.basicApi.create({ properties: { email: "long@example.com", message: "x".repeat(65_537) }, associations: [] }));
    expect(e.code).toBe(400);
    expect(e.body.errors[0]).toMatchObject({ code: "INVALID_STRING_LENGTH", context: { propertyName: ["message"] } });
    const ok = await client.crm.contacts.basicApi.create({ properties: { email: "long@example.com", message: "x".repeat(65_536) }, associations: [] });
    expect(ok.properties.email).toBe("long@example.com");
  });

  it("accepts surrounding whitespace on non-string values (HubSpot cancelled rejecting it), unless told to reject it", async () => {
    const lenient = await client.crm.contacts.basicApi.create({ properties: { email: "ws1@example.com", spara_lead_score: " 12 " }, associations: [] });
    expect(lenient.properties.spara_lead_score).toBe("12");
    sb.configure({ rejectSurroundingWhitespace: true });
    try {
      const e = await apiError(client.crm.contacts.basicApi.create({ properties: { email: "ws2@example.com", spara_lead_score: " 12 ", firstname: " Ann " }, associations: [] }));
      expect(e.code).toBe(400);
      // Only the non-string property is refused; string values keep their spaces as HubSpot does.
      expect(e.body.errors.map((x: any) => [x.context.propertyName[0], x.code])).toEqual([["spara_lead_score", "LEADING_TRAILING_WHITESPACE"]]);
    } finally {
      sb.configure({ rejectSurroundingWhitespace: false });
    }
  });

  it("accepts every type in HubSpot's formats", async () => {
    const c = await client.crm.contacts.basicApi.create({
      properties: { email: "types@example.com", spara_lead_score: "12.5", spara_qualified: "TRUE", spara_demo_date: String(Date.UTC(2026, 2, 1)), spara_last_conversation_at: "2026-03-01T10:11:12Z", spara_interests: "pricing;api", spara_region: "apac", spara_source: "webinar", hubspot_owner_id: "300000109", numemployees: "1000+" },
      associations: [],
    });
    expect(c.properties).toMatchObject({ spara_lead_score: "12.5", spara_qualified: "true", spara_demo_date: "2026-03-01", spara_last_conversation_at: "2026-03-01T10:11:12.000Z", spara_interests: "pricing;api" });
  });

  it("updates by id and by email; empty string clears; lifecycle stage only moves forward", async () => {
    const u = await client.crm.contacts.basicApi.update(FIXED.existingLead.id, { properties: { jobtitle: "CMO", phone: "" } });
    expect(u.properties.jobtitle).toBe("CMO");
    expect(u.properties.phone).toBeNull();
    const back = await client.crm.contacts.basicApi.update(FIXED.existingCustomer.email, { properties: { lifecyclestage: "lead", firstname: "Still" } }, "email");
    expect(back.properties.firstname).toBe("Still");
    const full = await admin(sb, "GET", `contacts/${FIXED.existingCustomer.id}`);
    expect(full.properties.lifecyclestage).toBe("customer");
    const fwd = await client.crm.contacts.basicApi.update(FIXED.existingLead.id, { properties: { lifecyclestage: "opportunity" } });
    expect(fwd.properties.lifecyclestage).toBe("opportunity");
    expect(new Date(fwd.properties.lastmodifieddate!).getTime()).toBeGreaterThan(new Date(full.properties.createdate).getTime());
    expect((await apiError(client.crm.contacts.basicApi.update("1", { properties: { firstname: "x" } }))).code).toBe(404);
  });

  it("batch create: 201, then 409 for the whole batch on a duplicate (existing or inside the batch)", async () => {
    const ok = await client.crm.contacts.batchApi.create({ inputs: [{ properties: { email: "b1@example.com" }, associations: [] }, { properties: { email: "b2@example.com" }, associations: [] }] });
    expect(ok.results).toHaveLength(2);
    const conflict = await apiError(client.crm.contacts.batchApi.create({ inputs: [{ properties: { email: "b3@example.com" }, associations: [] }, { properties: { email: "existing.lead@example.com" }, associations: [] }] }));
    expect(conflict.code).toBe(409);
    expect(conflict.body.message).toBe(`Contact already exists. Existing ID: ${FIXED.existingLead.id}`);
    expect(await admin(sb, "GET", "contacts?email=b3@example.com")).toMatchObject({ category: "OBJECT_NOT_FOUND" });
    const inBatch = await apiError(client.crm.contacts.batchApi.create({ inputs: [{ properties: { email: "b4@example.com" }, associations: [] }, { properties: { email: "B4@example.com" }, associations: [] }] }));
    expect(inBatch.code).toBe(409);
  });

  it("batch create: invalid input fails the whole batch (400) unless objectWriteTraceIds are given (207)", async () => {
    const all = await apiError(client.crm.contacts.batchApi.create({ inputs: [{ properties: { email: "ok1@example.com" }, associations: [] }, { properties: { email: "bad@example.com", lifecyclestage: "nope" }, associations: [] }] }));
    expect(all.code).toBe(400);
    expect(all.body.category).toBe("VALIDATION_ERROR");
    const partial: any = await client.crm.contacts.batchApi.create({
      inputs: [
        { properties: { email: "ok2@example.com" }, associations: [], objectWriteTraceId: "t1" },
        { properties: { email: "bad2@example.com", lifecyclestage: "nope" }, associations: [], objectWriteTraceId: "t2" },
      ],
    });
    expect(partial.results).toHaveLength(1);
    expect(partial.numErrors).toBe(1);
    expect(partial.errors[0]).toMatchObject({ category: "VALIDATION_ERROR", context: { objectWriteTraceId: ["t2"] } });
  });

  it("batch update: 200, 207 for unknown ids, 400 for duplicate ids or idProperty=email", async () => {
    const ok = await client.crm.contacts.batchApi.update({ inputs: [{ id: FIXED.existingLead.id, properties: { city: "Kraków" } }] });
    expect(ok.results[0].properties.city).toBe("Kraków");
    const partial: any = await client.crm.contacts.batchApi.update({ inputs: [{ id: FIXED.joseNunez.id, properties: { city: "Madrid" } }, { id: "123", properties: { city: "x" } }] });
    expect(partial.numErrors).toBe(1);
    expect(partial.errors[0]).toMatchObject({ category: "OBJECT_NOT_FOUND", context: { ids: ["123"] } });
    expect(partial.results[0].properties.city).toBe("Madrid");
    const dup = await apiError(client.crm.contacts.batchApi.update({ inputs: [{ id: FIXED.joseNunez.id, properties: {} }, { id: FIXED.joseNunez.id, properties: {} }] }));
    expect(dup.code).toBe(400);
    const byEmail = await apiError(client.crm.contacts.batchApi.update({ inputs: [{ id: "jose.nunez@example.com", idProperty: "email", properties: { city: "x" } }] }));
    expect(byEmail.code).toBe(400);
    expect(byEmail.body.message).toContain("Unable to perform update/upsert by non-unique 0-1 property");
  });
});
