// The /_sandbox test endpoints and the seed's guarantees.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Client } from "@hubspot/api-client";
import type { RunningSandbox } from "./server";
import { FIXED } from "./seed";
import { admin, sdkClient, start } from "./test-helpers";
import { startSandbox } from "./server";

let sb: RunningSandbox;
let client: Client;
beforeAll(async () => {
  sb = await start();
  ({ client } = await sdkClient(sb));
});
beforeEach(() => sb.reset());
afterAll(() => sb.close());

describe("test endpoints", () => {
  it("request log: entries and counts per METHOD template; /_sandbox calls excluded; DELETE clears", async () => {
    await client.crm.contacts.basicApi.getById(FIXED.existingLead.id);
    await client.crm.contacts.basicApi.getById(FIXED.joseNunez.id);
    await client.crm.contacts.batchApi.read({ inputs: [{ id: FIXED.existingLead.id }], properties: [], propertiesWithHistory: [] });
    await admin(sb, "GET", "facts");
    const log = await admin(sb, "GET", "requests");
    expect(log.counts).toEqual({ "GET /crm/v3/objects/contacts/{contactId}": 2, "POST /crm/v3/objects/contacts/batch/read": 1 });
    expect(log.requests[2]).toMatchObject({ method: "POST", path: "/crm/v3/objects/contacts/batch/read", status: 200 });
    expect(log.requests[2].bodyBytes).toBeGreaterThan(10);
    expect(log.requests[0].at).toMatch(/^\d{4}-\d\d-\d\dT/);
    await admin(sb, "DELETE", "requests");
    expect((await admin(sb, "GET", "requests")).total).toBe(0);
  });

  it("contacts by email (all properties, archived too), by id, and PATCH bypassing validation", async () => {
    const c = await admin(sb, "GET", "contacts?email=EXISTING.LEAD@example.com");
    expect(c.id).toBe(FIXED.existingLead.id);
    expect(c.properties).toMatchObject({ lifecyclestage: "lead", hubspot_owner_id: "300000102", spara_interests: null });
    expect(Object.keys(c.properties).length).toBeGreaterThan(30);
    const p = await admin(sb, "PATCH", `contacts/${FIXED.existingLead.id}`, { properties: { hubspot_owner_id: "300000110", lifecyclestage: "subscriber" } });
    expect(p.properties).toMatchObject({ hubspot_owner_id: "300000110", lifecyclestage: "subscriber" });
    const viaApi = await client.crm.contacts.basicApi.getById(FIXED.existingLead.id, ["hubspot_owner_id"]);
    expect(viaApi.properties.hubspot_owner_id).toBe("300000110");
    expect((await admin(sb, "GET", "requests")).counts).toEqual({ "GET /crm/v3/objects/contacts/{contactId}": 1 });
  });

  it("reset reseeds data but keeps tokens unless asked", async () => {
    await client.crm.contacts.basicApi.create({ properties: { email: "temp@example.com" }, associations: [] });
    await admin(sb, "POST", "reset", {});
    expect((await admin(sb, "GET", "contacts?email=temp@example.com")).category).toBe("OBJECT_NOT_FOUND");
    expect((await client.crm.owners.ownersApi.getPage()).results.length).toBe(8);
    await admin(sb, "POST", "reset", { tokens: true });
    await expect(client.crm.owners.ownersApi.getPage()).rejects.toMatchObject({ code: 401 });
    ({ client } = await sdkClient(sb));
  });

  it("config changes token TTL and limits at runtime", async () => {
    const cfg = await admin(sb, "POST", "config", { accessTokenTtlSeconds: 60, tenSecondlyLimit: 50 });
    expect(cfg).toMatchObject({ accessTokenTtlSeconds: 60, tenSecondlyLimit: 50 });
    const t = await sb.connect();
    expect(t.expires_in).toBe(60);
    await admin(sb, "POST", "config", { accessTokenTtlSeconds: 1800, tenSecondlyLimit: 110 });
  });
});

describe("portal pages (stand-in for app.hubspot.com)", () => {
  it("serves the overview, contact record pages and the contacts list; not logged", async () => {
    const home = await (await fetch(`${sb.url}/`)).text();
    expect(home).toContain("48151623");
    const rec = await fetch(`${sb.url}/contacts/48151623/record/0-1/${FIXED.joseNunez.id}`);
    expect(rec.status).toBe(200);
    const html = await rec.text();
    expect(html).toContain("José Núñez");
    expect(html).toContain("marketingqualifiedlead");
    expect((await fetch(`${sb.url}/contacts/48151623/record/0-1/1`)).status).toBe(404);
    const list = await (await fetch(`${sb.url}/contacts/48151623/objects/0-1/views/all/list?q=existing.lead`)).text();
    expect(list).toContain(FIXED.existingLead.id);
    expect((await admin(sb, "GET", "requests")).total).toBe(0);
  });
});

describe("seed", () => {
  it("is deterministic for a seed and documents its facts", async () => {
    const f = sb.facts();
    expect(f.contacts).toBe(2000);
    expect(f.fixedContacts.existingLead).toEqual({ id: "51000000001", email: "existing.lead@example.com" });
    expect(f.withoutEmail).toBeGreaterThan(0);
    expect(Object.keys(f.lifecycleCounts).length).toBeGreaterThanOrEqual(8);
    expect(f.ownerCounts["300000109"]).toBeGreaterThan(0); // some contacts belong to a deactivated owner
    expect(f.unassigned).toBeGreaterThan(0);
    const other = await startSandbox({ port: 0, contacts: 2000 });
    try {
      expect(other.facts()).toEqual({ ...f, seedMs: other.facts().seedMs });
      const a = await admin(sb, "GET", `contacts/${f.lastId}`);
      const b = await admin(other, "GET", `contacts/${f.lastId}`);
      expect(b).toEqual(a);
    } finally {
      await other.close();
    }
  });

  it("has non-ASCII names", async () => {
    const all = await client.crm.contacts.getAll(100, undefined, ["firstname", "lastname"]);
    const names = all.map((c) => `${c.properties.firstname ?? ""} ${c.properties.lastname ?? ""}`);
    expect(names.some((n) => /[^\x00-\x7f]/.test(n))).toBe(true);
    expect(names.some((n) => /[\u4e00-\u9fff]/.test(n))).toBe(true);
  });
});
