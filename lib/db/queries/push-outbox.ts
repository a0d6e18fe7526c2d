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

/**
 * Ends a claim. `done` clears the pending mark unless the lead changed again since it was claimed
 * (its version moved on), in which case it stays pending for the next pass.
 */
export async function releaseLead(
  db: DbOrTx,
  lead: ClaimedLead,
  outcome: { done: boolean; contactId?: string | null; portalId?: string; owner?: { ownerId: string | null; ownerFirstName: string | null; ownerLastName: string | null; ownerEmail: string | null } },
) {
  const owner = outcome.owner;
  await db.execute(sql`UPDATE leads SET
      push_lease_until = NULL,
      push_pending = CASE WHEN ${outcome.done} THEN push_version <> ${lead.pushVersion} ELSE push_pending END,
      hubspot_contact_id = COALESCE(${outcome.contactId ?? null}, hubspot_contact_id),
      hubspot_portal_id = COALESCE(${outcome.portalId ?? null}, hubspot_portal_id)
      ${owner ? sql`, owner_id = ${owner.ownerId}, owner_first_name = ${owner.ownerFirstName}, owner_last_name = ${owner.ownerLastName},
          owner_email = ${owner.ownerEmail}, owner_checked_at = now(),
          owner_since = CASE WHEN owner_id IS DISTINCT FROM ${owner.ownerId} THEN now() ELSE owner_since END` : sql``}
    WHERE id = ${lead.id}`);
}
