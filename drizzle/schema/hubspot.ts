import { sql } from "drizzle-orm";
import { boolean, check, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users, workspaces } from "./identity";

export const connectionStatusEnum = pgEnum("hubspot_connection_status", ["connected", "needs_reauth", "disconnected"]);
export const writeRuleEnum = pgEnum("write_rule", ["overwrite", "fill_empty"]);

/** One HubSpot connection per workspace; kept (with status disconnected) so reconnecting resumes the configuration. */
export const hubspotConnections = pgTable("hubspot_connections", {
  workspaceId: uuid("workspace_id").primaryKey().references(() => workspaces.id, { onDelete: "cascade" }),
  status: connectionStatusEnum("status").notNull(),
  portalId: text("portal_id").notNull(),
  hubDomain: text("hub_domain"),
  connectedByEmail: text("connected_by_email"),
  connectedAt: timestamp("connected_at", { withTimezone: true }),
  /** AES-256-GCM ciphertexts (lib/crypto); null once disconnected. */
  accessTokenEnc: text("access_token_enc"),
  refreshTokenEnc: text("refresh_token_enc"),
  accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true }),
  scopes: text("scopes"),
  statusReason: text("status_reason"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** OAuth `state` values, bound to the user who started the flow; single use, short-lived. */
export const oauthStates = pgTable("oauth_states", {
  stateHash: text("state_hash").primaryKey(),
  workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
  userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

export const hubspotSettings = pgTable(
  "hubspot_settings",
  {
    workspaceId: uuid("workspace_id").primaryKey().references(() => workspaces.id, { onDelete: "cascade" }),
    updateExisting: boolean("update_existing").notNull().default(false),
    createNew: boolean("create_new").notNull().default(false),
    syncOwner: boolean("sync_owner").notNull().default(false),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // PRODUCT.md: create may be on only when update is on, held by UI, server validation and this constraint.
  (t) => [check("create_requires_update", sql`NOT ${t.createNew} OR ${t.updateExisting}`)],
);

export const fieldMappings = pgTable(
  "field_mappings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    leadField: text("lead_field").notNull(),
    hubspotProperty: text("hubspot_property").notNull(),
    writeRule: writeRuleEnum("write_rule").notNull().default("overwrite"),
    /** The Email ↔ email row: created with the workspace, never edited or removed. */
    locked: boolean("locked").notNull().default(false),
    position: integer("position").notNull(),
  },
  (t) => [
    unique("field_mappings_property_unique").on(t.workspaceId, t.hubspotProperty),
    unique("field_mappings_lead_field_unique").on(t.workspaceId, t.leadField),
  ],
);

/** The portal's owner directory, including deactivated owners (so old hubspot_owner_id values still resolve). */
export const hubspotOwners = pgTable(
  "hubspot_owners",
  {
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    portalId: text("portal_id").notNull(),
    ownerId: text("owner_id").notNull(),
    firstName: text("first_name"),
    lastName: text("last_name"),
    email: text("email"),
    active: boolean("active").notNull(),
    type: text("type").notNull().default("PERSON"),
    teams: jsonb("teams").$type<{ id: string; name: string; primary: boolean }[]>().notNull().default([]),
    fetchedAt: timestamp("fetched_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.ownerId] })],
);

/** Contact property definitions per portal, cached so a push costs no properties call. */
export const hubspotPropertyCache = pgTable("hubspot_property_cache", {
  workspaceId: uuid("workspace_id").primaryKey().references(() => workspaces.id, { onDelete: "cascade" }),
  portalId: text("portal_id").notNull(),
  properties: jsonb("properties").notNull(),
  fetchedAt: timestamp("fetched_at", { withTimezone: true }).notNull().defaultNow(),
});
