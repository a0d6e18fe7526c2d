import { and, eq, inArray, or } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { customLeadFields, leads, pullRules, type FieldChange, type LeadFieldValue, type RunCounts } from "@/drizzle/schema";
import { builtinLeadFields, type LeadFieldDef } from "@/lib/data-model/fields";
import { getHubSpotSettings, listFieldMappings, type FieldMapping } from "@/lib/db/queries/hubspot-settings";
import { getPullRuleOrThrow, type PullRule } from "@/lib/db/queries/pull-rules";
import { addCounts, finishRun, insertSyncRecords, saveRunProgress, startRun, type NewSyncRecord } from "@/lib/db/queries/sync-runs";
import { HubSpotError, SEARCH_PAGE_LIMIT, searchContacts, type SearchFilter } from "@/lib/hubspot/api";
import type { HubSpotContact } from "@/lib/hubspot/types";
import { getPortalAccess, isStillConnected, recoverFromAuthError, type PortalAccess } from "./connection";
import { normalizeEmail } from "./lead-values";
import { resolveOwners, type LeadOwner, ownerFor } from "./owners";
import { fromHubSpotValue, isEmptyLeadValue } from "./pull-values";
import { decideWrite } from "./write-rules";

/** Search allows 5 requests per second per portal; pages are spaced to stay under it. */
const SEARCH_SPACING_MS = 220;
/** Search indexes writes with a lag; an incremental pass looks back this far before its cursor. */
const INCREMENTAL_LOOKBACK_MS = 5 * 60_000;

export type PullResult = { runId: string; counts: RunCounts; stoppedBecause?: "not_connected" };

function ruleFilters(rule: PullRule): SearchFilter[] {
  return rule.filters.map((f) => ({ propertyName: f.property, operator: f.operator, value: f.value, values: f.values, highValue: f.highValue }));
}

/**
 * Runs one pull rule. Walks matches by hs_object_id (sorted ascending, "greater than the last id seen") rather than by
 * the search offset, because search stops at 10,000 results per query. Re-running imports nothing twice: leads are
 * found by contact id or email before any insert, and the email is unique per workspace.
 */
export async function runPullRule(db: Db, workspaceId: string, ruleId: string, runId?: string): Promise<PullResult> {
  const rule = await getPullRuleOrThrow(db, workspaceId, ruleId);
  const id = runId ?? (await startRun(db, workspaceId, "pull", rule.id));
  const access = await getPortalAccess(db, workspaceId);
  if (!access) {
    await finishRun(db, id, "stopped", {}, "HubSpot is not connected");
    return { runId: id, counts: {}, stoppedBecause: "not_connected" };
  }
  const settings = await getHubSpotSettings(db, workspaceId);
  const mappings = (await listFieldMappings(db, workspaceId)).filter((m) => !m.locked);
  const custom = await db.select().from(customLeadFields).where(eq(customLeadFields.workspaceId, workspaceId));
  const defs = new Map<string, LeadFieldDef>(
    [...builtinLeadFields, ...custom.map((c) => ({ key: c.key, label: c.label, type: c.type as LeadFieldDef["type"], kind: "custom" as const }))].map((d) => [d.key, d]),
  );
  const properties = [...new Set(["email", "lastmodifieddate", ...mappings.map((m) => m.hubspotProperty), ...(settings.syncOwner ? ["hubspot_owner_id"] : [])])];
  const startedAt = new Date();
  const since = rule.cursor ? new Date(rule.cursor.getTime() - INCREMENTAL_LOOKBACK_MS) : null;

  let counts: RunCounts = {};
  let lastId = "0";
  try {
    for (;;) {
      if (counts.pages && !(await isStillConnected(db, workspaceId))) {
        await db.update(pullRules).set({ lastRunId: id }).where(eq(pullRules.id, rule.id));
        await finishRun(db, id, "stopped", counts, "HubSpot was disconnected during the run");
        return { runId: id, counts, stoppedBecause: "not_connected" };
      }
      const filters: SearchFilter[] = [...ruleFilters(rule), { propertyName: "hs_object_id", operator: "GT", value: lastId }];
      if (since) filters.push({ propertyName: "lastmodifieddate", operator: "GTE", value: String(since.getTime()) });
      const page = await searchPage(access, { filterGroups: [{ filters }], properties, limit: SEARCH_PAGE_LIMIT, sortAscendingBy: "hs_object_id" });
      if (page.contacts.length === 0) break;
      const pageCounts = await importPage(db, workspaceId, access, id, page.contacts, mappings, defs, settings.syncOwner);
      counts = addCounts(counts, { ...pageCounts, pages: 1 });
      await saveRunProgress(db, id, counts);
      lastId = page.contacts[page.contacts.length - 1].id;
      if (page.contacts.length < SEARCH_PAGE_LIMIT) break;
      await new Promise((r) => setTimeout(r, SEARCH_SPACING_MS));
    }
    await db.update(pullRules).set({ cursor: startedAt, lastRunId: id }).where(eq(pullRules.id, rule.id));
    await finishRun(db, id, "completed", counts);
    return { runId: id, counts };
  } catch (err) {
    await db.update(pullRules).set({ lastRunId: id }).where(eq(pullRules.id, rule.id));
    if ((await recoverFromAuthError(db, workspaceId, err)) === "needs_reauth") {
      await finishRun(db, id, "stopped", counts, (err as Error).message);
      return { runId: id, counts, stoppedBecause: "not_connected" };
    }
    await finishRun(db, id, "failed", counts, (err as Error).message);
    throw err;
  }
}

