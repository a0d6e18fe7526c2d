import type { Db } from "@/lib/db/client";
import { searchContactLists, type HubSpotList } from "@/lib/hubspot/api";
import { getPortalAccess } from "./connection";

/** The portal's contact lists for the rule editor (lists search API, up to 500), or null when not connected. */
export async function loadPortalLists(db: Db, workspaceId: string): Promise<HubSpotList[] | null> {
  const access = await getPortalAccess(db, workspaceId);
  if (!access) return null;
  const out: HubSpotList[] = [];
  let offset = 0;
  for (let i = 0; i < 5; i++) {
    const page = await access.call(() => searchContactLists(access.client, "", offset, 100));
    out.push(...page.lists);
    if (!page.hasMore) break;
    offset = page.offset;
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
