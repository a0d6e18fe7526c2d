import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { leads } from "@/drizzle/schema";
import { countOf } from "@/lib/db/queries/sync-runs";
import { resyncProgress } from "@/lib/sync/resync";
import { AutoRefresh } from "@/components/auto-refresh";
import { ResyncLeadsButton } from "./resync-leads-button";

/** While the push works through a finished resync's leads, the page keeps refreshing for at most this long. */
const FOLLOW_PUSH_MS = 15 * 60_000;

/** "Resync all leads": the button with its confirm step, and the latest resync's progress (marked → pushed). */
export async function ResyncLeads({ workspaceId }: { workspaceId: string }) {
  const db = await getDb();
  const [[{ withEmail }], progress] = await Promise.all([
    db.select({ withEmail: countOf }).from(leads).where(and(eq(leads.workspaceId, workspaceId), sql`${leads.email} IS NOT NULL`)),
    resyncProgress(db, workspaceId),
  ]);
  const following = progress?.status === "completed" && progress.pending > 0 && Date.now() - (progress.finishedAt?.getTime() ?? 0) < FOLLOW_PUSH_MS;
  return (
    <section className="card" aria-labelledby="resync-leads">
      <AutoRefresh active={following} />
      <h3 id="resync-leads">Resync all leads</h3>
      <p className="muted small">
        Pushes every lead with an email to HubSpot again, through the same write rules as a capture. Use it after changing mappings or fixing values in
        HubSpot.
      </p>
      <ResyncLeadsButton leadsWithEmail={withEmail} running={progress?.status === "running"} />
      {progress && (
        <p className="small" role="status" data-testid="resync-progress">
          Last resync ({progress.startedAt.toISOString().replace("T", " ").slice(0, 19)} UTC):{" "}
          {progress.status === "running" ? (
            <>marking leads… {progress.marked} marked so far</>
          ) : progress.status === "completed" ? (
            <>
              {progress.marked} leads marked · {progress.pushed} pushed · {Math.min(progress.pending, progress.marked)} waiting for the push
            </>
          ) : (
            <span className="field-error">
              {progress.status}: {progress.error ?? "no reason recorded"}
            </span>
          )}
        </p>
      )}
    </section>
  );
}
