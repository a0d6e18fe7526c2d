"use server";

import { revalidatePath } from "next/cache";
import { defineAction, UserFacingError } from "@/lib/auth/action";
import { getDb } from "@/lib/db/client";
import { pullRuleSchema } from "@/lib/validators/pull-rule";
import { loadPortalProperties } from "@/lib/sync/portal-properties";
import { loadPortalLists } from "@/lib/sync/pull-rule-lists";
import { PullRuleValidationError, savePullRule } from "@/lib/sync/pull-rules";

export const savePullRuleAction = defineAction("pullrules.edit", pullRuleSchema, async (ctx, input) => {
  const db = await getDb();
  const properties = await loadPortalProperties(db, ctx.workspaceId);
  if (!properties) throw new UserFacingError("Connect HubSpot first: rules are checked against your portal's contact properties.");
  let listName: string | null = null;
  if (input.listId) {
    const list = (await loadPortalLists(db, ctx.workspaceId))?.find((l) => l.listId === input.listId);
    if (!list) throw new UserFacingError("The rule has errors; nothing was saved.", { listId: "HubSpot has no such contact list" });
    listName = list.name;
  }
  try {
    const id = await savePullRule(db, ctx.workspaceId, { userId: ctx.userId, email: ctx.email }, input, properties, listName);
    revalidatePath("/settings/integrations/hubspot");
    return { id };
  } catch (err) {
    if (err instanceof PullRuleValidationError) throw new UserFacingError(err.message, err.fieldErrors);
    throw err;
  }
});
