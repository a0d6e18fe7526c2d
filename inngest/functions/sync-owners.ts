import { eq } from "drizzle-orm";
import { inngest } from "../client";
import { getDb } from "@/lib/db/client";
import { hubspotSettings } from "@/drizzle/schema";
import { syncLeadOwners } from "@/lib/sync/owner-sync";

export const syncOwners = inngest.createFunction(
  {
    id: "sync-owners",
    triggers: [{ event: "hubspot/owners.sync.requested" }],
    concurrency: [{ key: "event.data.workspaceId", limit: 1 }],
    retries: 3,
  },
  async ({ event, step }) => {
    const { workspaceId } = event.data as { workspaceId: string };
    return step.run("sync-lead-owners", async () => syncLeadOwners(await getDb(), workspaceId));
  },
);

/** Daily owner refresh for every workspace with owner sync on. */
export const scheduleOwnerSyncs = inngest.createFunction(
  { id: "schedule-owner-syncs", triggers: [{ cron: "0 3 * * *" }] },
  async ({ step }) => {
    const workspaceIds = await step.run("find-workspaces", async () => {
      const db = await getDb();
      const rows = await db.select({ id: hubspotSettings.workspaceId }).from(hubspotSettings).where(eq(hubspotSettings.syncOwner, true));
      return rows.map((r) => r.id);
    });
    if (workspaceIds.length > 0) {
      await step.sendEvent("start-owner-syncs", workspaceIds.map((workspaceId) => ({ name: "hubspot/owners.sync.requested", data: { workspaceId } })));
    }
    return { workspaces: workspaceIds.length };
  },
);
