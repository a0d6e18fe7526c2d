/**
 * The harness as the pull tests need it: connected, a firstName/company mapping, push off, and search limits opened
 * up (in the sandbox and in this test process's budget) so pages are not paced at HubSpot's 5 per second.
 */
import { eq } from "drizzle-orm";
import { startHarness, type Harness } from "./harness";
import type { PullRuleInput } from "@/lib/validators/pull-rule";

const CSM = { userId: null, email: "csm@spara.test" };

export async function startPullHarness(opts: { recordEvents?: string[] } = {}) {
  const h = await startHarness({ contacts: 400, ...opts });
  await h.connect();
  await h.setSettings({
    updateExisting: false,
    createNew: false,
    syncOwner: false,
    mappings: [
      { leadField: "firstName", hubspotProperty: "firstname", writeRule: "overwrite" },
      { leadField: "company", hubspotProperty: "company", writeRule: "overwrite" },
    ],
  });
  const { BUDGETS } = await import("@/lib/sync/budget");
  BUDGETS.search.limit = 1_000;
  h.sandbox.configure({ searchPerSecondLimit: false });
  return { h, contacts: h.allContacts() };
}

/** Saves a pull rule as the CSM, through the same validation against the portal's properties as the editor. */
export async function saveRuleAsCsm(h: Harness, input: Omit<PullRuleInput, "schedule" | "enabled"> & { schedule?: "manual" }) {
  const { savePullRule } = await import("@/lib/sync/pull-rules");
  const { pullRuleSchema } = await import("@/lib/validators/pull-rule");
  const { getContactProperties } = await import("@/lib/sync/properties");
  const { getPortalAccess } = await import("@/lib/sync/connection");
  const properties = await getContactProperties(h.db, h.workspaceId, (await getPortalAccess(h.db, h.workspaceId))!);
  const parsed = pullRuleSchema.parse({ schedule: "manual", enabled: true, ...input });
  return savePullRule(h.db, h.workspaceId, CSM, parsed, properties);
}

/** Runs the rule through Inngest; returns the run and the contact ids it saw (imported, updated, unchanged, skipped). */
export async function runRuleThroughInngest(h: Harness, ruleId: string) {
  await h.requestPull(ruleId);
  const [rule] = await h.db.select().from(h.schema.pullRules).where(eq(h.schema.pullRules.id, ruleId));
  const [run] = await h.db.select().from(h.schema.syncRuns).where(eq(h.schema.syncRuns.id, rule.lastRunId!));
  const records = await h.db.select().from(h.schema.syncRecords).where(eq(h.schema.syncRecords.runId, run.id));
  return { run, seen: records.map((r) => r.contactId!).sort(), records };
}
