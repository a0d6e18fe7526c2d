"use server";

import { revalidatePath } from "next/cache";
import { defineAction, UserFacingError } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { customFieldSchema } from "@/lib/validators/custom-field";
import { addCustomLeadField, DuplicateFieldKeyError } from "@/lib/sync/custom-fields";

export const addCustomFieldAction = defineAction("datamodel.edit", customFieldSchema, async (ctx, input) => {
  try {
    await addCustomLeadField(await getDb(), ctx.workspaceId, { userId: ctx.userId, email: ctx.email }, input);
  } catch (err) {
    if (err instanceof DuplicateFieldKeyError) throw new UserFacingError(err.message, { key: err.message });
    throw err;
  }
  revalidatePath("/data-model");
});
