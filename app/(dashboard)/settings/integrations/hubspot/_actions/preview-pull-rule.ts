"use server";

import { defineAction, UserFacingError } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { HubSpotError } from "@/lib/hubspot/api";
import { pullRuleSchema } from "@/lib/validators/pull-rule";
import { getPortalAccess } from "@/lib/sync/connection";
import { getContactProperties } from "@/lib/sync/properties";
import { previewPullRule } from "@/lib/sync/pull-preview";
import { toSearchFilters } from "@/lib/sync/pull-rules";

/** Previews the editor's current (unsaved) rule: validated exactly as a save would be, then searched, not imported. */
export const previewPullRuleAction = defineAction("pullrules.edit", pullRuleSchema, async (ctx, input) => {
  const db = await getDb();
  const access = await getPortalAccess(db, ctx.workspaceId);
  if (!access) throw new UserFacingError("Connect HubSpot first: the preview searches your portal.");
  const { filters, errors } = toSearchFilters(input.filters, await getContactProperties(db, ctx.workspaceId, access));
  if (Object.keys(errors).length > 0) throw new UserFacingError("The rule has errors; fix them to preview.", errors);
  try {
    return await previewPullRule(db, ctx.workspaceId, access, { filters, listId: input.listId || null });
  } catch (err) {
    if (err instanceof HubSpotError && err.kind === "validation") throw new UserFacingError(`HubSpot refused this search: ${err.message}`);
    throw err;
  }
});
