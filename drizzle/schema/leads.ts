import { boolean, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./identity";

export type LeadFieldValue = string | number | boolean | string[] | null;

/** Custom lead fields an admin added to the data model (built-in and system fields live in code). */
export const customLeadFields = pgTable(
  "custom_lead_fields",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    label: text("label").notNull(),
    type: text("type").notNull(),
    options: jsonb("options").$type<string[]>().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("custom_lead_fields_key_unique").on(t.workspaceId, t.key)],
);

export const leads = pgTable(
  "leads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    /** Trimmed and lower-cased; unique per workspace so two captures of one email are one lead. */
    email: text("email"),
    /** Every other lead field by key (built-in, insights and custom). */
    fields: jsonb("fields").$type<Record<string, LeadFieldValue>>().notNull().default({}),
    source: text("source").notNull(),
    hubspotContactId: text("hubspot_contact_id"),
    hubspotPortalId: text("hubspot_portal_id"),
    ownerId: text("owner_id"),
    ownerFirstName: text("owner_first_name"),
    ownerLastName: text("owner_last_name"),
    ownerEmail: text("owner_email"),
    ownerSince: timestamp("owner_since", { withTimezone: true }),
    ownerCheckedAt: timestamp("owner_checked_at", { withTimezone: true }),
    /** Transactional outbox: set in the same write that changes a pushed field. */
    pushPending: boolean("push_pending").notNull().default(false),
    /** Bumped on every change; a push clears pushPending only if the version it read is still current. */
    pushVersion: integer("push_version").notNull().default(0),
    /** A claimed batch is leased, so a crashed worker's leads become claimable again. */
    pushLeaseUntil: timestamp("push_lease_until", { withTimezone: true }),
    /**
     * Coalescing: a linked lead's further changes wait until this time, so a conversation's rapid captures become
     * one write (null = push as soon as claimed: a lead's first push, resyncs).
     */
    pushNotBefore: timestamp("push_not_before", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("leads_workspace_email_unique").on(t.workspaceId, t.email),
    index("leads_push_pending_idx").on(t.workspaceId, t.pushPending),
    index("leads_contact_idx").on(t.workspaceId, t.hubspotContactId),
  ],
);

export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    externalId: text("external_id").notNull(),
    leadId: uuid("lead_id").notNull().references(() => leads.id, { onDelete: "cascade" }),
    captures: integer("captures").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("conversations_external_unique").on(t.workspaceId, t.externalId)],
);
