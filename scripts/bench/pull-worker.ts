/**
 * The importing process of `npm run bench:pull`: opens the database named by the environment, runs one pull run of
 * a rule through the same begin → pages → complete calls the Inngest function makes (5 pages per "step"), and prints
 * one JSON line per step. Given a run id, it continues that run from its saved checkpoint (a restart after a crash).
 * Usage: tsx scripts/bench/pull-worker.ts <workspaceId> <ruleId> [runId]
 */
const [workspaceId, ruleId, runId] = process.argv.slice(2);
const say = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);

async function main() {
  const { getDb } = await import("@/lib/db/client");
  const { beginPullRun, pullPages } = await import("@/lib/sync/pull");
  const db = await getDb();
  const begun = await beginPullRun(db, workspaceId, ruleId, runId);
  say({ ready: true, runId: begun.runId, rssMb: process.memoryUsage().rss / 2 ** 20 });
  for (let step = 0; ; step++) {
    const res = await pullPages(db, workspaceId, begun.runId, { maxPages: 5 });
    say({ step, status: res.status, counts: res.counts });
    if (res.status !== "running") break;
  }
  process.exit(0);
}

main().catch((err) => {
  say({ error: (err as Error).stack ?? String(err) });
  process.exit(1);
});
