import { and, asc, eq, gt, isNotNull } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { leads, type RunCounts } from "@/drizzle/schema";
import { getHubSpotSettings } from "@/lib/db/queries/hubspot-settings";
import { addCounts, finishRun, insertSyncRecords, startRun, type NewSyncRecord } from "@/lib/db/queries/sync-runs";
import { BATCH_LIMIT, batchReadContacts } from "@/lib/hubspot/api";
import { getPortalAccess, isStillConnected, recoverFromAuthError } from "./connection";
import { evaluateWorkflowsForLeads } from "@/lib/workflows/evaluate";
import { refreshOwnerDirectory, resolveOwners, ownerFor } from "./owners";

export type OwnerSyncResult = { runId?: string; counts: RunCounts; requests: number; stoppedBecause?: "not_connected" | "owner_sync_off" };

/**
 * Re-reads the owner of every linked lead: the owner directory first, then one batch read of hubspot_owner_id per
 * 100 linked leads (HubSpot's batch limit), walking leads by id so memory stays flat at any size.
 */
export async function syncLeadOwners(db: Db, workspaceId: string): Promise<OwnerSyncResult> {
  const settings = await getHubSpotSettings(db, workspaceId);
  if (!settings.syncOwner) return { counts: {}, requests: 0, stoppedBecause: "owner_sync_off" };
  const access = await getPortalAccess(db, workspaceId);
  if (!access) return { counts: {}, requests: 0, stoppedBecause: "not_connected" };
  const runId = await startRun(db, workspaceId, "owners");
  let requests = 0;
  let counts: RunCounts = {};
  let lastLeadId = "00000000-0000-0000-0000-000000000000";
  try {
    requests += await refreshOwnerDirectory(db, workspaceId, access);
    for (;;) {
      if (!(await isStillConnected(db, workspaceId))) {
        await finishRun(db, runId, "stopped", counts, "HubSpot was disconnected during the run");
        return { runId, counts, requests, stoppedBecause: "not_connected" };
      }
      const batch = await db
        .select({ id: leads.id, contactId: leads.hubspotContactId, ownerId: leads.ownerId })
        .from(leads)
        .where(and(eq(leads.workspaceId, workspaceId), isNotNull(leads.hubspotContactId), gt(leads.id, lastLeadId)))
        .orderBy(asc(leads.id))
        .limit(BATCH_LIMIT);
      if (batch.length === 0) break;
      lastLeadId = batch[batch.length - 1].id;
      // Distinct ids: two leads can share a contact (e.g. after a merge).
      const contacts = await batchReadContacts(access.client, [...new Set(batch.map((l) => l.contactId!))], ["hubspot_owner_id", "hs_merged_object_ids"]);
      requests++;
      // A merged contact answers under its new id, listing the absorbed ones in hs_merged_object_ids.
      const byId = new Map<string, (typeof contacts)[number]>();
      for (const c of contacts) {
        byId.set(c.id, c);
        for (const old of (c.properties.hs_merged_object_ids ?? "").split(";").filter(Boolean)) if (!byId.has(old)) byId.set(old, c);
      }
      const owners = await resolveOwners(db, workspaceId, access, contacts.map((c) => c.properties.hubspot_owner_id));
      const records: NewSyncRecord[] = [];
      const updates: { leadId: string; values: Partial<typeof leads.$inferInsert> }[] = [];
      for (const lead of batch) {
        const contact = byId.get(lead.contactId!);
        if (!contact) {
          counts = addCounts(counts, { skipped: 1 });
          continue;
        }
        const owner = ownerFor(owners, contact.properties.hubspot_owner_id);
        const changed = owner.ownerId !== lead.ownerId;
        updates.push({
          leadId: lead.id,
          values: { ...owner, ownerCheckedAt: new Date(), ...(changed ? { ownerSince: new Date() } : {}), ...(contact.id !== lead.contactId ? { hubspotContactId: contact.id } : {}) },
        });
        if (changed) {
          const rawOwnerId = contact.properties.hubspot_owner_id || null;
          // Say why a contact that has an owner id gives the lead no owner (deactivated, a queue, or unknown).
          const why = rawOwnerId && !owner.ownerId ? { reasonCode: "no_active_owner", reason: `HubSpot owner ${rawOwnerId} is not an active person` } : {};
          records.push({ workspaceId, runId, leadId: lead.id, direction: "owners", status: "updated", contactId: contact.id, ...why, changes: [{ field: "owner", property: "hubspot_owner_id", old: lead.ownerId, new: owner.ownerId }] });
        }
        counts = addCounts(counts, { [changed ? "updated" : "unchanged"]: 1 });
      }
      // One transaction per batch: a reader sees a lead's new owner together with the history record of the change.
      await db.transaction(async (tx) => {
        for (const u of updates) await tx.update(leads).set(u.values).where(eq(leads.id, u.leadId));
        await insertSyncRecords(tx, records);
        // Rules on owner fields (e.g. "owner.email is set") may match differently now.
        const changedLeads = records.map((r) => r.leadId!);
        if (changedLeads.length > 0) await evaluateWorkflowsForLeads(tx, workspaceId, changedLeads, "owner_sync");
      });
    }
    await finishRun(db, runId, "completed", counts);
    return { runId, counts, requests };
  } catch (err) {
    if ((await recoverFromAuthError(db, workspaceId, err)) === "needs_reauth") {
      await finishRun(db, runId, "stopped", counts, (err as Error).message);
      return { runId, counts, requests, stoppedBecause: "not_connected" };
    }
    await finishRun(db, runId, "failed", counts, (err as Error).message);
    throw err;
  }
}
