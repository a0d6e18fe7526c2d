import { and, eq, ne } from "drizzle-orm";
import { inngest } from "../client";
import { getDb } from "@/lib/db/client";
import { pullRules, syncRuns } from "@/drizzle/schema";

const DAY_MS = 24 * 60 * 60_000;

/** Hourly: starts every enabled hourly rule, and daily rules whose last run is a day old. */
export const schedulePulls = inngest.createFunction(
  { id: "schedule-pulls", triggers: [{ cron: "0 * * * *" }] },
  async ({ step }) => {
    const due = await step.run("find-due-rules", async () => {
      const db = await getDb();
      const rules = await db
        .select({ id: pullRules.id, workspaceId: pullRules.workspaceId, schedule: pullRules.schedule, lastStarted: syncRuns.startedAt })
        .from(pullRules)
        .leftJoin(syncRuns, eq(syncRuns.id, pullRules.lastRunId))
        .where(and(eq(pullRules.enabled, true), ne(pullRules.schedule, "manual")));
      return rules
        .filter((r) => r.schedule === "hourly" || !r.lastStarted || Date.now() - new Date(r.lastStarted).getTime() >= DAY_MS - 60_000)
        .map((r) => ({ workspaceId: r.workspaceId, ruleId: r.id }));
    });
    if (due.length > 0) {
      await step.sendEvent("start-pulls", due.map((d) => ({ name: "hubspot/pull.requested", data: d })));
    }
    return { started: due.length };
  },
);
