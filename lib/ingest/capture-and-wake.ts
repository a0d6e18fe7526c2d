import type { Db } from "@/lib/db/client";
import type { CaptureInput } from "@/lib/validators/capture";
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
  return result;
}
