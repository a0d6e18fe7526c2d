"use server";

import { randomUUID } from "node:crypto";
import { z } from "zod";
import { defineAction, UserFacingError } from "@/lib/auth/action";
import { sendEvents } from "@/inngest/client";

export const syncOwnersNowAction = defineAction("sync.run", z.object({}), async (ctx) => {
  const sent = await sendEvents([{ name: "hubspot/owners.sync.requested", data: { workspaceId: ctx.workspaceId }, id: `owners-${ctx.workspaceId}-${randomUUID()}` }]);
  if (!sent) throw new UserFacingError("The background worker is not reachable right now; please try again in a moment.");
});
