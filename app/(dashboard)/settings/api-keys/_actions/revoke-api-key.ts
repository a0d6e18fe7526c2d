"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction, UserFacingError } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { revokeApiKey } from "@/lib/api-keys/keys";

export const revokeApiKeyAction = defineAction("apikeys.manage", z.object({ id: z.uuid() }), async (ctx, { id }) => {
  const revoked = await revokeApiKey(await getDb(), ctx.workspaceId, { userId: ctx.userId, email: ctx.email }, id);
  if (!revoked) throw new UserFacingError("That key does not exist or is already revoked.");
  revalidatePath("/settings/api-keys");
});
