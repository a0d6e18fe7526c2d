import type { Db } from "@/lib/db/client";
import type { RunCounts } from "@/drizzle/schema";
import { claimPendingLeads, releaseLeads, type ClaimedLead, type ReleaseOutcome } from "@/lib/db/queries/push-outbox";
import { getHubSpotSettings, listFieldMappings } from "@/lib/db/queries/hubspot-settings";
import { addCounts, finishRun, insertSyncRecords, startRun, type NewSyncRecord } from "@/lib/db/queries/sync-runs";
import { BATCH_LIMIT, batchCreateContacts, batchReadContacts, batchUpdateContacts, type BatchFailure } from "@/lib/hubspot/api";
import { HubSpotError } from "@/lib/hubspot/errors";
import type { HubSpotContact } from "@/lib/hubspot/types";
import { getPortalAccess, NotConnectedError, recoverFromAuthError, type PortalAccess } from "./connection";
import { resolveOwners, type LeadOwner, ownerFor } from "./owners";
import { getContactProperties, propertyMap } from "./properties";
import { planPush, type PushPlan } from "./push-plan";
import { evaluateWorkflowsForLeads } from "@/lib/workflows/evaluate";

/**
 * Leads claimed per pass: many batches' worth, so that the writes are grouped by kind across them. With half the
 * leads matching and half new, 1,000 leads cost 10 reads + 5 updates + 5 creates instead of 10 × (read + update +
 * create); each pass loses at most one partly filled update and one create call to rounding, so bigger passes waste
 * less of the rate budget. HubSpot takes at most 100 inputs per batch call; every call below is chunked to that.
 */
export const CLAIM_LIMIT = 10 * BATCH_LIMIT;

/** HubSpot's per-input codes that mean our cached property definitions are stale (deleted property, changed options). */
const PROPERTY_CHANGED_CODES = new Set(["PROPERTY_DOESNT_EXIST", "INVALID_OPTION", "READ_ONLY_VALUE", "INVALID_PROPERTY"]);

export type PushBatchResult = { claimed: number; counts: RunCounts; stoppedBecause?: "not_connected" | "update_off" };

type Outcome = { status: NewSyncRecord["status"]; contactId?: string; reasonCode?: string; reason?: string; done: boolean };
type Settings = { createNew: boolean; syncOwner: boolean };
type UpdatePlan = Extract<PushPlan, { action: "update" }>;
type CreatePlan = Extract<PushPlan, { action: "create" }>;

/**
 * Pushes one pass (≤ CLAIM_LIMIT) of the workspace's pending leads: batch reads by email, then by stored id for the
 * rest, batch updates and batch creates. Returns claimed = 0 when nothing is pending.
 */
export async function pushPendingBatch(db: Db, workspaceId: string): Promise<PushBatchResult> {
  const settings = await getHubSpotSettings(db, workspaceId);
  if (!settings.updateExisting) return { claimed: 0, counts: {}, stoppedBecause: "update_off" };
  const access = await getPortalAccess(db, workspaceId);
  if (!access) return { claimed: 0, counts: {}, stoppedBecause: "not_connected" };

  const batch = await claimPendingLeads(db, workspaceId, CLAIM_LIMIT);
  if (batch.length === 0) return { claimed: 0, counts: {} };
  const runId = await startRun(db, workspaceId, "push");
  try {
    const counts = await pushClaimed(db, workspaceId, access, batch, settings, runId);
    await finishRun(db, runId, "completed", counts);
    return { claimed: batch.length, counts };
  } catch (err) {
    // Nothing is lost: every lead of the pass stays pending and is retried.
    await releaseLeads(db, batch.map((lead) => ({ lead, outcome: { done: false } })));
    if (err instanceof NotConnectedError || (await recoverFromAuthError(db, workspaceId, err)) === "needs_reauth") {
      // The app was uninstalled or access revoked: stop instead of retrying; the leads wait for a new authorization.
      await finishRun(db, runId, "stopped", {}, (err as Error).message);
      return { claimed: 0, counts: {}, stoppedBecause: "not_connected" };
    }
    await finishRun(db, runId, "failed", {}, (err as Error).message);
    throw err;
  }
}

