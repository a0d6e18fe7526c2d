import { index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * HubSpot's rate limit is per portal and shared by every function and process of the app (reference §6), so the
 * budget lives here, where all of them see it. One row per (portal, bucket): acquirers lock it (FOR UPDATE) to
 * count and take slots one at a time; `blockedUntil` is set when HubSpot answers 429 anyway, so every process
 * backs off, not only the one that got the answer.
 */
export const hubspotRateBudgets = pgTable(
  "hubspot_rate_budgets",
  {
    portalId: text("portal_id").notNull(),
    bucket: text("bucket").$type<"standard" | "search">().notNull(),
    blockedUntil: timestamp("blocked_until", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.portalId, t.bucket] })],
);

/** One row per request sent (a sliding-window log): HubSpot's window is rolling, so a fixed-window counter would allow twice the limit across a boundary. */
export const hubspotRateSlots = pgTable(
  "hubspot_rate_slots",
  {
    portalId: text("portal_id").notNull(),
    bucket: text("bucket").$type<"standard" | "search">().notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("hubspot_rate_slots_idx").on(t.portalId, t.bucket, t.at)],
);
