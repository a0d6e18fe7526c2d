import { and, eq, inArray, or } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { leads, type PullFilter } from "@/drizzle/schema";
import { batchReadContacts, listMembershipsPage, SEARCH_PAGE_LIMIT, searchContacts } from "@/lib/hubspot/api";
import type { HubSpotContact } from "@/lib/hubspot/types";
import type { PortalAccess } from "./connection";
import { normalizeEmail } from "./lead-values";
import { loadPullContext, mapIncoming } from "./pull-import";
import { ruleSearchFilters } from "./pull";

/** The preview checks at most this many matches against existing leads (5 search pages, about a second). */
export const PREVIEW_SCAN = 1_000;
const SAMPLE_SIZE = 10;

export type PullPreview = {
  /** Contacts the rule matches now (search's total, or list members that pass the filters). */
  total: number;
  totalExact: boolean;
  /** Of the first `scanned` matches, how many are already leads (by contact id or email). */
  alreadyLeads: number;
  scanned: number;
  sample: { contactId: string; email: string | null; alreadyLead: boolean; skipped: string | null; fields: { key: string; label: string; value: string }[] }[];
};

/** What a rule would import right now, without importing: counts, and ten contacts mapped as they would land. */
export async function previewPullRule(db: Db, workspaceId: string, access: PortalAccess, rule: { filters: PullFilter[]; listId: string | null }): Promise<PullPreview> {
  const ctx = await loadPullContext(db, workspaceId);
  let total = 0;
  let totalExact = true;
  const scannedContacts: HubSpotContact[] = [];
  if (!rule.listId) {
    let lastId = "0";
    while (scannedContacts.length < PREVIEW_SCAN) {
      const filters = [...ruleSearchFilters(rule), { propertyName: "hs_object_id", operator: "GT", value: lastId }];
      const page = await access.call(
        () => searchContacts(access.client, { filterGroups: [{ filters }], properties: ctx.properties, limit: SEARCH_PAGE_LIMIT, sortAscendingBy: "hs_object_id" }),
        "search",
      );
      if (lastId === "0") total = page.total;
      scannedContacts.push(...page.contacts);
      if (page.contacts.length < SEARCH_PAGE_LIMIT) break;
      lastId = page.contacts.at(-1)!.id;
    }
  } else {
    let after: string | undefined;
    do {
      const members = await access.call(() => listMembershipsPage(access.client, rule.listId!, after));
      after = members.nextAfter;
      if (rule.filters.length === 0) {
        total = members.total ?? 0;
        for (let i = 0; i < members.recordIds.length && scannedContacts.length < PREVIEW_SCAN; i += 100) {
          const ids = members.recordIds.slice(i, i + 100);
          scannedContacts.push(...(await access.call(() => batchReadContacts(access.client, ids, ctx.properties))));
        }
        totalExact = true;
      } else {
        for (let i = 0; i < members.recordIds.length; i += 50) {
          const filters = [...ruleSearchFilters(rule), { propertyName: "hs_object_id", operator: "IN", values: members.recordIds.slice(i, i + 50) }];
          const res = await access.call(() => searchContacts(access.client, { filterGroups: [{ filters }], properties: ctx.properties, limit: 50 }), "search");
          scannedContacts.push(...res.contacts);
        }
        total = scannedContacts.length;
        totalExact = !after;
      }
    } while (after && scannedContacts.length < PREVIEW_SCAN);
  }
  const scanned = scannedContacts.slice(0, PREVIEW_SCAN);
  const ids = scanned.map((c) => c.id);
  const emails = scanned.map((c) => normalizeEmail(c.properties.email)).filter((e): e is string => Boolean(e));
  const existing = ids.length
    ? await db
        .select({ id: leads.id, email: leads.email, hubspotContactId: leads.hubspotContactId, fields: leads.fields })
        .from(leads)
        .where(and(eq(leads.workspaceId, workspaceId), or(inArray(leads.hubspotContactId, ids), emails.length ? inArray(leads.email, emails) : undefined)))
    : [];
  const byId = new Map(existing.filter((l) => l.hubspotContactId).map((l) => [l.hubspotContactId!, l]));
  const byEmail = new Map(existing.map((l) => [l.email, l]));
  const leadOf = (c: HubSpotContact) => byId.get(c.id) ?? (normalizeEmail(c.properties.email) ? byEmail.get(normalizeEmail(c.properties.email)!) : undefined);
  const alreadyLeads = scanned.filter((c) => leadOf(c)).length;

  const sample = scanned.slice(0, SAMPLE_SIZE).map((c) => {
    const lead = leadOf(c);
    const email = normalizeEmail(c.properties.email) ?? null;
    const { fields } = mapIncoming(c, lead?.fields ?? {}, ctx.mappings, ctx.defs);
    const shown = [{ key: "email", label: "Email", value: email ?? "—" }];
    for (const m of ctx.mappings) {
      const def = ctx.defs.get(m.leadField);
      if (!def || def.readOnly) continue;
      const v = fields[m.leadField];
      shown.push({ key: m.leadField, label: def.label, value: v === null || v === undefined || v === "" ? "—" : Array.isArray(v) ? v.join(", ") : String(v) });
    }
    return { contactId: c.id, email, alreadyLead: Boolean(lead), skipped: email ? null : "no email: would be skipped", fields: shown };
  });
  return { total, totalExact, alreadyLeads, scanned: scanned.length, sample };
}
