import { and, eq, inArray, or } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db/client";
import { customLeadFields, leads, type FieldChange, type LeadFieldValue, type RunCounts } from "@/drizzle/schema";
import { builtinLeadFields, type LeadFieldDef } from "@/lib/data-model/fields";
import { getHubSpotSettings, listFieldMappings, type FieldMapping } from "@/lib/db/queries/hubspot-settings";
import { addCounts, insertSyncRecords, type NewSyncRecord } from "@/lib/db/queries/sync-runs";
import type { HubSpotContact } from "@/lib/hubspot/types";
import type { PortalAccess } from "./connection";
import { normalizeEmail } from "./lead-values";
import { resolveOwners, type LeadOwner, ownerFor } from "./owners";
import { fromHubSpotValue, isEmptyLeadValue } from "./pull-values";
import { decideWrite } from "./write-rules";

/** What a pull needs to map contacts: the HubSpot → Spara mapping rows, the lead field types, and owner sync. */
export type PullContext = { mappings: FieldMapping[]; defs: Map<string, LeadFieldDef>; syncOwner: boolean; properties: string[] };

export async function loadPullContext(db: DbOrTx, workspaceId: string): Promise<PullContext> {
  const settings = await getHubSpotSettings(db, workspaceId);
  const mappings = (await listFieldMappings(db, workspaceId)).filter((m) => !m.locked);
  const custom = await db.select().from(customLeadFields).where(eq(customLeadFields.workspaceId, workspaceId));
  const defs = new Map<string, LeadFieldDef>(
    [...builtinLeadFields, ...custom.map((c) => ({ key: c.key, label: c.label, type: c.type as LeadFieldDef["type"], kind: "custom" as const }))].map((d) => [d.key, d]),
  );
  // Owner data is read on the way in (hubspot_owner_id with every page) only while owner sync is on.
  const properties = [...new Set(["email", "lastmodifieddate", ...mappings.map((m) => m.hubspotProperty), ...(settings.syncOwner ? ["hubspot_owner_id"] : [])])];
  return { mappings, defs, syncOwner: settings.syncOwner, properties };
}

/** Resolves the page's owners before the page's transaction, so no HubSpot call runs while rows are locked. */
export async function ownersForPage(db: Db, workspaceId: string, access: PortalAccess, ctx: PullContext, contacts: HubSpotContact[]) {
  return ctx.syncOwner ? resolveOwners(db, workspaceId, access, contacts.map((c) => c.properties.hubspot_owner_id)) : undefined;
}

/**
 * Imports one page of contacts: new ones become leads (one multi-row insert), linked or same-email leads are updated
 * by the mapping's write rules. Values that arrive by pull are never marked push-pending, so never pushed back.
 */
export async function importPage(
  db: DbOrTx,
  workspaceId: string,
  portalId: string,
  runId: string,
  contacts: HubSpotContact[],
  ctx: PullContext,
  owners: Map<string, LeadOwner> | undefined,
): Promise<{ counts: RunCounts; importedLeadIds: string[] }> {
  const emails = contacts.map((c) => normalizeEmail(c.properties.email)).filter((e): e is string => Boolean(e));
  const ids = contacts.map((c) => c.id);
  const existing = await db
    .select()
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), or(inArray(leads.hubspotContactId, ids), emails.length ? inArray(leads.email, emails) : undefined)));
  const byId = new Map(existing.filter((l) => l.hubspotContactId).map((l) => [l.hubspotContactId!, l]));
  const byEmail = new Map(existing.map((l) => [l.email, l]));

  let counts: RunCounts = {};
  const records: NewSyncRecord[] = [];
  const toInsert: { contact: HubSpotContact; values: typeof leads.$inferInsert; changes: FieldChange[] }[] = [];
  const seenEmails = new Set<string>();
  for (const contact of contacts) {
    const email = normalizeEmail(contact.properties.email);
    if (!email) {
      records.push({ workspaceId, runId, direction: "pull", status: "skipped", contactId: contact.id, reasonCode: "no_email", reason: "The HubSpot contact has no email" });
      counts = addCounts(counts, { skipped: 1 });
      continue;
    }
    const lead = byId.get(contact.id) ?? byEmail.get(email);
    const { fields, changes } = mapIncoming(contact, lead?.fields ?? {}, ctx.mappings, ctx.defs);
    const owner: Partial<LeadOwner> = owners ? ownerFor(owners, contact.properties.hubspot_owner_id) : {};
    const ownerPart = owners ? { ...owner, ownerCheckedAt: new Date(), ...(lead?.ownerId !== owner.ownerId ? { ownerSince: new Date() } : {}) } : {};
    if (!lead) {
      if (seenEmails.has(email)) continue; // two contacts with one email in a page: the first one is the lead
      seenEmails.add(email);
      toInsert.push({ contact, changes, values: { workspaceId, email, fields, source: "hubspot", hubspotContactId: contact.id, hubspotPortalId: portalId, ...ownerPart } });
      continue;
    }
    await db
      .update(leads)
      .set({ fields, hubspotContactId: contact.id, hubspotPortalId: portalId, updatedAt: changes.length ? new Date() : lead.updatedAt, ...ownerPart })
      .where(eq(leads.id, lead.id));
    const status = changes.length > 0 ? "updated" : "unchanged";
    records.push({ workspaceId, runId, leadId: lead.id, direction: "pull", status, contactId: contact.id, changes });
    counts = addCounts(counts, { [status]: 1 });
  }
  const importedLeadIds: string[] = [];
  if (toInsert.length > 0) {
    // The unique (workspace, email) index makes a concurrent import of the same contact a no-op, not a duplicate.
    const inserted = await db.insert(leads).values(toInsert.map((t) => t.values)).onConflictDoNothing().returning({ id: leads.id, email: leads.email });
    const idByEmail = new Map(inserted.map((r) => [r.email, r.id]));
    for (const t of toInsert) {
      const leadId = idByEmail.get(t.values.email as string);
      if (leadId) {
        importedLeadIds.push(leadId);
        records.push({ workspaceId, runId, leadId, direction: "pull", status: "imported", contactId: t.contact.id, changes: t.changes });
        counts = addCounts(counts, { imported: 1 });
      } else {
        records.push({ workspaceId, runId, direction: "pull", status: "unchanged", contactId: t.contact.id, reason: "Imported meanwhile by another run" });
        counts = addCounts(counts, { unchanged: 1 });
      }
    }
  }
  await insertSyncRecords(db, records);
  return { counts, importedLeadIds };
}

/** Applies the mapping in the HubSpot → Spara direction; the row's write rule now governs the Spara field. */
export function mapIncoming(
  contact: HubSpotContact,
  current: Record<string, LeadFieldValue>,
  mappings: FieldMapping[],
  defs: Map<string, LeadFieldDef>,
): { fields: Record<string, LeadFieldValue>; changes: FieldChange[] } {
  const fields = { ...current };
  const changes: FieldChange[] = [];
  for (const m of mappings) {
    const def = defs.get(m.leadField);
    if (!def || def.readOnly) continue;
    const incoming = fromHubSpotValue(def.type, contact.properties[m.hubspotProperty]);
    const mine = fields[m.leadField];
    const same = JSON.stringify(incoming) === JSON.stringify(mine ?? null);
    if (decideWrite(m.writeRule, isEmptyLeadValue(incoming), isEmptyLeadValue(mine), same) === "write") {
      fields[m.leadField] = incoming;
      changes.push({ field: m.leadField, property: m.hubspotProperty, old: mine === undefined || mine === null ? null : String(mine), new: String(incoming) });
    }
  }
  return { fields, changes };
}
