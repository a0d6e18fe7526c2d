import type { Db } from "@/lib/db/client";
import type { RunCounts } from "@/drizzle/schema";
import { claimPendingLeads, releaseLead, type ClaimedLead } from "@/lib/db/queries/push-outbox";
import { getHubSpotSettings, listFieldMappings } from "@/lib/db/queries/hubspot-settings";
import { addCounts, finishRun, insertSyncRecords, startRun, type NewSyncRecord } from "@/lib/db/queries/sync-runs";
import { BATCH_LIMIT, batchCreateContacts, batchReadContacts, batchUpdateContacts } from "@/lib/hubspot/api";
import { HubSpotError } from "@/lib/hubspot/errors";
import type { HubSpotContact } from "@/lib/hubspot/types";
import { getPortalAccess, recoverFromAuthError, type PortalAccess } from "./connection";
import { resolveOwners, type LeadOwner, ownerFor } from "./owners";
import { getContactProperties, propertyMap } from "./properties";
import { planPush, type PushPlan } from "./push-plan";

export type PushBatchResult = { claimed: number; counts: RunCounts; stoppedBecause?: "not_connected" | "update_off" };

/**
 * Pushes one batch (≤ 100) of the workspace's pending leads: one batch read by email, one by stored id for the rest,
 * one batch update and one batch create. Returns claimed = 0 when nothing is pending.
 */
export async function pushPendingBatch(db: Db, workspaceId: string): Promise<PushBatchResult> {
  const settings = await getHubSpotSettings(db, workspaceId);
  if (!settings.updateExisting) return { claimed: 0, counts: {}, stoppedBecause: "update_off" };
  const access = await getPortalAccess(db, workspaceId);
  if (!access) return { claimed: 0, counts: {}, stoppedBecause: "not_connected" };

  const batch = await claimPendingLeads(db, workspaceId, BATCH_LIMIT);
  if (batch.length === 0) return { claimed: 0, counts: {} };
  const runId = await startRun(db, workspaceId, "push");
  try {
    const counts = await pushClaimed(db, workspaceId, access, batch, settings, runId);
    await finishRun(db, runId, "completed", counts);
    return { claimed: batch.length, counts };
  } catch (err) {
    // Nothing is lost: every lead of the batch stays pending and is retried.
    for (const lead of batch) await releaseLead(db, lead, { done: false });
    if ((await recoverFromAuthError(db, workspaceId, err)) === "needs_reauth") {
      // The app was uninstalled or access revoked: stop instead of retrying; the leads wait for a new authorization.
      await finishRun(db, runId, "stopped", {}, (err as Error).message);
      return { claimed: 0, counts: {}, stoppedBecause: "not_connected" };
    }
    await finishRun(db, runId, "failed", {}, (err as Error).message);
    throw err;
  }
}

