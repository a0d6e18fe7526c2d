"use server";

import { revalidatePath } from "next/cache";
import { defineAction, UserFacingError } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { ruleSchema } from "@/lib/validators/workflows";
import { saveRule, WorkflowValidationError } from "@/lib/workflows/store";

export const saveRuleAction = defineAction("workflows.edit", ruleSchema, async (ctx, input) => {
  try {
    const id = await saveRule(await getDb(), ctx.workspaceId, { userId: ctx.userId, email: ctx.email }, input);
    revalidatePath("/workflows");
    return { id };
  } catch (err) {
    if (err instanceof WorkflowValidationError) throw new UserFacingError(err.message, err.fieldErrors);
    throw err;
  }
});
