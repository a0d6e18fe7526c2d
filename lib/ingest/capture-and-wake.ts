import type { Db } from "@/lib/db/client";
import type { CaptureInput } from "@/lib/validators/capture";
import { evaluateWorkflowsForLeads } from "@/lib/workflows/evaluate";
import { recordCapture, type CaptureResult } from "./capture";

/**
 * The one ingestion path shared by the agents' API and the simulator: record the capture (outbox mark included),
 * then wake the push. `wake` is injected so lib/ stays free of the Inngest client.
 */
export async function ingestCapture(
  db: Db,
  workspaceId: string,
  input: CaptureInput,
  wake: (workspaceId: string) => Promise<unknown>,
): Promise<CaptureResult> {
  const result = await recordCapture(db, workspaceId, input);
  if (result.pushQueued) await wake(workspaceId);
  // Workflow routing sees the lead as captured; a failure here must not undo or fail the capture itself.
  if (result.changedFields.length > 0 || result.created) {
    await evaluateWorkflowsForLeads(db, workspaceId, [result.leadId], "capture").catch((err) => console.error(`workflow evaluation after capture failed: ${(err as Error).message}`));
  }
  return result;
}
