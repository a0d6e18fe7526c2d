import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { hubspotPropertyCache } from "@/drizzle/schema";
import { listContactProperties } from "@/lib/hubspot/api";
import type { HubSpotProperty } from "@/lib/hubspot/types";
import type { PortalAccess } from "./connection";

/** Property definitions change rarely; a push within this window costs no properties call. */
const PROPERTY_CACHE_TTL_MS = 15 * 60_000;

export async function getContactProperties(db: Db, workspaceId: string, access: PortalAccess, opts: { refresh?: boolean } = {}): Promise<HubSpotProperty[]> {
  const [cached] = await db.select().from(hubspotPropertyCache).where(eq(hubspotPropertyCache.workspaceId, workspaceId));
  const fresh = cached && cached.portalId === access.portalId && Date.now() - cached.fetchedAt.getTime() < PROPERTY_CACHE_TTL_MS;
  if (fresh && !opts.refresh) return cached.properties as HubSpotProperty[];
  const properties = await access.call(() => listContactProperties(access.client));
  const values = { portalId: access.portalId, properties, fetchedAt: new Date() };
  await db.insert(hubspotPropertyCache).values({ workspaceId, ...values }).onConflictDoUpdate({ target: hubspotPropertyCache.workspaceId, set: values });
  return properties;
}

export function propertyMap(properties: HubSpotProperty[]): Map<string, HubSpotProperty> {
  return new Map(properties.map((p) => [p.name, p]));
}
