import { and, eq, inArray, max } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { hubspotOwners } from "@/drizzle/schema";
import { listAllOwners } from "@/lib/hubspot/api";
import type { PortalAccess } from "./connection";

export type OwnerRecord = typeof hubspotOwners.$inferSelect;

/** The owner values a lead holds; all empty when HubSpot has no active person owning the contact. */
export type LeadOwner = { ownerId: string | null; ownerFirstName: string | null; ownerLastName: string | null; ownerEmail: string | null };

export const NO_OWNER: LeadOwner = { ownerId: null, ownerFirstName: null, ownerLastName: null, ownerEmail: null };

/** Re-reads the portal's owner directory (active and deactivated) into the cache. Returns the requests spent. */
export async function refreshOwnerDirectory(db: Db, workspaceId: string, access: PortalAccess): Promise<number> {
  const { owners, requests } = await listAllOwners(access.client);
  await db.transaction(async (tx) => {
    await tx.delete(hubspotOwners).where(eq(hubspotOwners.workspaceId, workspaceId));
    if (owners.length > 0) {
      await tx.insert(hubspotOwners).values(
        owners.map((o) => ({ workspaceId, portalId: access.portalId, ownerId: o.id, firstName: o.firstName, lastName: o.lastName, email: o.email, active: o.active, type: o.type, teams: o.teams, fetchedAt: new Date() })),
      );
    }
  });
  return requests;
}

/**
 * An unknown id refreshes the directory unless it was refreshed this recently. Without this, an id HubSpot itself
 * does not know (a removed user) would cost two owners calls in every batch of an owner sync or every pull page:
 * 200 extra requests for 10,000 leads instead of none.
 */
export const UNKNOWN_ID_REFRESH_MS = 5 * 60_000;

async function refreshedWithin(db: Db, workspaceId: string, ms: number): Promise<boolean> {
  const [row] = await db.select({ at: max(hubspotOwners.fetchedAt) }).from(hubspotOwners).where(eq(hubspotOwners.workspaceId, workspaceId));
  return Boolean(row?.at && Date.now() - new Date(row.at).getTime() < ms);
}

/**
 * Resolves contact owner ids through the cached directory, refreshing it when an id is unknown (a new owner was
 * added in HubSpot since the last refresh) and the directory is older than UNKNOWN_ID_REFRESH_MS.
 */
export async function resolveOwners(db: Db, workspaceId: string, access: PortalAccess, ownerIds: (string | null | undefined)[]): Promise<Map<string, LeadOwner>> {
  const wanted = [...new Set(ownerIds.filter((id): id is string => Boolean(id)))];
  const load = async () =>
    wanted.length === 0 ? [] : db.select().from(hubspotOwners).where(and(eq(hubspotOwners.workspaceId, workspaceId), inArray(hubspotOwners.ownerId, wanted)));
  let rows = await load();
  if (rows.length < wanted.length && !(await refreshedWithin(db, workspaceId, UNKNOWN_ID_REFRESH_MS))) {
    await refreshOwnerDirectory(db, workspaceId, access);
    rows = await load();
  }
  const byId = new Map(rows.map((r) => [r.ownerId, r]));
  return new Map(wanted.map((id) => [id, toLeadOwner(byId.get(id))]));
}

/** The owner a contact's hubspot_owner_id resolves to; no id, or one HubSpot does not know, is no owner. */
export function ownerFor(owners: Map<string, LeadOwner>, ownerId: string | null | undefined): LeadOwner {
  return (ownerId && owners.get(ownerId)) || NO_OWNER;
}

/** Deactivated owners, queues and ids HubSpot does not know all mean "No active owner". */
export function toLeadOwner(owner: OwnerRecord | undefined): LeadOwner {
  if (!owner || !owner.active || owner.type !== "PERSON") return NO_OWNER;
  return { ownerId: owner.ownerId, ownerFirstName: owner.firstName, ownerLastName: owner.lastName, ownerEmail: owner.email };
}

/** Directory entries (deactivated ones included) by id, so history can show names rather than bare owner ids. */
export async function listOwnersByIds(db: Db, workspaceId: string, ownerIds: (string | null)[]): Promise<Map<string, OwnerRecord>> {
  const ids = [...new Set(ownerIds.filter((id): id is string => Boolean(id)))];
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(hubspotOwners).where(and(eq(hubspotOwners.workspaceId, workspaceId), inArray(hubspotOwners.ownerId, ids)));
  return new Map(rows.map((r) => [r.ownerId, r]));
}

/** "Alex Rivera (300000101)", "Dana Whitfield (300000110, deactivated)", or the bare id when the directory lacks it. */
export function ownerLabel(id: string | null, directory: Map<string, OwnerRecord>): string {
  if (!id) return "No active owner";
  const o = directory.get(id);
  if (!o) return id;
  const name = [o.firstName, o.lastName].filter(Boolean).join(" ") || o.email || id;
  return `${name} (${id}${o.active ? "" : ", deactivated"})`;
}
