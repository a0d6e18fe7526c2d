import { inngest } from "../client";
import { getDb } from "@/lib/db/client";
import { nextCoalescedPushAt } from "@/lib/db/queries/push-outbox";
import { pushPendingBatch } from "@/lib/sync/push";

/** Each run drains at most this many passes; a backlog larger than that is picked up by the next wake-up or sweep. */
const MAX_PASSES_PER_RUN = 50;
/** A run waits for coalescing leads at most this long; later ones are left to the next wake-up or the sweep. */
const MAX_COALESCE_WAIT_MS = 5 * 60_000;

export const pushLeads = inngest.createFunction(
  {
    id: "push-leads",
    triggers: [{ event: "lead/push.requested" }],
    // Efficiency only: claims use SKIP LOCKED leases, so concurrent runs of one workspace are still correct.
    concurrency: [{ key: "event.data.workspaceId", limit: 1 }],
    retries: 5,
  },
  async ({ event, step }) => {
    const workspaceId = (event.data as { workspaceId: string }).workspaceId;
    const totals = { passes: 0, leads: 0, waits: 0 };
    for (let i = 0; i < MAX_PASSES_PER_RUN; i++) {
      const result = await step.run(`push-batch-${i}`, async () => pushPendingBatch(await getDb(), workspaceId));
      if (result.stoppedBecause) return { ...totals, stoppedBecause: result.stoppedBecause };
      if (result.claimed > 0) {
        totals.passes++;
        totals.leads += result.claimed;
        continue;
      }
      // Nothing due now. Leads whose changes are being coalesced become due shortly: wait for the first of them.
      const dueAt = await step.run(`next-due-${i}`, async () => (await nextCoalescedPushAt(await getDb(), workspaceId))?.toISOString() ?? null);
      const waitMs = dueAt ? new Date(dueAt).getTime() - Date.now() : -1;
      if (waitMs < 0 || waitMs > MAX_COALESCE_WAIT_MS) return { ...totals, stoppedBecause: "nothing_pending" };
      totals.waits++;
      await step.sleep(`coalesce-wait-${i}`, Math.max(waitMs, 100));
    }
    return totals;
  },
);
