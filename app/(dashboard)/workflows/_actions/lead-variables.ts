"use server";

import { defineAction, UserFacingError } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { getLead } from "@/lib/db/queries/leads";
import { leadName } from "@/lib/data-model/lead-display";
import { leadIdSchema } from "@/lib/validators/workflows";
import { leadVariables, type LeadVariables } from "@/lib/workflows/variables";

/** A lead's variable values for the editors' live preview and "test against lead" (read-only; scoped to the workspace). */
export const leadVariablesAction = defineAction("leads.read", leadIdSchema, async (ctx, { leadId }): Promise<{ name: string; vars: LeadVariables }> => {
  const lead = await getLead(await getDb(), ctx.workspaceId, leadId);
  if (!lead) throw new UserFacingError("That lead does not exist in this workspace.");
  return { name: leadName(lead), vars: leadVariables(lead) };
});
