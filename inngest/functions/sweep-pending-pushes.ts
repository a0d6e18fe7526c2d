import { and, eq, isNotNull } from "drizzle-orm";
import { inngest } from "../client";
import { getDb } from "@/lib/db/client";
import { leads } from "@/drizzle/schema";

/** The outbox's safety net: wakes the push for every workspace that still has pending leads (a lost event, a retry). */
export const sweepPendingPushes = inngest.createFunction(
  { id: "sweep-pending-pushes", triggers: [{ cron: "* * * * *" }] },
  async ({ step }) => {
    const workspaceIds = await step.run("find-workspaces-with-pending", async () => {
      const db = await getDb();
      const rows = await db
        .selectDistinct({ workspaceId: leads.workspaceId })
        .from(leads)
        .where(and(eq(leads.pushPending, true), isNotNull(leads.email)));
      return rows.map((r) => r.workspaceId);
    });
    if (workspaceIds.length > 0) {
      await step.sendEvent(
        "wake-pushes",
        workspaceIds.map((workspaceId) => ({ name: "lead/push.requested", data: { workspaceId } })),
      );
    }
    return { workspaces: workspaceIds.length };
  },
);
