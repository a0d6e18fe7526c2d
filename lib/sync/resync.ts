import { and, desc, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db/client";
import { executeRows } from "@/lib/db/rows";
import { leads, syncRuns, type RunCounts } from "@/drizzle/schema";
import { recordAudit, type Actor } from "@/lib/db/queries/audit";
import { getConnection } from "@/lib/db/queries/connections";
import { getHubSpotSettings } from "@/lib/db/queries/hubspot-settings";
import { finishRun, saveRunProgress, startRun } from "@/lib/db/queries/sync-runs";
import { countOf } from "@/lib/db/queries/sync-runs";

/**
 * "Resync all leads": every lead of the workspace with an email is marked push-pending, and the ordinary push takes
 * them from the outbox (same claim, same batching, same write rules and records as a capture's push).
 *
 * Marking walks the leads by id, one UPDATE per batch of ids, so memory stays flat whatever the workspace's size and
 * no long transaction holds every lead. Each batch bumps push_version, so a push already holding an older claim of
 * the lead leaves it pending, and clears push_not_before, so the resync is not held back by capture coalescing.
 */
export const RESYNC_BATCH = 1000;

/** Why a resync cannot start, in words for the admin; null when it can. */
export async function resyncRefusal(db: DbOrTx, workspaceId: string): Promise<string | null> {
  const [conn, settings] = await Promise.all([getConnection(db, workspaceId), getHubSpotSettings(db, workspaceId)]);
  if (conn?.status !== "connected") return "HubSpot is not connected; connect it before resyncing leads. Nothing was started.";
  if (!settings.updateExisting) return "“Update matching HubSpot Contacts” is off, so nothing would be pushed. Turn it on first; nothing was started.";
  const running = await latestResyncRun(db, workspaceId);
  if (running?.status === "running") return "A resync is already marking leads; wait for it to finish.";
  return null;
}

/** Creates the resync's run row (status running) so progress shows at once; the Inngest function does the marking. */
export async function startResync(db: Db, workspaceId: string, actor: Actor): Promise<string> {
  const runId = await startRun(db, workspaceId, "resync");
  await saveRunProgress(db, runId, { pages: 0, marked: 0 });
  await recordAudit(db, workspaceId, actor, "hubspot.resync_requested", { runId });
  return runId;
}

export type ResyncCursor = { afterId: string | null; pages: number; marked: number };
export type ResyncStep = ResyncCursor & { done: boolean };

/**
 * Marks up to `batches` batches after `cursor.afterId` and saves the run's progress. Counts are absolute (carried in
 * the cursor), so a retried step that redoes a batch rewrites the same numbers instead of adding them twice; marking
 * a lead twice only bumps its version again.
 */
export async function markResyncBatches(
  db: Db,
  workspaceId: string,
  runId: string,
  cursor: ResyncCursor,
  opts: { batches?: number; batchSize?: number } = {},
): Promise<ResyncStep> {
  const batchSize = opts.batchSize ?? RESYNC_BATCH;
  let { afterId, pages, marked } = cursor;
  for (let i = 0; i < (opts.batches ?? 1); i++) {
    // uuid order is the order of its lower-case hex text, so max(id::text) is the last id of the batch.
    const [row] = await executeRows<{ n: number | string; last: string | null }>(
      db,
      sql`WITH batch AS (
            SELECT id FROM leads
            WHERE workspace_id = ${workspaceId} AND email IS NOT NULL ${afterId ? sql`AND id > ${afterId}::uuid` : sql``}
            ORDER BY id
            LIMIT ${batchSize}
          ), marked AS (
            UPDATE leads SET push_pending = true, push_version = leads.push_version + 1, push_not_before = NULL
            FROM batch WHERE leads.id = batch.id
            RETURNING leads.id
          )
          SELECT count(*)::int AS n, max(id::text) AS last FROM marked`,
    );
    const n = Number(row?.n ?? 0);
    if (n > 0) {
      pages++;
      marked += n;
      afterId = row.last;
      await saveRunProgress(db, runId, { pages, marked });
    }
    if (n < batchSize) return { afterId, pages, marked, done: true };
  }
  return { afterId, pages, marked, done: false };
}

export async function finishResync(db: Db, runId: string, counts: RunCounts) {
  await finishRun(db, runId, "completed", counts);
}

export async function failResync(db: Db, runId: string, error: string) {
  await db
    .update(syncRuns)
    .set({ status: "failed", error, finishedAt: new Date() })
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.status, "running")));
}

export async function latestResyncRun(db: DbOrTx, workspaceId: string) {
  const [run] = await db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.workspaceId, workspaceId), eq(syncRuns.kind, "resync")))
    .orderBy(desc(syncRuns.startedAt))
    .limit(1);
  return run;
}

export type ResyncProgress = {
  runId: string;
  status: "running" | "completed" | "failed" | "stopped";
  startedAt: Date;
  finishedAt: Date | null;
  error: string | null;
  marked: number;
  /** Leads with an email still waiting for the push (any reason, including captures since the resync). */
  pending: number;
  /** Marked leads the push has taken since: marked minus what is still pending, once marking is done. */
  pushed: number;
};

/** The latest resync and how far the push got; null when there was none. */
export async function resyncProgress(db: DbOrTx, workspaceId: string): Promise<ResyncProgress | null> {
  const run = await latestResyncRun(db, workspaceId);
  if (!run) return null;
  const [{ pending }] = await db
    .select({ pending: countOf })
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), eq(leads.pushPending, true), sql`${leads.email} IS NOT NULL`));
  const marked = run.counts.marked ?? 0;
  return {
    runId: run.id,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    error: run.error,
    marked,
    pending,
    pushed: run.status === "completed" ? Math.max(0, marked - pending) : 0,
  };
}
