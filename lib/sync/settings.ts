import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { customLeadFields, fieldMappings } from "@/drizzle/schema";
import { mappableLeadFields, type LeadFieldDef } from "@/lib/data-model/fields";
import { recordAudit, type Actor } from "@/lib/db/queries/audit";
import { getHubSpotSettings, listFieldMappings, upsertHubSpotSettings } from "@/lib/db/queries/hubspot-settings";
import type { HubSpotSettingsInput } from "@/lib/validators/hubspot-settings";
import { isWritable, type HubSpotProperty } from "@/lib/hubspot/types";

export class SettingsValidationError extends Error {
  constructor(readonly fieldErrors: Record<string, string>) {
    super("Some mappings are not valid; nothing was saved.");
    this.name = "SettingsValidationError";
  }
}

export async function listCustomLeadFields(db: Db, workspaceId: string): Promise<LeadFieldDef[]> {
  const rows = await db.select().from(customLeadFields).where(eq(customLeadFields.workspaceId, workspaceId));
  return rows.map((r) => ({ key: r.key, label: r.label, type: r.type as LeadFieldDef["type"], kind: "custom", options: r.options }));
}

/**
 * Saves push rules, owner sync and the mapping rows in one transaction, after checking each row against the data
 * model and the portal's live properties. `properties` is null when HubSpot is not connected: mapping rows can
 * then not be changed, since there is nothing to check them against.
 */
export async function saveHubSpotSettings(db: Db, workspaceId: string, actor: Actor, input: HubSpotSettingsInput, properties: HubSpotProperty[] | null) {
  const fields = new Map(mappableLeadFields(await listCustomLeadFields(db, workspaceId)).map((f) => [f.key, f]));
  const current = (await listFieldMappings(db, workspaceId)).filter((m) => !m.locked);
  const unchangedMappings =
    current.length === input.mappings.length &&
    current.every((m, i) => m.leadField === input.mappings[i].leadField && m.hubspotProperty === input.mappings[i].hubspotProperty && m.writeRule === input.mappings[i].writeRule);

  const errors: Record<string, string> = {};
  const byName = properties ? new Map(properties.map((p) => [p.name, p])) : null;
  input.mappings.forEach((m, i) => {
    if (!fields.has(m.leadField)) errors[`mappings.${i}.leadField`] = `Unknown Spara field "${m.leadField}"`;
    if (byName) {
      const p = byName.get(m.hubspotProperty);
      if (!p) errors[`mappings.${i}.hubspotProperty`] = `HubSpot has no contact property "${m.hubspotProperty}"`;
      else if (!isWritable(p)) errors[`mappings.${i}.hubspotProperty`] = `${p.label} is read-only in HubSpot`;
    }
  });
  if (!byName && !unchangedMappings) errors["mappings"] = "Connect HubSpot to change mappings: properties are checked against your portal.";
  if (Object.keys(errors).length > 0) throw new SettingsValidationError(errors);

  const before = await getHubSpotSettings(db, workspaceId);
  await db.transaction(async (tx) => {
    await upsertHubSpotSettings(tx, workspaceId, { updateExisting: input.updateExisting, createNew: input.createNew && input.updateExisting, syncOwner: input.syncOwner });
    if (!unchangedMappings) {
      await tx.delete(fieldMappings).where(and(eq(fieldMappings.workspaceId, workspaceId), eq(fieldMappings.locked, false)));
      if (input.mappings.length > 0) {
        await tx.insert(fieldMappings).values(input.mappings.map((m, i) => ({ workspaceId, ...m, locked: false, position: i + 1 })));
      }
    }
    await recordAudit(tx, workspaceId, actor, "hubspot.settings.saved", {
      before,
      after: { updateExisting: input.updateExisting, createNew: input.createNew, syncOwner: input.syncOwner },
      mappings: unchangedMappings ? "unchanged" : input.mappings,
    });
  });
}
