/**
 * Pull runs of rules saved as the editor saves them (validated against the live properties, values converted for search), run by
 * the real Inngest function against the sandbox: resume after a crash (a failed step's retry, and the rule's next run
 * after a run that failed for good), each contact imported once, and one lead/imported event per imported lead.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { type Harness, type SandboxContact } from "./harness";
import { runRuleThroughInngest, saveRuleAsCsm, startPullHarness } from "./pull-harness";

let h: Harness;
let contacts: SandboxContact[];

const prop = (c: SandboxContact, name: string) => c.properties[name] ?? null;

const saveRule = (input: Parameters<typeof saveRuleAsCsm>[1]) => saveRuleAsCsm(h, input);
const runRule = (ruleId: string) => runRuleThroughInngest(h, ruleId);

/** A search answer that is not retried within a step (5xx would be, by the budgeted call's backoff). */
const CRASH = { status: 400, body: { status: "error", category: "VALIDATION_ERROR", message: "Injected crash" } };

const ids = (cs: SandboxContact[]) => cs.map((c) => c.id).sort();

beforeAll(async () => {
  ({ h, contacts } = await startPullHarness({ recordEvents: ["lead/imported"] }));
});

afterAll(async () => {
  await h?.close();
});

/** Inngest runs a test made fail on purpose. */
const expectedFailures = new Set<string>();
afterEach(() => {
  expect(h.failedRuns().filter((r) => !expectedFailures.has(r.id))).toEqual([]);
});

describe("resume after a crash", () => {
  it("a search that fails mid-run fails the step; the retry continues after the last saved page and imports each contact once", async () => {
    const matching = contacts.filter((c) => prop(c, "email") !== null);
    const pages = Math.ceil(matching.length / 200);
    expect(pages).toBeGreaterThanOrEqual(2);
    await h.db.delete(h.schema.leads).where(eq(h.schema.leads.workspaceId, h.workspaceId));
    h.recordedEvents.length = 0;
    const ruleId = await saveRule({ name: "Everyone with an email", filters: [{ property: "email", operator: "HAS_PROPERTY" }] });
    // Page 2's search fails with an error no retry inside the step gets past (as a crash would): page 1 is saved,
    // the step fails, and Inngest retries it.
    await h.addFault({ endpoint: "POST /crm/v3/objects/contacts/search", sequence: [{ latencyMs: 1 }, CRASH] });
    const from = (await h.requestLog()).length;

    const { run, records } = await runRule(ruleId);

    const searches = (await h.requestsSince(from)).filter((r) => r.template === "POST /crm/v3/objects/contacts/search");
    expect(searches.map((s) => s.status)).toEqual([200, 400, ...Array(pages - 1).fill(200)]);
    const inngestRun = h.runner.runs().filter((r) => r.functionId === "spara-hubspot-pull-contacts").at(-1)!;
    expect(inngestRun.status).toBe("completed");
    expect(run).toMatchObject({ status: "completed", error: null });
    expect(run.counts).toEqual({ imported: matching.length, pages });
    // Each contact was imported exactly once, and has exactly one lead.
    expect(records.map((r) => r.contactId).sort()).toEqual(ids(matching));
    const leads = await h.db.select().from(h.schema.leads).where(eq(h.schema.leads.workspaceId, h.workspaceId));
    expect(leads.map((l) => l.hubspotContactId).sort()).toEqual(ids(matching));
    // One lead/imported event per imported lead (page 1's too, though the step that saved it failed).
    const eventLeadIds = h.recordedEvents.filter((e) => e.data.ruleId === ruleId).map((e) => e.data.leadId as string);
    expect(eventLeadIds.sort()).toEqual(leads.map((l) => l.id).sort());
  });

  it("a run that failed for good is continued by the rule's next run from its checkpoint", async () => {
    await h.db.delete(h.schema.leads).where(eq(h.schema.leads.workspaceId, h.workspaceId));
    const matching = contacts.filter((c) => prop(c, "email") !== null);
    const pages = Math.ceil(matching.length / 200);
    const ruleId = await saveRule({ name: "Everyone with an email, again", filters: [{ property: "email", operator: "HAS_PROPERTY" }] });
    // Page 2 fails on every attempt (4 = the function's retries + 1): the run ends failed after page 1.
    await h.addFault({ endpoint: "POST /crm/v3/objects/contacts/search", sequence: [{ latencyMs: 1 }, CRASH, CRASH, CRASH, CRASH] });
    await h.requestPull(ruleId);
    const failedRun = h.runner.runs().filter((r) => r.functionId === "spara-hubspot-pull-contacts").at(-1)!;
    expect(failedRun.status).toBe("failed");
    expectedFailures.add(failedRun.id);
    const [first] = await h.db.select().from(h.schema.syncRuns).where(and(eq(h.schema.syncRuns.pullRuleId, ruleId)));
    expect(first).toMatchObject({ status: "failed", counts: { imported: 200, pages: 1 } });

    // The process "restarts": the next run of the rule picks up at page 2.
    const from = (await h.requestLog()).length;
    const { run, records } = await runRule(ruleId);
    expect(run.id).not.toBe(first.id);
    expect(run).toMatchObject({ status: "completed", counts: { imported: matching.length - 200, pages: pages - 1 } });
    const searches = (await h.requestsSince(from)).filter((r) => r.template === "POST /crm/v3/objects/contacts/search");
    expect(searches).toHaveLength(pages - 1);
    const all = [...records, ...(await h.db.select().from(h.schema.syncRecords).where(eq(h.schema.syncRecords.runId, first.id)))];
    expect(all.map((r) => r.contactId).sort()).toEqual(ids(matching));
    expect(new Set(all.map((r) => r.status))).toEqual(new Set(["imported"]));
  });
});
