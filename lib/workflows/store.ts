/**
 * Templates and rules of a workspace: every query is scoped by workspaceId, and every save is checked against the
 * workspace's data model (unknown variables and fields are errors at save time, not when a message is sent).
 */
import { and, asc, eq, ne } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db/client";
import { customLeadFields, messageTemplates, workflowRules } from "@/drizzle/schema";
import { recordAudit, type Actor } from "@/lib/db/queries/audit";
import type { LeadFieldDef } from "@/lib/data-model/fields";
import { templateSchema, ruleSchema, type RuleInput, type TemplateInput } from "@/lib/validators/workflows";
import { validateTemplate, type TemplateIssue } from "./templates";
import { workflowVariables, type VariableDef } from "./variables";
import type { Rule } from "./conditions";

export class WorkflowValidationError extends Error {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string>,
    readonly issues: TemplateIssue[] = [],
  ) {
    super(message);
    this.name = "WorkflowValidationError";
  }
}

export async function listWorkflowVariables(db: DbOrTx, workspaceId: string): Promise<VariableDef[]> {
  const rows = await db.select().from(customLeadFields).where(eq(customLeadFields.workspaceId, workspaceId));
  const custom: LeadFieldDef[] = rows.map((r) => ({ key: r.key, label: r.label, type: r.type as LeadFieldDef["type"], kind: "custom", options: r.options }));
  return workflowVariables(custom);
}

export function listTemplates(db: DbOrTx, workspaceId: string) {
  return db.select().from(messageTemplates).where(eq(messageTemplates.workspaceId, workspaceId)).orderBy(asc(messageTemplates.name));
}

export type StoredRule = typeof workflowRules.$inferSelect;

export function listRules(db: DbOrTx, workspaceId: string) {
  return db.select().from(workflowRules).where(eq(workflowRules.workspaceId, workspaceId)).orderBy(asc(workflowRules.position), asc(workflowRules.createdAt));
}

/** A stored rule in the evaluator's shape, with its template's name for the action label. */
export function toRule(r: StoredRule, templateNames: Map<string, string>): Rule & { id: string; enabled: boolean } {
  return {
    id: r.id,
    enabled: r.enabled,
    name: r.name,
    match: r.match,
    conditions: r.conditions,
    action: r.actionType === "send_template" && r.templateId ? { type: "send_template", templateId: r.templateId, templateName: templateNames.get(r.templateId) } : { type: "route_to_owner" },
  };
}

async function assertNameFree(db: DbOrTx, table: typeof messageTemplates | typeof workflowRules, workspaceId: string, name: string, id: string | undefined, what: string) {
  const [clash] = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.workspaceId, workspaceId), eq(table.name, name), id ? ne(table.id, id) : undefined));
  if (clash) throw new WorkflowValidationError(`A ${what} named “${name}” already exists.`, { name: "Pick another name" });
}

export async function saveTemplate(db: Db, workspaceId: string, actor: Actor, raw: TemplateInput): Promise<string> {
  const input = templateSchema.parse(raw);
  const known = new Set((await listWorkflowVariables(db, workspaceId)).map((v) => v.name));
  const issues = validateTemplate(input.body, known);
  if (issues.length > 0) {
    const summary = issues.map((i) => `${i.message} at line ${i.line}, column ${i.column}`).join("; ");
    throw new WorkflowValidationError("The template has errors; nothing was saved.", { body: summary }, issues);
  }
  await assertNameFree(db, messageTemplates, workspaceId, input.name, input.id, "template");
  return db.transaction(async (tx) => {
    let id = input.id;
    if (id) {
      const updated = await tx
        .update(messageTemplates)
        .set({ name: input.name, body: input.body, updatedByEmail: actor.email, updatedAt: new Date() })
        .where(and(eq(messageTemplates.workspaceId, workspaceId), eq(messageTemplates.id, id)))
        .returning({ id: messageTemplates.id });
      if (!updated[0]) throw new WorkflowValidationError("That template no longer exists.", {});
    } else {
      [{ id }] = await tx.insert(messageTemplates).values({ workspaceId, name: input.name, body: input.body, updatedByEmail: actor.email }).returning({ id: messageTemplates.id });
    }
    await recordAudit(tx, workspaceId, actor, "workflows.template.saved", { id, name: input.name, body: input.body });
    return id!;
  });
}

export async function deleteTemplate(db: Db, workspaceId: string, actor: Actor, id: string) {
  const users = await db.select({ name: workflowRules.name }).from(workflowRules).where(and(eq(workflowRules.workspaceId, workspaceId), eq(workflowRules.templateId, id)));
  if (users.length > 0) throw new WorkflowValidationError(`Rules still send this template: ${users.map((u) => u.name).join(", ")}. Change them first.`, {});
  await db.transaction(async (tx) => {
    await tx.delete(messageTemplates).where(and(eq(messageTemplates.workspaceId, workspaceId), eq(messageTemplates.id, id)));
    await recordAudit(tx, workspaceId, actor, "workflows.template.deleted", { id });
  });
}

export async function saveRule(db: Db, workspaceId: string, actor: Actor, raw: RuleInput): Promise<string> {
  const input = ruleSchema.parse(raw);
  const known = new Set((await listWorkflowVariables(db, workspaceId)).map((v) => v.name));
  const fieldErrors: Record<string, string> = {};
  input.conditions.forEach((c, i) => {
    if (!known.has(c.field)) fieldErrors[`conditions.${i}.field`] = `Unknown field “${c.field}”`;
  });
  const templateId = input.actionType === "send_template" ? (input.templateId ?? null) : null;
  if (templateId) {
    const [t] = await db.select({ id: messageTemplates.id }).from(messageTemplates).where(and(eq(messageTemplates.workspaceId, workspaceId), eq(messageTemplates.id, templateId)));
    if (!t) fieldErrors.templateId = "That template does not exist";
  }
  if (Object.keys(fieldErrors).length > 0) throw new WorkflowValidationError("The rule has errors; nothing was saved.", fieldErrors);
  await assertNameFree(db, workflowRules, workspaceId, input.name, input.id, "rule");
  // Conditions keep only the value their operator uses, so a stored rule reads the way it evaluates.
  const conditions = input.conditions.map((c) =>
    c.operator === "is_set" || c.operator === "is_not_set" ? { field: c.field, operator: c.operator } : c.operator === "one_of" ? { field: c.field, operator: c.operator, values: c.values } : { field: c.field, operator: c.operator, value: c.value!.trim() },
  );
  const values = { name: input.name, match: input.match, conditions, actionType: input.actionType, templateId, enabled: input.enabled, updatedByEmail: actor.email, updatedAt: new Date() };
  return db.transaction(async (tx) => {
    let id = input.id;
    if (id) {
      const updated = await tx.update(workflowRules).set(values).where(and(eq(workflowRules.workspaceId, workspaceId), eq(workflowRules.id, id))).returning({ id: workflowRules.id });
      if (!updated[0]) throw new WorkflowValidationError("That rule no longer exists.", {});
    } else {
      [{ id }] = await tx.insert(workflowRules).values({ workspaceId, ...values }).returning({ id: workflowRules.id });
    }
    await recordAudit(tx, workspaceId, actor, "workflows.rule.saved", { id, ...values });
    return id!;
  });
}

export async function deleteRule(db: Db, workspaceId: string, actor: Actor, id: string) {
  await db.transaction(async (tx) => {
    await tx.delete(workflowRules).where(and(eq(workflowRules.workspaceId, workspaceId), eq(workflowRules.id, id)));
    await recordAudit(tx, workspaceId, actor, "workflows.rule.deleted", { id });
  });
}