function chunks<T>(items: T[], size = BATCH_LIMIT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const propertyChanged = (f: BatchFailure | undefined) => Boolean(f && f.codes.some((c) => PROPERTY_CHANGED_CODES.has(c)));
const isPropertyChangeError = (err: unknown) =>
  err instanceof HubSpotError &&
  err.kind === "validation" &&
  ((err.body as { errors?: { code?: string }[] } | undefined)?.errors ?? []).some((e) => e.code && PROPERTY_CHANGED_CODES.has(e.code));

async function pushClaimed(db: Db, workspaceId: string, access: PortalAccess, batch: ClaimedLead[], settings: Settings, runId: string): Promise<RunCounts> {
  const mappings = await listFieldMappings(db, workspaceId);
  let properties = propertyMap(await getContactProperties(db, workspaceId, access));
  const readProps = [...new Set(["email", ...mappings.map((m) => m.hubspotProperty), ...(settings.syncOwner ? ["hubspot_owner_id"] : [])])];

  const matches = await matchContacts(access, batch, readProps);
  const planAll = (leads: ClaimedLead[]) => {
    for (const lead of leads) plans.set(lead.id, planPush(lead, mappings, properties, matches.get(lead.id) ?? null, settings.createNew));
  };
  const plans = new Map<string, PushPlan>();
  planAll(batch);

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

  const outcomes = new Map<string, Outcome>();
  const toWrite = batch.filter((l) => !deferred.has(l.id));
  let stale = await writeAll(access, toWrite, plans, outcomes);
  if (stale.length > 0) {
    // A property was deleted or its options changed since we cached the definitions: read them again once,
    // re-plan the refused leads (a value HubSpot would now refuse becomes a field error, the rest is written) and
    // send those once more. What fails again is recorded as failed.
    properties = propertyMap(await getContactProperties(db, workspaceId, access, { refresh: true }));
    for (const lead of stale) outcomes.delete(lead.id);
    planAll(stale);
    stale = await writeAll(access, stale, plans, outcomes, { last: true });
  }

  const owners = settings.syncOwner ? await resolveOwners(db, workspaceId, access, [...matches.values()].map((c) => c.properties.hubspot_owner_id)) : undefined;

  const records: NewSyncRecord[] = [];
  const releases: { lead: ClaimedLead; outcome: ReleaseOutcome }[] = [];
  let counts: RunCounts = {};
  for (const lead of batch) {
    if (deferred.has(lead.id)) {
      releases.push({ lead, outcome: { done: false } });
      continue;
    }
    const plan = plans.get(lead.id)!;
    const outcome: Outcome =
      outcomes.get(lead.id) ??
      (plan.action === "unchanged"
        ? { status: "unchanged", contactId: plan.contactId, done: true }
        : plan.action === "skip"
          ? { status: "skipped", reasonCode: plan.reasonCode, reason: plan.reason, done: true }
          : { status: "failed", reasonCode: "UNKNOWN", reason: "No outcome", done: false });
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
    releases.push({ lead, outcome: { done: outcome.done, contactId: outcome.contactId ?? null, portalId: outcome.contactId ? access.portalId : undefined, owner } });
  }
  // One transaction: a reader sees a lead's new link and owner together with the history record that explains them.
  await db.transaction(async (tx) => {
    await releaseLeads(tx, releases);
    await insertSyncRecords(tx, records);
    // Workflow conditions may use owner fields: re-evaluate the leads whose owner this pass changed.
    const ownerChanged = records.filter((r) => r.changes?.some((c) => c.field === "owner")).map((r) => r.leadId!);
    if (ownerChanged.length > 0) await evaluateWorkflowsForLeads(tx, workspaceId, ownerChanged, "owner_sync");
  });
  return counts;
}

/**
 * Sends the planned updates and creates, grouped by kind in batches of ≤ 100, and records each lead's outcome.
 * Returns the leads HubSpot refused because a property changed under us (to re-plan), unless this is the last try.
 */
async function writeAll(access: PortalAccess, leads: ClaimedLead[], plans: Map<string, PushPlan>, outcomes: Map<string, Outcome>, opts: { last?: boolean } = {}): Promise<ClaimedLead[]> {
  const stale: ClaimedLead[] = [];
  const failed = (lead: ClaimedLead, f: BatchFailure, contactId?: string): Outcome => {
    if (!opts.last && propertyChanged(f)) stale.push(lead);
    return { status: "failed", contactId, reasonCode: f.category, reason: f.message, done: !f.retryable };
  };

  const updates = leads.filter((l) => plans.get(l.id)!.action === "update");
  for (const part of chunks(updates)) {
    const inputs = part.map((l) => {
      const p = plans.get(l.id) as UpdatePlan;
      return { id: p.contactId, properties: p.properties, traceId: l.id };
    });
    const result = await sendOnce(access, part, () => batchUpdateContacts(access.client, inputs), opts, stale);
    if (!result) continue;
    for (const lead of part) {
      const p = plans.get(lead.id) as UpdatePlan;
      const failure = result.failures.find((f) => f.traceIds.includes(lead.id) || f.ids.includes(p.contactId));
      if (!failure) outcomes.set(lead.id, { status: "updated", contactId: p.contactId, done: true });
      else if (failure.category === "OBJECT_NOT_FOUND")
        // Deleted or archived between our read and our write: the next pass matches again (and creates if allowed).
        outcomes.set(lead.id, { status: "skipped", contactId: p.contactId, reasonCode: "CONTACT_GONE", reason: "The contact was deleted in HubSpot before the update; will match again", done: false });
      else outcomes.set(lead.id, failed(lead, failure, p.contactId));
    }
  }

  const creates = leads.filter((l) => plans.get(l.id)!.action === "create");
  for (const part of chunks(creates)) {
    const inputs = part.map((l) => ({ properties: (plans.get(l.id) as CreatePlan).properties, traceId: l.id }));
    let result;
    try {
      result = await sendOnce(access, part, () => batchCreateContacts(access.client, inputs), opts, stale);
    } catch (err) {
      // Without per-input errors HubSpot answers a batch holding an existing email with 409 for the whole batch.
      if (!(err instanceof HubSpotError && err.kind === "conflict")) throw err;
      for (const lead of part) outcomes.set(lead.id, conflictRetry());
      continue;
    }
    if (!result) continue;
    const byEmail = new Map(result.contacts.map((c) => [String(c.properties.email ?? "").toLowerCase(), c]));
    for (const lead of part) {
      const contact = byEmail.get(lead.email);
      const failure = result.failures.find((f) => f.traceIds.includes(lead.id) || f.emails.includes(lead.email));
      if (contact) outcomes.set(lead.id, { status: "created", contactId: contact.id, done: true });
      // Another writer created this email after our read: the next pass matches that contact and updates it.
      else if (failure?.category === "CONFLICT") outcomes.set(lead.id, conflictRetry());
      else if (failure) outcomes.set(lead.id, failed(lead, failure));
      else outcomes.set(lead.id, { status: "failed", reasonCode: "CREATE_FAILED", reason: "HubSpot did not return the created contact", done: false });
    }
  }
  return stale;
}

function conflictRetry(): Outcome {
  return { status: "skipped", reasonCode: "CONFLICT_RETRY", reason: "Contact created concurrently; will update it", done: false };
}

/**
 * One batch call with the access's backoff. A whole-batch 400 naming a changed property (HubSpot can refuse the
 * batch before looking at inputs) puts its leads up for re-planning instead of failing the pass; on the last try it
 * is thrown, leaving them pending.
 */
async function sendOnce<T>(access: PortalAccess, part: ClaimedLead[], fn: () => Promise<T>, opts: { last?: boolean }, stale: ClaimedLead[]): Promise<T | null> {
  try {
    return await access.call(fn);
  } catch (err) {
    if (opts.last || !isPropertyChangeError(err)) throw err;
    stale.push(...part);
    return null;
  }
}

/**
 * Email first (HubSpot's primary email, case-insensitive), then the stored contact id. A merged contact answers
 * under its new id, which then becomes the lead's link; an archived contact is not returned, so it is no match.
 */
async function matchContacts(access: PortalAccess, batch: ClaimedLead[], properties: string[]): Promise<Map<string, HubSpotContact>> {
  const matches = new Map<string, HubSpotContact>();
  for (const part of chunks(batch)) {
    const byEmail = await access.call(() => batchReadContacts(access.client, part.map((l) => l.email), properties, "email"));
    const emailIndex = new Map(byEmail.map((c) => [String(c.properties.email ?? "").toLowerCase(), c]));
    for (const lead of part) {
      const c = emailIndex.get(lead.email);
      if (c) matches.set(lead.id, c);
    }
  }
  const byId = batch.filter((l) => !matches.has(l.id) && l.hubspotContactId);
  for (const part of chunks(byId)) {
    const found = await access.call(() => batchReadContacts(access.client, part.map((l) => l.hubspotContactId!), [...properties, "hs_merged_object_ids"]));
    for (const lead of part) {
      const c = found.find((f) => f.id === lead.hubspotContactId || (f.properties.hs_merged_object_ids ?? "").split(";").includes(lead.hubspotContactId!));
      if (c) matches.set(lead.id, c);
    }
  }
  return matches;
}
