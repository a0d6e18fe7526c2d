/**
 * "Resync all leads": the real resync-leads Inngest function marks every lead with an email push-pending, then wakes
 * the real push, which writes them through the ordinary outbox path (batch reads, batch writes, write rules, records).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, isNull, isNotNull } from "drizzle-orm";
import { ACTOR, countByRoute, crmRequests, startHarness, type Harness, type MappingRow } from "./harness";

const MAPPINGS: MappingRow[] = [
  { leadField: "firstName", hubspotProperty: "firstname", writeRule: "overwrite" },
  { leadField: "company", hubspotProperty: "company", writeRule: "fill_empty" },
];
const WITH_EMAIL = 150;

let h: Harness;
let resync: typeof import("@/lib/sync/resync");

const emailOf = (i: number) => `resync.${String(i).padStart(3, "0")}@example.org`;

beforeAll(async () => {
  h = await startHarness({ contacts: 10 });
  resync = await import("@/lib/sync/resync");
  await h.connect();
  await h.setSettings({ updateExisting: true, createNew: true, syncOwner: false, mappings: MAPPINGS });
  for (let i = 0; i < WITH_EMAIL; i++) await h.capture({ conversationId: `conv-resync-${i}`, fields: { email: emailOf(i), firstName: `First ${i}`, company: `Co ${i}` } });
  // Leads without an email: never pushed, and a resync must not touch them.
  for (let i = 0; i < 3; i++) await h.capture({ conversationId: `conv-anon-${i}`, fields: { firstName: `Anon ${i}` } });
  await h.requestPush();
  expect(await pendingWithEmail()).toBe(0);
}, 60_000);

afterAll(async () => {
  await h?.close();
});

afterEach(() => {
  expect(h.failedRuns()).toEqual([]);
});

async function pendingWithEmail() {
  const rows = await h.db
    .select({ id: h.schema.leads.id })
    .from(h.schema.leads)
    .where(and(eq(h.schema.leads.workspaceId, h.workspaceId), eq(h.schema.leads.pushPending, true), isNotNull(h.schema.leads.email)));
  return rows.length;
}

async function leadsWithoutEmail() {
  return h.db.select().from(h.schema.leads).where(and(eq(h.schema.leads.workspaceId, h.workspaceId), isNull(h.schema.leads.email)));
}

async function pushRecords() {
  return h.db.select().from(h.schema.syncRecords).where(and(eq(h.schema.syncRecords.workspaceId, h.workspaceId), eq(h.schema.syncRecords.direction, "push")));
}

async function run(runId: string) {
  const [row] = await h.db.select().from(h.schema.syncRuns).where(eq(h.schema.syncRuns.id, runId));
  return row;
}

describe("Resync all leads", () => {
  it("refuses while HubSpot is disconnected or Update matching is off", async () => {
    await h.setSettings({ updateExisting: false, createNew: false, syncOwner: false, mappings: MAPPINGS });
    expect(await resync.resyncRefusal(h.db, h.workspaceId)).toMatch(/Update matching HubSpot Contacts.*is off/);
    await h.setSettings({ updateExisting: true, createNew: true, syncOwner: false, mappings: MAPPINGS });
    await h.disconnect();
    expect(await resync.resyncRefusal(h.db, h.workspaceId)).toMatch(/HubSpot is not connected/);
    await h.connect();
    expect(await resync.resyncRefusal(h.db, h.workspaceId)).toBeNull();
  });

  it("pushes every lead with an email once through the batch path; leads without an email are untouched", async () => {
    // HubSpot drifted: three contacts' first names were edited there, one company was filled in there.
    const drifted = [3, 77, 149].map(emailOf);
    for (const email of drifted) {
      const [c] = await h.contactsByEmail(email);
      await h.patchContact(c.id, { firstname: "Edited in HubSpot" });
    }
    const [coContact] = await h.contactsByEmail(emailOf(10));
    await h.patchContact(coContact.id, { company: "" });
    await h.patchContact(coContact.id, { company: "HubSpot Co" });
    const anonBefore = await leadsWithoutEmail();
    expect(anonBefore).toHaveLength(3);
    const logFrom = (await h.requestLog()).length;
    const before = await pushRecords();

    const runId = await resync.startResync(h.db, h.workspaceId, ACTOR);
    expect(await run(runId)).toMatchObject({ kind: "resync", status: "running" });
    await h.send([{ name: "hubspot/resync.requested", data: { workspaceId: h.workspaceId, runId } }]);

    // The run: completed with what it marked.
    expect(await run(runId)).toMatchObject({ kind: "resync", status: "completed", counts: { pages: 1, marked: WITH_EMAIL }, error: null });
    const fns = h.runner.runs().map((r) => r.functionId);
    expect(fns).toContain("spara-hubspot-resync-leads");

    // Every lead with an email got exactly one new push record: updated where HubSpot drifted, unchanged elsewhere.
    const after = await pushRecords();
    const fresh = after.filter((r) => !before.some((b) => b.id === r.id));
    expect(fresh).toHaveLength(WITH_EMAIL);
    expect(new Set(fresh.map((r) => r.leadId)).size).toBe(WITH_EMAIL);
    const leadRows = await h.db.select().from(h.schema.leads).where(inArray(h.schema.leads.id, fresh.map((r) => r.leadId!)));
    const emailById = new Map(leadRows.map((l) => [l.id, l.email!]));
    for (const r of fresh) {
      const email = emailById.get(r.leadId!)!;
      if (drifted.includes(email)) {
        const i = Number(email.slice(7, 10));
        expect(r).toMatchObject({ status: "updated", changes: [{ field: "firstName", property: "firstname", old: "Edited in HubSpot", new: `First ${i}` }], fieldErrors: [] });
      } else {
        expect(r).toMatchObject({ status: "unchanged", fieldErrors: [] });
      }
    }
    for (const email of drifted) {
      const contacts = await h.contactsByEmail(email);
      expect(contacts).toHaveLength(1);
      expect(contacts[0].properties.firstname).toBe(`First ${Number(email.slice(7, 10))}`);
    }
    // "Update if field is empty": HubSpot's own company is kept.
    expect((await h.contact(coContact.id))!.properties.company).toBe("HubSpot Co");
    expect(leadRows.every((l) => !l.pushPending && l.hubspotContactId)).toBe(true);

    // Through the same path: batch reads by email and one batch update, nothing else (no single-record calls).
    expect(countByRoute(crmRequests(await h.requestsSince(logFrom)))).toEqual({
      "POST /crm/v3/objects/contacts/batch/read": 2,
      "POST /crm/v3/objects/contacts/batch/update": 1,
    });

    // Leads without an email: not marked, no record.
    const anonAfter = await leadsWithoutEmail();
    expect(anonAfter.map((l) => ({ id: l.id, v: l.pushVersion, p: l.pushPending })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      anonBefore.map((l) => ({ id: l.id, v: l.pushVersion, p: false })).sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(after.filter((r) => anonAfter.some((l) => l.id === r.leadId))).toEqual([]);

    // Progress as the settings page shows it.
    expect(await resync.resyncProgress(h.db, h.workspaceId)).toMatchObject({ runId, status: "completed", marked: WITH_EMAIL, pending: 0, pushed: WITH_EMAIL });
  });

  it("marks in id order, one batch at a time, with absolute progress a retried step rewrites rather than adds to", async () => {
    const versions = new Map((await h.db.select().from(h.schema.leads).where(eq(h.schema.leads.workspaceId, h.workspaceId))).map((l) => [l.id, l.pushVersion]));
    const runId = await resync.startResync(h.db, h.workspaceId, ACTOR);
    const start = { afterId: null, pages: 0, marked: 0 };

    const first = await resync.markResyncBatches(h.db, h.workspaceId, runId, start, { batches: 2, batchSize: 40 });
    expect(first).toMatchObject({ pages: 2, marked: 80, done: false });
    expect((await run(runId)).counts).toEqual({ pages: 2, marked: 80 });
    // The same step again (an Inngest retry after it marked): same cursor in, same numbers out.
    const retried = await resync.markResyncBatches(h.db, h.workspaceId, runId, start, { batches: 2, batchSize: 40 });
    expect(retried).toEqual(first);
    expect((await run(runId)).counts).toEqual({ pages: 2, marked: 80 });
    expect(await pendingWithEmail()).toBe(80);

    const second = await resync.markResyncBatches(h.db, h.workspaceId, runId, first, { batches: 2, batchSize: 40 });
    expect(second).toMatchObject({ pages: 4, marked: WITH_EMAIL, done: true });
    expect((await run(runId)).counts).toEqual({ pages: 4, marked: WITH_EMAIL });
    expect(await pendingWithEmail()).toBe(WITH_EMAIL);

    // Every lead with an email moved on one version (two for the retried batches); the others did not move.
    const now = await h.db.select().from(h.schema.leads).where(eq(h.schema.leads.workspaceId, h.workspaceId));
    const bumps = now.filter((l) => l.email).map((l) => l.pushVersion - versions.get(l.id)!);
    expect(bumps.filter((b) => b === 2)).toHaveLength(80);
    expect(bumps.filter((b) => b === 1)).toHaveLength(WITH_EMAIL - 80);
    expect(now.filter((l) => !l.email).every((l) => l.pushVersion === versions.get(l.id) && !l.pushPending)).toBe(true);

    // The push then takes them all; nothing changed in HubSpot, so nothing is written.
    await resync.finishResync(h.db, runId, { pages: second.pages, marked: second.marked });
    const logFrom = (await h.requestLog()).length;
    await h.requestPush();
    expect(await pendingWithEmail()).toBe(0);
    expect(countByRoute(crmRequests(await h.requestsSince(logFrom)))).toEqual({ "POST /crm/v3/objects/contacts/batch/read": 2 });
  });

  it("a second resync is refused while one is still marking", async () => {
    const runId = await resync.startResync(h.db, h.workspaceId, ACTOR);
    expect(await resync.resyncRefusal(h.db, h.workspaceId)).toMatch(/already marking/);
    await resync.finishResync(h.db, runId, { pages: 0, marked: 0 });
    expect(await resync.resyncRefusal(h.db, h.workspaceId)).toBeNull();
  });
});
