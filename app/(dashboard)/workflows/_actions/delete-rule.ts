"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { idSchema } from "@/lib/validators/workflows";
import { deleteRule } from "@/lib/workflows/store";

export const deleteRuleAction = defineAction("workflows.edit", idSchema, async (ctx, { id }) => {
  await deleteRule(await getDb(), ctx.workspaceId, { userId: ctx.userId, email: ctx.email }, id);
  revalidatePath("/workflows");
});