/** How often one search page that answered 429 is retried (after the policy's window) before the run fails. */
const RATE_LIMIT_RETRIES = 3;

/**
 * One search page. Search allows 5 requests per second per portal, shared by every run (two rules pulling at once
 * exceed it): a 429 waits the policy's window and asks again, rather than failing the run and restarting it from
 * its first page.
 */
async function searchPage(access: PortalAccess, request: Parameters<typeof searchContacts>[1]) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await searchContacts(access.client, request);
    } catch (err) {
      if (!(err instanceof HubSpotError && err.kind === "rate_limited") || attempt >= RATE_LIMIT_RETRIES) throw err;
      await new Promise((r) => setTimeout(r, err.retryAfterMs ?? 1_000));
    }
  }
}

async function importPage(
  db: Db,
  workspaceId: string,
  access: PortalAccess,
  runId: string,
  contacts: HubSpotContact[],
  mappings: FieldMapping[],
  defs: Map<string, LeadFieldDef>,
  syncOwner: boolean,
): Promise<RunCounts> {
  const emails = contacts.map((c) => normalizeEmail(c.properties.email)).filter((e): e is string => Boolean(e));
  const ids = contacts.map((c) => c.id);
  const existing = await db
    .select()
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), or(inArray(leads.hubspotContactId, ids), emails.length ? inArray(leads.email, emails) : undefined)));
  const owners = syncOwner ? await resolveOwners(db, workspaceId, access, contacts.map((c) => c.properties.hubspot_owner_id)) : undefined;

  let counts: RunCounts = {};
  const records: NewSyncRecord[] = [];
  for (const contact of contacts) {
    const email = normalizeEmail(contact.properties.email);
    if (!email) {
      records.push({ workspaceId, runId, direction: "pull", status: "skipped", contactId: contact.id, reasonCode: "no_email", reason: "The HubSpot contact has no email" });
      counts = addCounts(counts, { skipped: 1 });
      continue;
    }
    const lead = existing.find((l) => l.hubspotContactId === contact.id) ?? existing.find((l) => l.email === email);
    const { fields, changes } = mapIncoming(contact, lead?.fields ?? {}, mappings, defs);
    const owner: Partial<LeadOwner> = owners ? ownerFor(owners, contact.properties.hubspot_owner_id) : {};
    const ownerPart = owners ? { ...owner, ownerCheckedAt: new Date(), ...(lead?.ownerId !== owner.ownerId ? { ownerSince: new Date() } : {}) } : {};
    if (!lead) {
      // The unique (workspace, email) index makes a concurrent import of the same contact a no-op, not a duplicate.
      const inserted = await db
        .insert(leads)
        .values({ workspaceId, email, fields, source: "hubspot", hubspotContactId: contact.id, hubspotPortalId: access.portalId, ...ownerPart })
        .onConflictDoNothing()
        .returning({ id: leads.id });
      if (inserted[0]) {
        records.push({ workspaceId, runId, leadId: inserted[0].id, direction: "pull", status: "imported", contactId: contact.id, changes });
        counts = addCounts(counts, { imported: 1 });
        continue;
      }
    }
    if (lead) {
      // Values that arrive by pull are not marked push-pending, so they are never pushed back.
      await db
        .update(leads)
        .set({ fields, hubspotContactId: contact.id, hubspotPortalId: access.portalId, updatedAt: changes.length ? new Date() : lead.updatedAt, ...ownerPart })
        .where(eq(leads.id, lead.id));
    }
    const status = changes.length > 0 ? "updated" : "unchanged";
    records.push({ workspaceId, runId, leadId: lead?.id, direction: "pull", status, contactId: contact.id, changes });
    counts = addCounts(counts, { [status]: 1 });
  }
  await insertSyncRecords(db, records);
  return counts;
}

/** Applies the mapping in the HubSpot → Spara direction; the row's write rule now governs the Spara field. */
function mapIncoming(
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
