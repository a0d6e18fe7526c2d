"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { disconnectPortal } from "@/lib/sync/connection";

export const disconnectHubSpotAction = defineAction("hubspot.connect", z.object({}), async (ctx) => {
  await disconnectPortal(await getDb(), ctx.workspaceId, { userId: ctx.userId, email: ctx.email });
  revalidatePath("/settings/integrations");
});
