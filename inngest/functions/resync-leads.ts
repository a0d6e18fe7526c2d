import { inngest } from "../client";
import { getDb } from "@/lib/db/client";
import { failResync, finishResync, markResyncBatches, type ResyncCursor } from "@/lib/sync/resync";

/** Marking batches (of RESYNC_BATCH leads) per step: 100,000 leads stay at 20 steps. */
const BATCHES_PER_STEP = 5;

/**
 * "Resync all leads": marks every lead with an email push-pending in steps (each step continues after the last id the
 * previous one marked; a retried step redoes only its own batches), completes the run, then wakes the push, which
 * writes the leads through the ordinary outbox path.
 */
export const resyncLeads = inngest.createFunction(
  {
    id: "resync-leads",
    triggers: [{ event: "hubspot/resync.requested" }],
    concurrency: [{ key: "event.data.workspaceId", limit: 1 }],
    retries: 3,
    onFailure: async ({ event, error }) => {
      const { runId } = event.data.event.data as { workspaceId: string; runId: string };
      await failResync(await getDb(), runId, error.message);
    },
  },
  async ({ event, step }) => {
    const { workspaceId, runId } = event.data as { workspaceId: string; runId: string };
    let cursor: ResyncCursor = { afterId: null, pages: 0, marked: 0 };
    for (let n = 0; ; n++) {
      const res = await step.run(`mark-${n}`, async () => markResyncBatches(await getDb(), workspaceId, runId, cursor, { batches: BATCHES_PER_STEP }));
      cursor = { afterId: res.afterId, pages: res.pages, marked: res.marked };
      if (res.done) break;
    }
    await step.run("complete-run", async () => finishResync(await getDb(), runId, { pages: cursor.pages, marked: cursor.marked }));
    await step.sendEvent("wake-push", { name: "lead/push.requested", data: { workspaceId } });
    return { runId, marked: cursor.marked, pages: cursor.pages };
  },
);
