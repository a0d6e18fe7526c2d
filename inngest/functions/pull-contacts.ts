import { inngest } from "../client";
import { getDb } from "@/lib/db/client";
import { beginPullRun, failPullRunsOf, pullPages } from "@/lib/sync/pull";

/**
 * Pages per step: a retried step redoes at most this many pages' worth of HubSpot calls (the saved checkpoint skips
 * the pages it already imported), and 100,000 contacts stay at ~100 steps, far below Inngest's step limit.
 */
const PAGES_PER_STEP = 5;
/** `lead/imported` events per step.sendEvent call. */
const EVENTS_PER_SEND = 500;

export const pullContacts = inngest.createFunction(
  {
    id: "pull-contacts",
    triggers: [{ event: "hubspot/pull.requested" }],
    concurrency: [{ key: "event.data.workspaceId", limit: 1 }],
    retries: 3,
    onFailure: async ({ event, error }) => {
      const { workspaceId, ruleId, runId } = event.data.event.data as { workspaceId: string; ruleId: string; runId?: string };
      await failPullRunsOf(await getDb(), workspaceId, ruleId, runId, error.message);
    },
  },
  async ({ event, step }) => {
    const { workspaceId, ruleId } = event.data as { workspaceId: string; ruleId: string; runId?: string };
    // Step ids are stable ("start-run", "pull-pages-<n>", "lead-imported-<n>-<k>"): a retry replays the finished ones
    // from memory and re-enters the failed one, which continues after the run's last saved page.
    const begun = await step.run("start-run", async () => beginPullRun(await getDb(), workspaceId, ruleId, event.data.runId));
    if (begun.status !== "running") return { runId: begun.runId, status: begun.status };
    for (let n = 0; ; n++) {
      const stepId = `pull-pages-${n}`;
      const res = await step.run(stepId, async () => pullPages(await getDb(), workspaceId, begun.runId, { maxPages: PAGES_PER_STEP, stepId }));
      for (let k = 0; k * EVENTS_PER_SEND < res.importedLeadIds.length; k++) {
        const ids = res.importedLeadIds.slice(k * EVENTS_PER_SEND, (k + 1) * EVENTS_PER_SEND);
        // The event id makes a re-sent event (a retried send) a duplicate Inngest drops.
        await step.sendEvent(`lead-imported-${n}-${k}`, ids.map((leadId) => ({ name: "lead/imported", id: `lead-imported-${leadId}`, data: { workspaceId, leadId, ruleId } })));
      }
      if (res.status !== "running") return { runId: begun.runId, status: res.status, counts: res.counts };
    }
  },
);
