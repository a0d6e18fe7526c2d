/**
 * Owner data end to end: with "Sync contact owner" on, the contact owner read on push and on pull fills the lead's owner
 * fields through the owners API; the owner-sync function follows changes made in HubSpot.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { desc, eq } from "drizzle-orm";
import { countByRoute, crmRequests, startHarness, type Harness, type MappingRow } from "./harness";

// Seeded contacts and owners (hubspot-sandbox/seed.ts FIXED, owners.ts).
const CUSTOMER = { id: "51000000002", email: "existing.customer@example.com" }; // owner 300000101
const EXISTING_LEAD = { id: "51000000001", email: "existing.lead@example.com" }; // owner 300000102
const LI_WEI = { id: "51000000007", email: "li.wei@example.com" }; // owner 300000105
const ORPHANED = { id: "51000000008", email: "deactivated.owner@example.com" }; // owner 300000109 (deactivated)
const UNASSIGNED = { id: "51000000009", email: "unassigned.contact@example.com" }; // no owner

const ALEX = { ownerId: "300000101", ownerFirstName: "Alex", ownerLastName: "Rivera", ownerEmail: "hubspot-admin@acme-demo.com" };
const MARIA = { ownerId: "300000102", ownerFirstName: "María", ownerLastName: "González", ownerEmail: "maria.gonzalez@acme-demo.com" };
const PRIYA = { ownerId: "300000104", ownerFirstName: "Priya", ownerLastName: "Natarajan", ownerEmail: "priya.natarajan@acme-demo.com" };
const WEI = { ownerId: "300000105", ownerFirstName: "Wei", ownerLastName: "Chen", ownerEmail: "wei.chen@acme-demo.com" };
const NO_OWNER = { ownerId: null, ownerFirstName: null, ownerLastName: null, ownerEmail: null };

const MAPPINGS: MappingRow[] = [{ leadField: "firstName", hubspotProperty: "firstname", writeRule: "overwrite" }];

let h: Harness;

function ownerOf(lead: { ownerId: string | null; ownerFirstName: string | null; ownerLastName: string | null; ownerEmail: string | null }) {
  return { ownerId: lead.ownerId, ownerFirstName: lead.ownerFirstName, ownerLastName: lead.ownerLastName, ownerEmail: lead.ownerEmail };
}

beforeAll(async () => {
  h = await startHarness({ contacts: 10 });
  await h.connect();
  await h.setSettings({ updateExisting: true, createNew: true, syncOwner: true, mappings: MAPPINGS });
});

afterAll(async () => {
  await h?.close();
});

afterEach(() => {
  expect(h.failedRuns()).toEqual([]);
});

describe("owner data", () => {
  it("a pushed lead gets its contact's active owner", async () => {
    const before = (await h.requestLog()).length;
    await h.capture({ conversationId: "conv-customer", fields: { email: CUSTOMER.email, firstName: "Existing" } });
    await h.requestPush();

    const lead = await h.lead(CUSTOMER.email);
    expect(lead.hubspotContactId).toBe(CUSTOMER.id);
    expect(ownerOf(lead)).toEqual(ALEX);
    expect(lead.ownerSince).toBeInstanceOf(Date);
    expect(lead.ownerCheckedAt).toBeInstanceOf(Date);
    const [record] = await h.records(lead.id);
    expect(record).toMatchObject({ status: "unchanged", changes: [{ field: "owner", property: "hubspot_owner_id", old: null, new: ALEX.ownerId }] });

    // Cost with owner sync on and an empty owner cache: the directory is read once (active + deactivated).
    const cost = crmRequests(await h.requestsSince(before));
    console.log(`[requests per captured lead, owner sync on, cold owner cache] ${cost.length} ${JSON.stringify(countByRoute(cost))}`);
    expect(countByRoute(cost)).toEqual({ "POST /crm/v3/objects/contacts/batch/read": 1, "GET /crm/v3/owners": 2 });
  });

  it("a pushed lead whose contact is owned by a deactivated owner has no owner", async () => {
    const before = (await h.requestLog()).length;
    await h.capture({ conversationId: "conv-orphaned", fields: { email: ORPHANED.email, firstName: "Orphaned" } });
    await h.requestPush();

    const lead = await h.lead(ORPHANED.email);
    expect(lead.hubspotContactId).toBe(ORPHANED.id);
    expect(ownerOf(lead)).toEqual(NO_OWNER);
    // The deactivated owner is in the cached directory: no owners call this time.
    const cost = crmRequests(await h.requestsSince(before));
    console.log(`[requests per captured lead, owner sync on, warm owner cache] ${cost.length} ${JSON.stringify(countByRoute(cost))}`);
    expect(countByRoute(cost)).toEqual({ "POST /crm/v3/objects/contacts/batch/read": 1 });
  });

  it("pulled leads get their active owner; deactivated or missing owners leave the owner fields empty", async () => {
    const rule = await h.createPullRule({ name: "Leads", filters: [{ property: "lifecyclestage", operator: "EQ", value: "lead" }] });
    await h.requestPull(rule.id);

    expect(ownerOf(await h.lead(EXISTING_LEAD.email))).toEqual(MARIA);
    expect(ownerOf(await h.lead(LI_WEI.email))).toEqual(WEI);
    expect(ownerOf(await h.lead(UNASSIGNED.email))).toEqual(NO_OWNER);
    expect(ownerOf(await h.lead(ORPHANED.email))).toEqual(NO_OWNER);
    expect((await h.lead(EXISTING_LEAD.email)).source).toBe("hubspot");
  });

  it("the owner-sync function follows owner changes made in HubSpot", async () => {
    await h.patchContact(CUSTOMER.id, { hubspot_owner_id: PRIYA.ownerId }); // another active owner
    await h.patchContact(EXISTING_LEAD.id, { hubspot_owner_id: "300000110" }); // a deactivated owner
    await h.patchContact(LI_WEI.id, { hubspot_owner_id: null }); // unassigned
    await h.patchContact(ORPHANED.id, { hubspot_owner_id: ALEX.ownerId }); // from deactivated to active

    await h.requestOwnerSync();

    expect(ownerOf(await h.lead(CUSTOMER.email))).toEqual(PRIYA);
    expect(ownerOf(await h.lead(EXISTING_LEAD.email))).toEqual(NO_OWNER);
    expect(ownerOf(await h.lead(LI_WEI.email))).toEqual(NO_OWNER);
    expect(ownerOf(await h.lead(ORPHANED.email))).toEqual(ALEX);
    expect(ownerOf(await h.lead(UNASSIGNED.email))).toEqual(NO_OWNER);

    const runs = await h.db.select().from(h.schema.syncRuns).where(eq(h.schema.syncRuns.kind, "owners"));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: "completed" });
    expect(runs[0].counts).toEqual({ updated: 4, unchanged: 1 });
    // A contact owned by a deactivated owner: the change says why the lead has no active owner now.
    expect((await h.records((await h.lead(EXISTING_LEAD.email)).id)).at(-1)).toMatchObject({
      reasonCode: "no_active_owner",
      reason: "HubSpot owner 300000110 is not an active person",
      changes: [{ field: "owner", property: "hubspot_owner_id", old: MARIA.ownerId, new: null }],
    });
    const customer = await h.lead(CUSTOMER.email);
    expect((await h.records(customer.id)).at(-1)).toMatchObject({
      direction: "owners",
      status: "updated",
      changes: [{ field: "owner", property: "hubspot_owner_id", old: ALEX.ownerId, new: PRIYA.ownerId }],
    });
  });

  it("follows contacts merged in HubSpot to their new id", async () => {
    const client = await h.hubspotClient();
    const merged = await client.crm.contacts.basicApi.merge({ primaryObjectId: ORPHANED.id, objectIdToMerge: UNASSIGNED.id });
    await h.patchContact(merged.id, { hubspot_owner_id: MARIA.ownerId });

    await h.requestOwnerSync();

    for (const email of [ORPHANED.email, UNASSIGNED.email]) {
      const lead = await h.lead(email);
      expect(lead.hubspotContactId).toBe(merged.id);
      expect(ownerOf(lead)).toEqual(MARIA);
    }
    const [run] = await h.db.select().from(h.schema.syncRuns).where(eq(h.schema.syncRuns.kind, "owners")).orderBy(desc(h.schema.syncRuns.startedAt)).limit(1);
    expect(run.counts.skipped ?? 0).toBe(0);

    // Both leads now share one contact id; the next owner sync reads it once and still covers both.
    await h.requestOwnerSync();
    const [next] = await h.db.select().from(h.schema.syncRuns).where(eq(h.schema.syncRuns.kind, "owners")).orderBy(desc(h.schema.syncRuns.startedAt)).limit(1);
    expect(next).toMatchObject({ status: "completed" });
    expect(next.id).not.toBe(run.id);
    expect(next.counts.skipped ?? 0).toBe(0);
  });

  it("does nothing while Sync contact owner is off", async () => {
    await h.setSettings({ updateExisting: true, createNew: true, syncOwner: false });
    await h.patchContact(CUSTOMER.id, { hubspot_owner_id: WEI.ownerId });
    const before = (await h.requestLog()).length;

    await h.requestOwnerSync();

    expect(ownerOf(await h.lead(CUSTOMER.email))).toEqual(PRIYA);
    expect(await h.requestsSince(before)).toEqual([]);
    const run = h.runner.runs().filter((r) => r.functionId === "spara-hubspot-sync-owners").at(-1)!;
    expect(run).toMatchObject({ status: "completed", output: expect.objectContaining({ stoppedBecause: "owner_sync_off" }) });
  });

  it("turned back on, the next owner sync fills owners again", async () => {
    await h.setSettings({ updateExisting: true, createNew: true, syncOwner: true });
    await h.requestOwnerSync();

    const lead = await h.lead(CUSTOMER.email);
    expect(ownerOf(lead)).toEqual(WEI);
    expect((await h.records(lead.id)).at(-1)).toMatchObject({ direction: "owners", changes: [{ old: PRIYA.ownerId, new: WEI.ownerId }] });
  });

  it("an owner id HubSpot does not know gives no active owner without re-reading a fresh directory", async () => {
    await h.patchContact(CUSTOMER.id, { hubspot_owner_id: "300000999" });
    const before = (await h.requestLog()).length;

    await h.requestOwnerSync();

    const lead = await h.lead(CUSTOMER.email);
    expect(ownerOf(lead)).toEqual(NO_OWNER);
    expect((await h.records(lead.id)).at(-1)).toMatchObject({
      reasonCode: "no_active_owner",
      reason: "HubSpot owner 300000999 is not an active person",
      changes: [{ field: "owner", property: "hubspot_owner_id", old: WEI.ownerId, new: null }],
    });
    // The run refreshes the directory once (active + archived pages); the unknown id does not refresh it again.
    expect(countByRoute(crmRequests(await h.requestsSince(before)))).toEqual({ "GET /crm/v3/owners": 2, "POST /crm/v3/objects/contacts/batch/read": 1 });
  });

  it("caches the owner directory per portal with deactivated owners and teams", async () => {
    const rows = await h.db.select().from(h.schema.hubspotOwners).where(eq(h.schema.hubspotOwners.workspaceId, h.workspaceId));
    expect(rows).toHaveLength(10);
    expect(rows.filter((r) => !r.active).map((r) => r.ownerId).sort()).toEqual(["300000109", "300000110"]);
    expect(rows.every((r) => r.portalId === "48151623")).toBe(true);
    const maria = rows.find((r) => r.ownerId === MARIA.ownerId)!;
    expect(maria.teams.map((t) => [t.name, t.primary])).toEqual([
      ["Sales EMEA", true],
      ["SDR", false],
    ]);
  });
});
