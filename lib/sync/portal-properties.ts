import type { Db } from "@/lib/db/client";
import { isWritable, type HubSpotProperty } from "@/lib/hubspot/types";
import { getPortalAccess } from "./connection";
import { getContactProperties } from "./properties";

/** The portal's contact properties for pickers and validation, or null when HubSpot is not connected. */
export async function loadPortalProperties(db: Db, workspaceId: string, opts: { refresh?: boolean } = {}): Promise<HubSpotProperty[] | null> {
  const access = await getPortalAccess(db, workspaceId);
  if (!access) return null;
  return getContactProperties(db, workspaceId, access, opts);
}

/** Properties a mapping may target: read-only and calculated ones are not offered. */
export function writableProperties(properties: HubSpotProperty[]): HubSpotProperty[] {
  return properties.filter(isWritable).sort((a, b) => a.label.localeCompare(b.label));
}
