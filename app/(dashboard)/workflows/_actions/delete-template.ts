"use server";

import { revalidatePath } from "next/cache";
import { defineAction, UserFacingError } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { idSchema } from "@/lib/validators/workflows";
import { deleteTemplate, WorkflowValidationError } from "@/lib/workflows/store";

export const deleteTemplateAction = defineAction("workflows.edit", idSchema, async (ctx, { id }) => {
  try {
    await deleteTemplate(await getDb(), ctx.workspaceId, { userId: ctx.userId, email: ctx.email }, id);
  } catch (err) {
    if (err instanceof WorkflowValidationError) throw new UserFacingError(err.message);
    throw err;
  }
  revalidatePath("/workflows");
});
