"use server";

import { revalidatePath } from "next/cache";
import { defineAction, UserFacingError } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { pullRuleSchema } from "@/lib/validators/pull-rule";
import { loadPortalProperties } from "@/lib/sync/portal-properties";
import { PullRuleValidationError, savePullRule } from "@/lib/sync/pull-rules";

export const savePullRuleAction = defineAction("pullrules.edit", pullRuleSchema, async (ctx, input) => {
  const db = await getDb();
  const properties = await loadPortalProperties(db, ctx.workspaceId);
  if (!properties) throw new UserFacingError("Connect HubSpot first: rules are checked against your portal's contact properties.");
  try {
    const id = await savePullRule(db, ctx.workspaceId, { userId: ctx.userId, email: ctx.email }, input, properties);
    revalidatePath("/settings/integrations/hubspot");
    return { id };
  } catch (err) {
    if (err instanceof PullRuleValidationError) throw new UserFacingError(err.message, err.fieldErrors);
    throw err;
  }
});
