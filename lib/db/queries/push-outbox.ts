import { sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { executeRows } from "../rows";
import type { LeadFieldValue } from "@/drizzle/schema";

export type ClaimedLead = {
  id: string;
  email: string;
  fields: Record<string, LeadFieldValue>;
  hubspotContactId: string | null;
  ownerId: string | null;
  pushVersion: number;
};

/** How long a claimed batch stays with its worker before another may take it (a crashed worker's lease lapses). */
const LEASE = sql`interval '2 minutes'`;

/**
 * Claims up to `limit` pending leads of a workspace. SKIP LOCKED plus the lease means concurrent pushes take
 * disjoint batches: correctness does not depend on the engine running one push at a time.
 */
export async function claimPendingLeads(db: DbOrTx, workspaceId: string, limit: number): Promise<ClaimedLead[]> {
  const rows = await executeRows<{ id: string; email: string; fields: Record<string, LeadFieldValue> | string; hubspot_contact_id: string | null; owner_id: string | null; push_version: number }>(
    db,
    sql`UPDATE leads SET push_lease_until = now() + ${LEASE}
        WHERE id IN (
          SELECT id FROM leads
          WHERE workspace_id = ${workspaceId} AND push_pending AND email IS NOT NULL
            AND (push_lease_until IS NULL OR push_lease_until < now())
            AND (push_not_before IS NULL OR push_not_before <= now())
          ORDER BY updated_at
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
        RETURNING id, email, fields, hubspot_contact_id, owner_id, push_version`,
  );
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    fields: typeof r.fields === "string" ? JSON.parse(r.fields) : r.fields,
    hubspotContactId: r.hubspot_contact_id,
    ownerId: r.owner_id,
    pushVersion: Number(r.push_version),
  }));
}

export type LeadOwnerValues = { ownerId: string | null; ownerFirstName: string | null; ownerLastName: string | null; ownerEmail: string | null };
export type ReleaseOutcome = { done: boolean; contactId?: string | null; portalId?: string; owner?: LeadOwnerValues };

/**
 * Ends claims, all in one statement (a pass of 500 leads is one UPDATE, not 500). `done` clears the pending mark
 * unless the lead changed again since it was claimed (its version moved on): then it stays pending for the next pass.
 */
export async function releaseLeads(db: DbOrTx, items: { lead: ClaimedLead; outcome: ReleaseOutcome }[]) {
  if (items.length === 0) return;
  const rows = items.map(({ lead, outcome }) => ({
    id: lead.id,
    version: lead.pushVersion,
    done: outcome.done,
    contact_id: outcome.contactId ?? null,
    portal_id: outcome.portalId ?? null,
    owner_set: Boolean(outcome.owner),
    owner_id: outcome.owner?.ownerId ?? null,
    owner_first_name: outcome.owner?.ownerFirstName ?? null,
    owner_last_name: outcome.owner?.ownerLastName ?? null,
    owner_email: outcome.owner?.ownerEmail ?? null,
  }));
  await db.execute(sql`UPDATE leads AS l SET
      push_lease_until = NULL,
      push_pending = CASE WHEN v.done THEN l.push_version <> v.version ELSE l.push_pending END,
      push_not_before = CASE WHEN v.done AND l.push_version = v.version THEN NULL ELSE l.push_not_before END,
      hubspot_contact_id = COALESCE(v.contact_id, l.hubspot_contact_id),
      hubspot_portal_id = COALESCE(v.portal_id, l.hubspot_portal_id),
      owner_id = CASE WHEN v.owner_set THEN v.owner_id ELSE l.owner_id END,
      owner_first_name = CASE WHEN v.owner_set THEN v.owner_first_name ELSE l.owner_first_name END,
      owner_last_name = CASE WHEN v.owner_set THEN v.owner_last_name ELSE l.owner_last_name END,
      owner_email = CASE WHEN v.owner_set THEN v.owner_email ELSE l.owner_email END,
      owner_checked_at = CASE WHEN v.owner_set THEN now() ELSE l.owner_checked_at END,
      owner_since = CASE WHEN v.owner_set AND l.owner_id IS DISTINCT FROM v.owner_id THEN now() ELSE l.owner_since END
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v(
      id uuid, version int, done boolean, contact_id text, portal_id text,
      owner_set boolean, owner_id text, owner_first_name text, owner_last_name text, owner_email text)
    WHERE l.id = v.id`);
}

/** The earliest time a coalescing lead of the workspace becomes due, if any is waiting. */
export async function nextCoalescedPushAt(db: DbOrTx, workspaceId: string): Promise<Date | null> {
  const [row] = await executeRows<{ at: string | Date | null }>(
    db,
    sql`SELECT min(push_not_before) AS at FROM leads
        WHERE workspace_id = ${workspaceId} AND push_pending AND email IS NOT NULL AND push_not_before > now()`,
  );
  return row?.at ? new Date(row.at) : null;
}
