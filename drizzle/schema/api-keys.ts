import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./identity";

/** Per-workspace keys for the agents' ingestion API. Only a SHA-256 of the key is stored; the key is shown once. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The key's public lookup part ("spk_<prefix>_…"), also shown in the list so admins can tell keys apart. */
    prefix: text("prefix").notNull().unique(),
    keyHash: text("key_hash").notNull(),
    createdByEmail: text("created_by_email").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("api_keys_workspace_idx").on(t.workspaceId)],
);