async function pushClaimed(
  db: Db,
  workspaceId: string,
  access: PortalAccess,
  batch: ClaimedLead[],
  settings: { createNew: boolean; syncOwner: boolean },
  runId: string,
): Promise<RunCounts> {
  const mappings = await listFieldMappings(db, workspaceId);
  const properties = propertyMap(await getContactProperties(db, workspaceId, access));
  const readProps = [...new Set(["email", ...mappings.map((m) => m.hubspotProperty), ...(settings.syncOwner ? ["hubspot_owner_id"] : [])])];

  const matches = await matchContacts(access, batch, readProps);
  const plans = new Map<string, PushPlan>(batch.map((lead) => [lead.id, planPush(lead, mappings, properties, matches.get(lead.id) ?? null, settings.createNew)]));

  const outcomes = new Map<string, { status: NewSyncRecord["status"]; contactId?: string; reasonCode?: string; reason?: string; done: boolean }>();

  // HubSpot rejects a batch update that names one contact twice (400 for the whole batch, on every retry). Two leads
  // can resolve to one contact (one by email, the other by a stored id that was merged into it, or whose email
  // changed in HubSpot): the later lead waits, still pending, for the next pass.
  const deferred = new Set<string>();
  const updateTargets = new Set<string>();
  for (const lead of batch) {
    const plan = plans.get(lead.id)!;
    if (plan.action !== "update") continue;
    if (updateTargets.has(plan.contactId)) deferred.add(lead.id);
    else updateTargets.add(plan.contactId);
  }

  const updates = batch.filter((l) => plans.get(l.id)!.action === "update" && !deferred.has(l.id));
  const updateResult = await batchUpdateContacts(
    access.client,
    updates.map((l) => {
      const p = plans.get(l.id) as Extract<PushPlan, { action: "update" }>;
      return { id: p.contactId, properties: p.properties, traceId: l.id };
    }),
  );
  for (const lead of updates) {
    const p = plans.get(lead.id) as Extract<PushPlan, { action: "update" }>;
    const failure = updateResult.failures.find((f) => f.traceIds.includes(lead.id) || f.ids.includes(p.contactId));
    outcomes.set(
      lead.id,
      failure
        ? { status: "failed", contactId: p.contactId, reasonCode: failure.category, reason: failure.message, done: !failure.retryable }
        : { status: "updated", contactId: p.contactId, done: true },
    );
  }

  const creates = batch.filter((l) => plans.get(l.id)!.action === "create");
  if (creates.length > 0) {
    try {
      const created = await batchCreateContacts(
        access.client,
        creates.map((l) => ({ properties: (plans.get(l.id) as Extract<PushPlan, { action: "create" }>).properties, traceId: l.id })),
      );
      const byEmail = new Map(created.contacts.map((c) => [String(c.properties.email ?? "").toLowerCase(), c]));
      for (const lead of creates) {
        const contact = byEmail.get(lead.email);
        const failure = created.failures.find((f) => f.traceIds.includes(lead.id) || f.emails.includes(lead.email));
        outcomes.set(
          lead.id,
          contact
            ? { status: "created", contactId: contact.id, done: true }
            : failure?.category === "CONFLICT"
              ? // Another writer created this email after our read: the next pass matches it and updates it.
                { status: "skipped", reasonCode: "CONFLICT_RETRY", reason: "Contact created concurrently; will update it", done: false }
              : { status: "failed", reasonCode: failure?.category ?? "CREATE_FAILED", reason: failure?.message ?? "HubSpot did not return the created contact", done: !(failure?.retryable ?? true) },
        );
      }
    } catch (err) {
      // Another writer created one of these emails first (HubSpot rejects the whole batch with 409). Leave them
      // pending: the next pass matches the existing contact by email and updates it, so no duplicate is made.
      if (!(err instanceof HubSpotError && err.kind === "conflict")) throw err;
      for (const lead of creates) outcomes.set(lead.id, { status: "skipped", reasonCode: "CONFLICT_RETRY", reason: "Contact created concurrently; will update it", done: false });
    }
  }

  const owners = settings.syncOwner ? await resolveOwners(db, workspaceId, access, [...matches.values()].map((c) => c.properties.hubspot_owner_id)) : undefined;

  const records: NewSyncRecord[] = [];
  let counts: RunCounts = {};
  for (const lead of batch) {
    if (deferred.has(lead.id)) {
      await releaseLead(db, lead, { done: false });
      continue;
    }
    const plan = plans.get(lead.id)!;
    const outcome =
      outcomes.get(lead.id) ??
      (plan.action === "unchanged"
        ? { status: "unchanged" as const, contactId: plan.contactId, done: true }
        : plan.action === "skip"
          ? { status: "skipped" as const, reasonCode: plan.reasonCode, reason: plan.reason, done: true }
          : { status: "failed" as const, reasonCode: "UNKNOWN", reason: "No outcome", done: false });
    const match = matches.get(lead.id);
    const owner: LeadOwner | undefined = owners && match ? ownerFor(owners, match.properties.hubspot_owner_id) : undefined;
    const changes = "changes" in plan && ["updated", "created"].includes(outcome.status) ? [...plan.changes] : [];
    if (owner && owner.ownerId !== lead.ownerId) changes.push({ field: "owner", property: "hubspot_owner_id", old: lead.ownerId, new: owner.ownerId });
    records.push({
      workspaceId,
      runId,
      leadId: lead.id,
      direction: "push",
      status: outcome.status,
      contactId: outcome.contactId ?? match?.id ?? null,
      reasonCode: outcome.reasonCode ?? null,
      reason: outcome.reason ?? null,
      changes,
      fieldErrors: "fieldErrors" in plan ? plan.fieldErrors : [],
    });
    counts = addCounts(counts, { [outcome.status]: 1 });
    await releaseLead(db, lead, { done: outcome.done, contactId: outcome.contactId ?? null, portalId: outcome.contactId ? access.portalId : undefined, owner });
  }
  await insertSyncRecords(db, records);
  return counts;
}

/**
 * Email first (HubSpot's primary email, case-insensitive), then the stored contact id. A merged contact answers
 * under its new id, which then becomes the lead's link; an archived contact is not returned, so it is no match.
 */
async function matchContacts(access: PortalAccess, batch: ClaimedLead[], properties: string[]): Promise<Map<string, HubSpotContact>> {
  const matches = new Map<string, HubSpotContact>();
  const byEmail = await batchReadContacts(access.client, batch.map((l) => l.email), properties, "email");
  const emailIndex = new Map(byEmail.map((c) => [String(c.properties.email ?? "").toLowerCase(), c]));
  for (const lead of batch) {
    const c = emailIndex.get(lead.email);
    if (c) matches.set(lead.id, c);
  }
  const byId = batch.filter((l) => !matches.has(l.id) && l.hubspotContactId);
  if (byId.length > 0) {
    const found = await batchReadContacts(access.client, byId.map((l) => l.hubspotContactId!), [...properties, "hs_merged_object_ids"]);
    for (const lead of byId) {
      const c = found.find((f) => f.id === lead.hubspotContactId || (f.properties.hs_merged_object_ids ?? "").split(";").includes(lead.hubspotContactId!));
      if (c) matches.set(lead.id, c);
    }
  }
  return matches;
}
