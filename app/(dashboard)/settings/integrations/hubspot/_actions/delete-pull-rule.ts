"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { deletePullRule } from "@/lib/sync/pull-rules";

export const deletePullRuleAction = defineAction("pullrules.edit", z.object({ id: z.uuid() }), async (ctx, { id }) => {
  await deletePullRule(await getDb(), ctx.workspaceId, { userId: ctx.userId, email: ctx.email }, id);
  revalidatePath("/settings/integrations/hubspot");
});
