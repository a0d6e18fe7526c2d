"use server";

import { defineAction, UserFacingError } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { captureSchema } from "@/lib/validators/capture";
import { CaptureError } from "@/lib/ingest/capture";
import { ingestCapture } from "@/lib/ingest/capture-and-wake";
import { sendEvents } from "@/inngest/client";

export const simulateCaptureAction = defineAction("simulator.use", captureSchema, async (ctx, input) => {
  try {
    return await ingestCapture(await getDb(), ctx.workspaceId, input, (workspaceId) =>
      sendEvents([{ name: "lead/push.requested", data: { workspaceId } }]),
    );
  } catch (err) {
    if (err instanceof CaptureError) throw new UserFacingError(err.message, { [err.field]: err.message });
    throw err;
  }
});
