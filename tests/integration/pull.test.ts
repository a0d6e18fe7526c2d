/**
 * Pull (HubSpot → Spara) end to end: a pull rule runs as the real Inngest function against the sandbox's search API;
 * the expected contacts are counted from the sandbox's own store, not through the code under test.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { countByRoute, crmRequests, startHarness, type Harness, type MappingRow, type SandboxContact } from "./harness";

const PORTAL_ID = "48151623";
const EXISTING_LEAD = { id: "51000000001", email: "existing.lead@example.com" };
const NO_EMAIL = { id: "51000000003" };
const LI_WEI = { id: "51000000007", email: "li.wei@example.com" };

const MAPPINGS: MappingRow[] = [
  { leadField: "firstName", hubspotProperty: "firstname", writeRule: "overwrite" },
  { leadField: "lastName", hubspotProperty: "lastname", writeRule: "overwrite" },
  { leadField: "company", hubspotProperty: "company", writeRule: "fill_empty" },
  { leadField: "city", hubspotProperty: "city", writeRule: "overwrite" },
];

let h: Harness;
let ruleId: string;
let leadStage: SandboxContact[];
let withEmail: SandboxContact[];
let withoutEmail: SandboxContact[];

async function leadCount(ws = h.workspaceId) {
  return (await h.db.select({ id: h.schema.leads.id }).from(h.schema.leads).where(eq(h.schema.leads.workspaceId, ws))).length;
}

async function lastPullRun() {
  const rule = (await h.db.select().from(h.schema.pullRules).where(eq(h.schema.pullRules.id, ruleId)))[0];
  const [run] = await h.db.select().from(h.schema.syncRuns).where(eq(h.schema.syncRuns.id, rule.lastRunId!));
  return { rule, run };
}

beforeAll(async () => {
  // 700 seeded contacts give ~250 in lifecycle stage "lead": more than one search page (200).
  h = await startHarness({ contacts: 700 });
  await h.connect();
  await h.setSettings({ updateExisting: false, createNew: false, syncOwner: false, mappings: MAPPINGS });
  leadStage = h.allContacts().filter((c) => c.properties.lifecyclestage === "lead");
  withEmail = leadStage.filter((c) => c.properties.email);
  withoutEmail = leadStage.filter((c) => !c.properties.email);
  ruleId = (await h.createPullRule({ name: "All leads", filters: [{ property: "lifecyclestage", operator: "EQ", value: "lead" }] })).id;
});

afterAll(async () => {
  await h?.close();
});

afterEach(() => {
  expect(h.failedRuns()).toEqual([]);
});

describe("pull through the Inngest function", () => {
  it("the seeded portal has what this file relies on", () => {
    expect(withEmail.length).toBeGreaterThan(200);
    expect(withoutEmail.map((c) => c.id)).toContain(NO_EMAIL.id);
    expect(withEmail.map((c) => c.id)).toEqual(expect.arrayContaining([EXISTING_LEAD.id, LI_WEI.id]));
  });

  it("imports exactly the matching contacts that have an email, links a lead that already exists, and skips contacts without email", async () => {
    // A conversation lead that already holds one of the contacts' emails: it is linked and updated, not imported.
    await h.capture({ conversationId: "conv-existing", fields: { email: EXISTING_LEAD.email, firstName: "Ex", company: "Spara Co" } });
    expect(await leadCount()).toBe(1);

    await h.requestPull(ruleId);

    const { rule, run } = await lastPullRun();
    expect(run).toMatchObject({ kind: "pull", status: "completed", pullRuleId: ruleId, error: null });
    expect(run.counts).toEqual({ imported: withEmail.length - 1, updated: 1, skipped: withoutEmail.length, pages: Math.ceil(leadStage.length / 200) });
    expect(rule.cursor).not.toBeNull();

    expect(await leadCount()).toBe(withEmail.length);
    const leads = await h.db.select().from(h.schema.leads).where(eq(h.schema.leads.workspaceId, h.workspaceId));
    const byContact = new Map(leads.map((l) => [l.hubspotContactId, l]));
    for (const c of withEmail) {
      const lead = byContact.get(c.id);
      expect(lead, `lead for contact ${c.id}`).toBeDefined();
      expect(lead!.email).toBe(c.properties.email!.toLowerCase());
      expect(lead!.hubspotPortalId).toBe(PORTAL_ID);
    }
    expect(leads.filter((l) => l.source === "hubspot")).toHaveLength(withEmail.length - 1);

    // Mapped values arrive by the mapping rows.
    const liWei = byContact.get(LI_WEI.id)!;
    expect(liWei).toMatchObject({ source: "hubspot", email: LI_WEI.email, fields: { firstName: "伟", lastName: "李" } });
    // The existing lead: Overwrite rows replace its values, the "fill if empty" row keeps its own company.
    const existing = byContact.get(EXISTING_LEAD.id)!;
    expect(existing).toMatchObject({ source: "conversation", fields: { firstName: "Existing", lastName: "Lead", company: "Spara Co", city: "Berlin" } });

    const skipped = await h.db
      .select()
      .from(h.schema.syncRecords)
      .where(and(eq(h.schema.syncRecords.runId, run.id), eq(h.schema.syncRecords.status, "skipped")));
    expect(skipped.map((r) => r.contactId).sort()).toEqual(withoutEmail.map((c) => c.id).sort());
    expect(new Set(skipped.map((r) => r.reasonCode))).toEqual(new Set(["no_email"]));

    // Nothing leaked into the other workspace.
    expect(await leadCount(h.otherWorkspaceId)).toBe(0);
  });

  it("does not mark pulled values push-pending", async () => {
    const leads = await h.db.select().from(h.schema.leads).where(eq(h.schema.leads.workspaceId, h.workspaceId));
    const pulled = leads.filter((l) => l.source === "hubspot");
    expect(pulled.every((l) => !l.pushPending && l.pushVersion === 0)).toBe(true);

    // With push on, only the conversation lead (pending since its capture) is pushed; no pulled lead is pushed back.
    await h.setSettings({ updateExisting: true, createNew: false, syncOwner: false });
    const before = (await h.requestLog()).length;
    await h.requestPush();
    const run = h.runner.runs().filter((r) => r.functionId === "spara-hubspot-push-leads").at(-1)!;
    expect(run.output).toMatchObject({ passes: 1, leads: 1 });
    // The conversation lead's values now equal HubSpot's except the company HubSpot already has: nothing to write.
    expect(countByRoute(crmRequests(await h.requestsSince(before)))).toEqual({ "POST /crm/v3/objects/contacts/batch/read": 1 });
    const pending = await h.db
      .select()
      .from(h.schema.leads)
      .where(and(eq(h.schema.leads.workspaceId, h.workspaceId), eq(h.schema.leads.pushPending, true)));
    expect(pending).toEqual([]);
    await h.setSettings({ updateExisting: false, createNew: false, syncOwner: false });
  });

  it("imports nothing twice on an incremental run, and picks up a contact changed since", async () => {
    const count = await leadCount();
    await h.patchContact(LI_WEI.id, { firstname: "Wei" });

    await h.requestPull(ruleId);

    const { run } = await lastPullRun();
    expect(run.status).toBe("completed");
    expect(run.counts.imported ?? 0).toBe(0);
    expect(run.counts.updated).toBe(1);
    expect(await leadCount()).toBe(count);
    expect((await h.lead(LI_WEI.email)).fields.firstName).toBe("Wei");
  });

  it("imports nothing twice on a second full run", async () => {
    const count = await leadCount();
    await h.db.update(h.schema.pullRules).set({ cursor: null }).where(eq(h.schema.pullRules.id, ruleId));

    await h.requestPull(ruleId);

    const { run } = await lastPullRun();
    expect(run.status).toBe("completed");
    expect(run.counts).toEqual({ unchanged: withEmail.length, skipped: withoutEmail.length, pages: Math.ceil(leadStage.length / 200) });
    expect(await leadCount()).toBe(count);
    const pulled = await h.db
      .select()
      .from(h.schema.leads)
      .where(and(eq(h.schema.leads.workspaceId, h.workspaceId), eq(h.schema.leads.pushPending, true)));
    expect(pulled).toEqual([]);
  });

  it("imports each contact once when two runs of a rule overlap", async () => {
    const customers = h.allContacts().filter((c) => c.properties.lifecyclestage === "customer" && c.properties.email);
    expect(customers.length).toBeGreaterThan(20);
    const count = await leadCount();
    const rule = await h.createPullRule({ name: "Customers", filters: [{ property: "lifecyclestage", operator: "EQ", value: "customer" }] });
    // The local runner enforces no concurrency key, so both runs really execute at once.
    await h.send([
      { name: "hubspot/pull.requested", data: { workspaceId: h.workspaceId, ruleId: rule.id } },
      { name: "hubspot/pull.requested", data: { workspaceId: h.workspaceId, ruleId: rule.id } },
    ]);

    expect(await leadCount()).toBe(count + customers.length);
    const runs = await h.db.select().from(h.schema.syncRuns).where(eq(h.schema.syncRuns.pullRuleId, rule.id));
    expect(runs.map((r) => r.status)).toEqual(["completed", "completed"]);
    // Between them the two runs imported every customer exactly once.
    expect(runs.reduce((n, r) => n + (r.counts.imported ?? 0), 0)).toBe(customers.length);
    const imported = await h.db
      .select()
      .from(h.schema.syncRecords)
      .where(and(eq(h.schema.syncRecords.direction, "pull"), eq(h.schema.syncRecords.status, "imported")));
    const customerIds = new Set(customers.map((c) => c.id));
    const importedCustomers = imported.filter((r) => customerIds.has(r.contactId!));
    expect(importedCustomers).toHaveLength(customers.length);
    expect(new Set(importedCustomers.map((r) => r.contactId)).size).toBe(customers.length);
  });
});

describe("scheduled pulls", () => {
  it("the hourly scheduler starts enabled hourly rules and leaves manual ones alone", async () => {
    const hourly = await h.createPullRule({ name: "Hourly subscribers", filters: [{ property: "lifecyclestage", operator: "EQ", value: "subscriber" }] });
    await h.db.update(h.schema.pullRules).set({ schedule: "hourly" }).where(eq(h.schema.pullRules.id, hourly.id));
    const subscribers = h.allContacts().filter((c) => c.properties.lifecyclestage === "subscriber" && c.properties.email);
    const manualRunsBefore = (await h.db.select().from(h.schema.syncRuns).where(eq(h.schema.syncRuns.pullRuleId, ruleId))).length;

    h.runner.fireCron("spara-hubspot-schedule-pulls");
    await h.runner.idle(45_000);

    const [run] = await h.db.select().from(h.schema.syncRuns).where(eq(h.schema.syncRuns.pullRuleId, hourly.id));
    expect(run).toMatchObject({ status: "completed" });
    expect(run.counts.imported).toBe(subscribers.length);
    expect((await h.db.select().from(h.schema.syncRuns).where(eq(h.schema.syncRuns.pullRuleId, ruleId))).length).toBe(manualRunsBefore);
  });
});

describe("search rate limit", () => {
  it("waits out a 429 on a search page instead of failing the run", async () => {
    await h.db.update(h.schema.pullRules).set({ cursor: null }).where(eq(h.schema.pullRules.id, ruleId));
    const pushRunsBefore = h.runner.runs().length;
    await h.addFault({ endpoint: "POST /crm/v3/objects/contacts/search", sequence: [429] });
    const from = (await h.requestLog()).length;

    await h.requestPull(ruleId);

    const searches = (await h.requestsSince(from)).filter((r) => r.template === "POST /crm/v3/objects/contacts/search");
    expect(searches[0].status).toBe(429);
    const { run } = await lastPullRun();
    expect(run.status).toBe("completed");
    expect(run.counts).toEqual({ unchanged: withEmail.length, skipped: withoutEmail.length, pages: Math.ceil(leadStage.length / 200) });
    const [inngestRun] = h.runner.runs().slice(pushRunsBefore);
    expect(inngestRun).toMatchObject({ functionId: "spara-hubspot-pull-contacts", status: "completed", attempts: 1 });
    const failed = await h.db.select().from(h.schema.syncRuns).where(and(eq(h.schema.syncRuns.pullRuleId, ruleId), eq(h.schema.syncRuns.status, "failed")));
    expect(failed).toEqual([]);
  });
});

describe("disconnect during a pull", () => {
  it("stops the run in flight before its next HubSpot call", async () => {
    const withAnyEmail = h.allContacts().filter((c) => c.properties.email);
    expect(withAnyEmail.length).toBeGreaterThan(3 * 200); // several search pages, spaced to respect 5 searches/s
    const rule = await h.createPullRule({ name: "Everyone with an email", filters: [{ property: "email", operator: "HAS_PROPERTY" }] });
    const from = (await h.requestLog()).length;
    await h.inngest.send({ name: "hubspot/pull.requested", data: { workspaceId: h.workspaceId, ruleId: rule.id } });
    // Wait for the first search page, then disconnect while the run is between pages.
    for (let i = 0; i < 500 && !(await h.requestsSince(from)).some((r) => r.template === "POST /crm/v3/objects/contacts/search"); i++) {
      await new Promise((r) => setTimeout(r, 5));
    }
    await h.disconnect();
    const atDisconnect = (await h.requestLog()).length;
    await h.runner.idle(45_000);

    expect(crmRequests(await h.requestsSince(atDisconnect))).toEqual([]);
    const [run] = await h.db.select().from(h.schema.syncRuns).where(eq(h.schema.syncRuns.pullRuleId, rule.id));
    expect(run.status).toBe("stopped");
    expect(run.counts.pages).toBeLessThan(Math.ceil(withAnyEmail.length / 200));
    expect(h.failedRuns()).toEqual([]);
    await h.connect();
  });
});
