"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction, UserFacingError } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { PullRuleValidationError, setPullRuleEnabled } from "@/lib/sync/pull-rules";

export const togglePullRuleAction = defineAction("pullrules.edit", z.object({ id: z.uuid(), enabled: z.boolean() }), async (ctx, { id, enabled }) => {
  try {
    await setPullRuleEnabled(await getDb(), ctx.workspaceId, { userId: ctx.userId, email: ctx.email }, id, enabled);
  } catch (err) {
    if (err instanceof PullRuleValidationError) throw new UserFacingError("This rule no longer exists.");
    throw err;
  }
  revalidatePath("/settings/integrations/hubspot");
});
