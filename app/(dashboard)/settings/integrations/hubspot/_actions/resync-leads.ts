"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction, UserFacingError } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { finishRun } from "@/lib/db/queries/sync-runs";
import { resyncRefusal, startResync } from "@/lib/sync/resync";
import { sendEvents } from "@/inngest/client";

/** "Resync all leads": refuses when nothing could be pushed; otherwise starts the marking run and returns its id. */
export const resyncLeadsAction = defineAction("sync.run", z.object({}), async (ctx) => {
  const db = await getDb();
  const refusal = await resyncRefusal(db, ctx.workspaceId);
  if (refusal) throw new UserFacingError(refusal);
  const runId = await startResync(db, ctx.workspaceId, { userId: ctx.userId, email: ctx.email });
  const sent = await sendEvents([{ name: "hubspot/resync.requested", data: { workspaceId: ctx.workspaceId, runId }, id: `resync-${runId}` }]);
  if (!sent) {
    await finishRun(db, runId, "failed", {}, "The background worker was not reachable");
    throw new UserFacingError("The background worker is not reachable right now; the resync did not start. Please try again.");
  }
  revalidatePath("/settings/integrations/hubspot");
  return { runId };
});
