/**
 * Evaluates a workspace's enabled rules against leads and records the current matches on each lead
 * (lead_workflow_matches). Called after a capture, after a pull page import and after an owner change.
 */
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { leadWorkflowMatches, leads, messageTemplates, workflowRules } from "@/drizzle/schema";
import { actionLabel, evaluateRule, type RuleResult } from "./conditions";
import { leadVariables } from "./variables";
import { toRule } from "./store";

export type MatchTrigger = "capture" | "pull" | "owner_sync" | "manual";

/** The enabled rules of a workspace in evaluation form (template names resolved for the action label). */
export async function loadRules(db: DbOrTx, workspaceId: string) {
  const [rows, templates] = await Promise.all([
    db.select().from(workflowRules).where(and(eq(workflowRules.workspaceId, workspaceId), eq(workflowRules.enabled, true))).orderBy(workflowRules.position, workflowRules.createdAt),
    db.select({ id: messageTemplates.id, name: messageTemplates.name }).from(messageTemplates).where(eq(messageTemplates.workspaceId, workspaceId)),
  ]);
  const names = new Map(templates.map((t) => [t.id, t.name]));
  return rows.map((r) => toRule(r, names));
}

/**
 * Re-evaluates the given leads (ids of another workspace are ignored) and replaces their recorded matches: a rule that
 * matches keeps its first matchedAt, one that stopped matching is removed. Returns the number of matches recorded.
 */
export async function evaluateWorkflowsForLeads(db: DbOrTx, workspaceId: string, leadIds: string[], trigger: MatchTrigger = "manual"): Promise<number> {
  const ids = [...new Set(leadIds)];
  if (ids.length === 0) return 0;
  const rules = await loadRules(db, workspaceId);
  if (rules.length === 0) {
    await db.delete(leadWorkflowMatches).where(and(eq(leadWorkflowMatches.workspaceId, workspaceId), inArray(leadWorkflowMatches.leadId, ids)));
    return 0;
  }
  let recorded = 0;
  // Chunks keep each statement's parameter list small at pull-page sizes (200 leads).
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100);
    const rows = await db.select().from(leads).where(and(eq(leads.workspaceId, workspaceId), inArray(leads.id, chunk)));
    const now = new Date();
    const matches: (typeof leadWorkflowMatches.$inferInsert)[] = [];
    for (const lead of rows) {
      const vars = leadVariables(lead);
      for (const rule of rules) {
        const result: RuleResult = evaluateRule(rule, vars);
        if (!result.matched) continue;
        matches.push({
          leadId: lead.id,
          ruleId: rule.id,
          workspaceId,
          trigger,
          actionLabel: actionLabel(rule.action),
          conditions: result.conditions.map((c) => ({ field: c.condition.field, operator: c.condition.operator, matched: c.matched, reason: c.reason })),
          matchedAt: now,
          evaluatedAt: now,
        });
      }
    }
    if (rows.length === 0) continue;
    if (matches.length > 0) {
      await db
        .insert(leadWorkflowMatches)
        .values(matches)
        .onConflictDoUpdate({
          target: [leadWorkflowMatches.leadId, leadWorkflowMatches.ruleId],
          // Keep when it first matched and what triggered that; refresh the explanation and the evaluation time.
          set: { actionLabel: sql`excluded.action_label`, conditions: sql`excluded.conditions`, evaluatedAt: sql`excluded.evaluated_at` },
        });
      recorded += matches.length;
    }
    // Whatever this evaluation did not confirm no longer matches (two statements per chunk, not one per lead).
    await db.delete(leadWorkflowMatches).where(and(inArray(leadWorkflowMatches.leadId, rows.map((r) => r.id)), ne(leadWorkflowMatches.evaluatedAt, now)));
  }
  return recorded;
}

export async function listLeadMatches(db: DbOrTx, workspaceId: string, leadId: string) {
  return db
    .select()
    .from(leadWorkflowMatches)
    .where(and(eq(leadWorkflowMatches.workspaceId, workspaceId), eq(leadWorkflowMatches.leadId, leadId)));
}
