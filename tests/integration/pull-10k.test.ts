/**
 * Past HubSpot's 10,000-result search cap: a portal with 10,300 matching contacts is imported completely (the walk
 * goes by hs_object_id, never by offset), an incremental run afterwards touches only what changed, and the preview
 * reports search's real total. Search limits are relaxed in the sandbox (and pull's spacing with them) to keep it fast.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { startHarness, type Harness, type SandboxContact } from "./harness";

const CONTACTS = 10_300;
let h: Harness;
let all: SandboxContact[];
let ruleId: string;

beforeAll(async () => {
  h = await startHarness({ contacts: CONTACTS });
  await h.connect();
  await h.setSettings({ updateExisting: false, createNew: false, syncOwner: false, mappings: [{ leadField: "firstName", hubspotProperty: "firstname", writeRule: "overwrite" }] });
  h.sandbox.configure({ searchPerSecondLimit: false, tenSecondlyLimit: false });
  // The per-portal budget's search bucket opened up to match the relaxed sandbox (only in this test process).
  const { BUDGETS } = await import("@/lib/sync/budget");
  BUDGETS.search.limit = 1_000;
  all = h.allContacts();
  // Every contact has a create date: the rule matches the whole portal.
  ruleId = (await h.createPullRule({ name: "Everyone", filters: [{ property: "createdate", operator: "HAS_PROPERTY" }] })).id;
}, 60_000);

afterAll(async () => {
  await h?.close();
});

afterEach(() => {
  expect(h.failedRuns()).toEqual([]);
});

async function lastRun() {
  const [rule] = await h.db.select().from(h.schema.pullRules).where(eq(h.schema.pullRules.id, ruleId));
  const [run] = await h.db.select().from(h.schema.syncRuns).where(eq(h.schema.syncRuns.id, rule.lastRunId!));
  return run;
}

describe("more than 10,000 matching contacts", () => {
  it("the preview reports search's real total", async () => {
    const { previewPullRule } = await import("@/lib/sync/pull-preview");
    const { getPortalAccess } = await import("@/lib/sync/connection");
    const preview = await previewPullRule(h.db, h.workspaceId, (await getPortalAccess(h.db, h.workspaceId))!, { filters: [{ property: "createdate", operator: "HAS_PROPERTY" }], listId: null });
    expect(preview.total).toBe(CONTACTS);
    expect(preview).toMatchObject({ totalExact: true, alreadyLeads: 0, scanned: 1000 });
    expect(preview.sample).toHaveLength(10);
    const first = all.find((c) => c.id === preview.sample[0].contactId)!;
    expect(preview.sample[0].fields).toEqual([
      { key: "email", label: "Email", value: first.properties.email ?? "—" },
      { key: "firstName", label: "First name", value: first.properties.firstname ?? "—" },
    ]);
  });

  it("imports every one of them, each once", async () => {
    const withEmail = all.filter((c) => c.properties.email);
    expect(all.length).toBe(CONTACTS);
    await h.requestPull(ruleId);

    const run = await lastRun();
    expect(run.status).toBe("completed");
    expect(run.counts).toEqual({ imported: withEmail.length, skipped: CONTACTS - withEmail.length, pages: Math.ceil(CONTACTS / 200) });
    const [{ leads, contacts }] = await h.db
      .select({ leads: sql<number>`count(*)::int`, contacts: sql<number>`count(distinct ${h.schema.leads.hubspotContactId})::int` })
      .from(h.schema.leads)
      .where(eq(h.schema.leads.workspaceId, h.workspaceId));
    expect({ leads, contacts }).toEqual({ leads: withEmail.length, contacts: withEmail.length });
    // The last contacts (far past the 10,000th) are leads.
    const last = withEmail.at(-1)!;
    expect((await h.lead(last.properties.email!.toLowerCase())).hubspotContactId).toBe(last.id);
  }, 120_000);

  it("then pulls incrementally: only contacts modified since the last run", async () => {
    const changed = [all[5], all[5_000], all.at(-1)!].filter((c) => c.properties.email);
    for (const c of changed) await h.patchContact(c.id, { firstname: `Changed ${c.id}` });
    await h.requestPull(ruleId);
    const run = await lastRun();
    expect(run.status).toBe("completed");
    expect(run.counts).toEqual({ updated: changed.length, pages: 1 });
    for (const c of changed) expect((await h.lead(c.properties.email!.toLowerCase())).fields.firstName).toBe(`Changed ${c.id}`);
  });
});
