import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./identity";
import { leads } from "./leads";

/** Condition and result shapes as stored (lib/workflows/conditions.ts evaluates them). */
export type StoredCondition = { field: string; operator: "is_set" | "is_not_set" | "equals" | "not_equals" | "contains" | "one_of"; value?: string; values?: string[] };
export type StoredConditionResult = { field: string; operator: StoredCondition["operator"]; matched: boolean; reason: string };

/** Message templates for agent personalization; the body is validated against the data model when saved. */
export const messageTemplates = pgTable(
  "message_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    body: text("body").notNull(),
    updatedByEmail: text("updated_by_email").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("message_templates_name_unique").on(t.workspaceId, t.name)],
);

export const workflowRules = pgTable(
  "workflow_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    match: text("match").$type<"all" | "any">().notNull().default("all"),
    conditions: jsonb("conditions").$type<StoredCondition[]>().notNull().default([]),
    actionType: text("action_type").$type<"route_to_owner" | "send_template">().notNull(),
    // A template used by a rule cannot be deleted (restrict): the rule would silently lose its action.
    templateId: uuid("template_id").references(() => messageTemplates.id, { onDelete: "restrict" }),
    enabled: boolean("enabled").notNull().default(true),
    position: integer("position").notNull().default(0),
    updatedByEmail: text("updated_by_email").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("workflow_rules_name_unique").on(t.workspaceId, t.name)],
);

/**
 * The rules a lead currently matches, recorded when it is captured, imported by pull or its owner changes.
 * One row per (lead, rule); matchedAt is when it started matching, evaluatedAt the last evaluation that confirmed it.
 */
export const leadWorkflowMatches = pgTable(
  "lead_workflow_matches",
  {
    leadId: uuid("lead_id").notNull().references(() => leads.id, { onDelete: "cascade" }),
    ruleId: uuid("rule_id").notNull().references(() => workflowRules.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    trigger: text("trigger").$type<"capture" | "pull" | "owner_sync" | "manual">().notNull(),
    actionLabel: text("action_label").notNull(),
    conditions: jsonb("conditions").$type<StoredConditionResult[]>().notNull().default([]),
    matchedAt: timestamp("matched_at", { withTimezone: true }).notNull().defaultNow(),
    evaluatedAt: timestamp("evaluated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.leadId, t.ruleId] }), index("lead_workflow_matches_ws_idx").on(t.workspaceId, t.ruleId)],
);
