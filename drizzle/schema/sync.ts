import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./identity";
import { leads } from "./leads";

/** marked: leads a resync marked push-pending (its pushes are separate "push" runs). */
export type RunCounts = Partial<Record<"created" | "updated" | "unchanged" | "skipped" | "failed" | "imported" | "pages" | "marked", number>>;

/**
 * Where a pull run stands, saved in the same transaction as each imported page, so a crash or a retried step resumes
 * after the last page that was saved and never imports a page twice.
 * - phase: "search" walks matches by hs_object_id; "list" walks list memberships (opaque `after`); "done" ends.
 * - lastId: the highest contact id already imported (both walks go in id order).
 * - since: incremental runs only match contacts modified after this (epoch ms, look-back included); null = full run.
 * - cursorAt: what the rule's cursor becomes when the run completes (the run's start).
 * - step: the step that is importing now and the lastId it began from, so a retried step still emits `lead/imported`
 *   for the pages an earlier attempt of it saved.
 */
export type PullCheckpoint = {
  phase: "search" | "list" | "done";
  lastId: string;
  after?: string;
  since: number | null;
  cursorAt: number;
  step?: { id: string; fromId: string };
};

export const syncRuns = pgTable(
  "sync_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    /** resync: "Resync all leads" marking every lead with an email push-pending (the pushes themselves are "push" runs). */
    kind: text("kind").$type<"push" | "pull" | "owners" | "resync">().notNull(),
    status: text("status").$type<"running" | "completed" | "failed" | "stopped">().notNull(),
    pullRuleId: uuid("pull_rule_id"),
    counts: jsonb("counts").$type<RunCounts>().notNull().default({}),
    error: text("error"),
    /** Pull runs only: the per-page checkpoint (see PullCheckpoint). */
    checkpoint: jsonb("checkpoint").$type<PullCheckpoint>(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("sync_runs_workspace_idx").on(t.workspaceId, t.startedAt)],
);

export type FieldChange = { field: string; property: string; old: string | null; new: string | null };
export type FieldError = { field: string; property: string; code: string; message: string };

/** One row per record outcome; drives the lead's sync history and the activity list. */
export const syncRecords = pgTable(
  "sync_records",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    runId: uuid("run_id").references(() => syncRuns.id, { onDelete: "cascade" }),
    leadId: uuid("lead_id").references(() => leads.id, { onDelete: "cascade" }),
    direction: text("direction").$type<"push" | "pull" | "owners">().notNull(),
    status: text("status").$type<"created" | "updated" | "unchanged" | "skipped" | "failed" | "imported">().notNull(),
    contactId: text("contact_id"),
    reasonCode: text("reason_code"),
    reason: text("reason"),
    changes: jsonb("changes").$type<FieldChange[]>().notNull().default([]),
    fieldErrors: jsonb("field_errors").$type<FieldError[]>().notNull().default([]),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sync_records_lead_idx").on(t.leadId, t.at), index("sync_records_run_idx").on(t.runId)],
);

export type PullFilter = {
  property: string;
  operator: "EQ" | "NEQ" | "IN" | "NOT_IN" | "HAS_PROPERTY" | "NOT_HAS_PROPERTY" | "GT" | "LT" | "BETWEEN" | "CONTAINS_TOKEN";
  value?: string;
  values?: string[];
  highValue?: string;
};

export const pullRules = pgTable("pull_rules", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  filters: jsonb("filters").$type<PullFilter[]>().notNull().default([]),
  listId: text("list_id"),
  schedule: text("schedule").$type<"manual" | "hourly" | "daily">().notNull().default("manual"),
  enabled: boolean("enabled").notNull().default(true),
  /** lastmodifieddate high-water mark of the last completed run; null until the first full run. */
  cursor: timestamp("cursor", { withTimezone: true }),
  lastRunId: uuid("last_run_id"),
  createdByEmail: text("created_by_email").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
