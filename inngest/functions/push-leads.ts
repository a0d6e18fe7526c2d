import { inngest } from "../client";
import { getDb } from "@/lib/db/client";
import { pushPendingBatch } from "@/lib/sync/push";

/** Each run drains at most this many batches; a backlog larger than that is picked up by the next wake-up or sweep. */
const MAX_BATCHES_PER_RUN = 50;

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
    const totals = { batches: 0, leads: 0 };
    for (let i = 0; i < MAX_BATCHES_PER_RUN; i++) {
      const result = await step.run(`push-batch-${i}`, async () => pushPendingBatch(await getDb(), workspaceId));
      if (result.claimed === 0) return { ...totals, stoppedBecause: result.stoppedBecause ?? "nothing_pending" };
      totals.batches++;
      totals.leads += result.claimed;
    }
    return totals;
  },
);
