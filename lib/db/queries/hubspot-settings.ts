import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { fieldMappings, hubspotSettings } from "@/drizzle/schema";

export type HubSpotSettings = { updateExisting: boolean; createNew: boolean; syncOwner: boolean };
export type FieldMapping = { id: string; leadField: string; hubspotProperty: string; writeRule: "overwrite" | "fill_empty"; locked: boolean };

export async function getHubSpotSettings(db: DbOrTx, workspaceId: string): Promise<HubSpotSettings> {
  const [row] = await db.select().from(hubspotSettings).where(eq(hubspotSettings.workspaceId, workspaceId));
  return row ? { updateExisting: row.updateExisting, createNew: row.createNew, syncOwner: row.syncOwner } : { updateExisting: false, createNew: false, syncOwner: false };
}

export async function upsertHubSpotSettings(db: DbOrTx, workspaceId: string, s: HubSpotSettings) {
  await db
    .insert(hubspotSettings)
    .values({ workspaceId, ...s })
    .onConflictDoUpdate({ target: hubspotSettings.workspaceId, set: { ...s, updatedAt: new Date() } });
}

export async function listFieldMappings(db: DbOrTx, workspaceId: string): Promise<FieldMapping[]> {
  return db
    .select({ id: fieldMappings.id, leadField: fieldMappings.leadField, hubspotProperty: fieldMappings.hubspotProperty, writeRule: fieldMappings.writeRule, locked: fieldMappings.locked })
    .from(fieldMappings)
    .where(eq(fieldMappings.workspaceId, workspaceId))
    .orderBy(asc(fieldMappings.position));
}

/** The locked Email ↔ email row every workspace starts with. */
export async function ensureEmailMapping(db: DbOrTx, workspaceId: string) {
  await db
    .insert(fieldMappings)
    .values({ workspaceId, leadField: "email", hubspotProperty: "email", writeRule: "overwrite", locked: true, position: 0 })
    .onConflictDoNothing();
}
