"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction, UserFacingError } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { recordAudit } from "@/lib/db/queries/audit";
import { getConnection } from "@/lib/db/queries/connections";
import { getPullRuleOrThrow } from "@/lib/db/queries/pull-rules";
import { finishRun, startRun } from "@/lib/db/queries/sync-runs";
import { sendEvents } from "@/inngest/client";

export const runPullRuleAction = defineAction("pullrules.edit", z.object({ id: z.uuid() }), async (ctx, { id }) => {
  const db = await getDb();
  const rule = await getPullRuleOrThrow(db, ctx.workspaceId, id);
  const conn = await getConnection(db, ctx.workspaceId);
  if (conn?.status !== "connected") throw new UserFacingError("HubSpot is not connected; nothing was started.");
  // The run row exists before the event, so progress shows at once and the event's id makes a double click harmless.
  const runId = await startRun(db, ctx.workspaceId, "pull", rule.id);
  await recordAudit(db, ctx.workspaceId, { userId: ctx.userId, email: ctx.email }, "pull_rule.run_requested", { id, runId });
  const sent = await sendEvents([{ name: "hubspot/pull.requested", data: { workspaceId: ctx.workspaceId, ruleId: rule.id, runId }, id: `pull-${runId}` }]);
  if (!sent) {
    await finishRun(db, runId, "failed", {}, "The background worker was not reachable");
    throw new UserFacingError("The background worker is not reachable right now; the run will not start. Please try again.");
  }
  revalidatePath("/settings/integrations/hubspot");
  return { runId };
});
