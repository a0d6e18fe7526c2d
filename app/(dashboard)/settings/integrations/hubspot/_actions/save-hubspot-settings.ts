"use server";

import { revalidatePath } from "next/cache";
import { defineAction, UserFacingError } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { hubspotSettingsSchema } from "@/lib/validators/hubspot-settings";
import { loadPortalProperties } from "@/lib/sync/portal-properties";
import { saveHubSpotSettings, SettingsValidationError } from "@/lib/sync/settings";
import { getHubSpotSettings } from "@/lib/db/queries/hubspot-settings";
import { sendEvents } from "@/inngest/client";

export const saveHubSpotSettingsAction = defineAction("hubspot.settings.edit", hubspotSettingsSchema, async (ctx, input) => {
  const db = await getDb();
  // Validate against the live property list, not the cache: a property may have been deleted in HubSpot.
  const properties = await loadPortalProperties(db, ctx.workspaceId, { refresh: true });
  const ownerSyncWasOn = (await getHubSpotSettings(db, ctx.workspaceId)).syncOwner;
  try {
    await saveHubSpotSettings(db, ctx.workspaceId, { userId: ctx.userId, email: ctx.email }, input, properties);
  } catch (err) {
    if (err instanceof SettingsValidationError) throw new UserFacingError(err.message, err.fieldErrors);
    throw err;
  }
  // Turning push on resumes leads that stayed pending meanwhile.
  if (input.updateExisting) await sendEvents([{ name: "lead/push.requested", data: { workspaceId: ctx.workspaceId } }]);
  // Turning owner sync on fills owners now rather than at the next daily run.
  if (input.syncOwner && !ownerSyncWasOn) await sendEvents([{ name: "hubspot/owners.sync.requested", data: { workspaceId: ctx.workspaceId } }]);
  revalidatePath("/settings/integrations/hubspot");
});
