"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { createApiKey } from "@/lib/api-keys/keys";

export const createApiKeyAction = defineAction(
  "apikeys.manage",
  z.object({ name: z.string().trim().min(1, "Name the key (for example, the agent that uses it)").max(80, "At most 80 characters") }),
  async (ctx, { name }) => {
    const created = await createApiKey(await getDb(), ctx.workspaceId, { userId: ctx.userId, email: ctx.email }, name);
    revalidatePath("/settings/api-keys");
    // The key leaves the server this once; only its hash is stored.
    return { key: created.key };
  },
);
