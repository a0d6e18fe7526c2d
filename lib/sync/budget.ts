import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { executeRows } from "@/lib/db/rows";
import type { RequestBucket } from "@/lib/hubspot/client";

export type { RequestBucket };

/**
 * HubSpot's limits per portal (reference §6): 110 requests per rolling 10 s for an OAuth app (search excluded), and
 * 5 search requests per second. We keep a margin under each: a slot is taken when a request leaves, HubSpot counts it
 * when it arrives, and requests in flight blur the edge of the window — so a few slots fewer, and windows a little
 * longer than HubSpot's: 106 per 10.1 s is 95 % of HubSpot's rate (bench:push saw no 429); 5 searches per 1.05 s is
 * 95 % (bench:pull saw 2 searches in 477 answered 429 on PGlite, where the import's CPU work delays sends; those are
 * waited out and retried).
 */
export const BUDGETS: Record<RequestBucket, { limit: number; windowMs: number }> = {
  standard: { limit: 106, windowMs: 10_100 },
  search: { limit: 5, windowMs: 1_050 },
};

/** How long to wait after HubSpot answered 429 anyway (another app install or a clock edge): its policy's window. */
const BLOCK_MS: Record<RequestBucket, number> = { standard: 10_000, search: 1_000 };

/**
 * Takes one request slot of the portal's bucket if the rolling window has room; otherwise says how long to wait.
 * The budget row is locked (FOR UPDATE) for the count-and-insert, so concurrent callers in any process take slots
 * one at a time and the window never holds more than the limit. Same SQL on PostgreSQL and PGlite.
 */
export async function tryAcquireSlot(db: Db, portalId: string, bucket: RequestBucket): Promise<{ waitMs: number }> {
  const { limit, windowMs } = BUDGETS[bucket];
  const window = sql`${windowMs} * interval '1 millisecond'`;
  return db.transaction(async (tx) => {
    await tx.execute(sql`INSERT INTO hubspot_rate_budgets (portal_id, bucket) VALUES (${portalId}, ${bucket}) ON CONFLICT DO NOTHING`);
    const [row] = await executeRows<{ blocked_ms: number | null }>(
      tx,
      sql`SELECT (extract(epoch FROM blocked_until - clock_timestamp()) * 1000)::int AS blocked_ms
          FROM hubspot_rate_budgets WHERE portal_id = ${portalId} AND bucket = ${bucket} FOR UPDATE`,
    );
    if (row?.blocked_ms != null && Number(row.blocked_ms) > 0) return { waitMs: Number(row.blocked_ms) };
    await tx.execute(sql`DELETE FROM hubspot_rate_slots WHERE portal_id = ${portalId} AND bucket = ${bucket} AND at <= clock_timestamp() - ${window}`);
    const [used] = await executeRows<{ n: number; free_ms: number | null }>(
      tx,
      sql`SELECT count(*)::int AS n, (extract(epoch FROM min(at) + ${window} - clock_timestamp()) * 1000)::int AS free_ms
          FROM hubspot_rate_slots WHERE portal_id = ${portalId} AND bucket = ${bucket}`,
    );
    if (Number(used.n) >= limit) return { waitMs: Math.max(1, Number(used.free_ms ?? 1)) };
    await tx.execute(sql`INSERT INTO hubspot_rate_slots (portal_id, bucket, at) VALUES (${portalId}, ${bucket}, clock_timestamp())`);
    return { waitMs: 0 };
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits for and takes one slot. Small jitter keeps processes that woke together from retrying in lockstep. */
export async function acquireSlot(db: Db, portalId: string, bucket: RequestBucket): Promise<void> {
  for (;;) {
    const { waitMs } = await tryAcquireSlot(db, portalId, bucket);
    if (waitMs === 0) return;
    await sleep(waitMs + Math.floor(Math.random() * 25));
  }
}

/**
 * HubSpot answered 429 although we kept to the budget: stop every process's requests of this bucket until the
 * window frees: when our oldest slot in it ages out (at most the window), and at least a second.
 */
export async function blockBudget(db: Db, portalId: string, bucket: RequestBucket): Promise<void> {
  const { windowMs } = BUDGETS[bucket];
  const fallback = sql`clock_timestamp() + ${BLOCK_MS[bucket]} * interval '1 millisecond'`;
  await db.execute(sql`
    INSERT INTO hubspot_rate_budgets (portal_id, bucket, blocked_until)
    VALUES (${portalId}, ${bucket}, COALESCE(
      (SELECT CASE WHEN count(*) > 0 THEN GREATEST(min(at) + ${windowMs} * interval '1 millisecond', clock_timestamp() + interval '1 second') END
        FROM hubspot_rate_slots
        WHERE portal_id = ${portalId} AND bucket = ${bucket} AND at > clock_timestamp() - ${windowMs} * interval '1 millisecond'),
      ${fallback}))
    ON CONFLICT (portal_id, bucket) DO UPDATE SET blocked_until = GREATEST(COALESCE(hubspot_rate_budgets.blocked_until, EXCLUDED.blocked_until), EXCLUDED.blocked_until)`);
}
