/**
 * npm run bench:pull [-- --quick]
 *
 * Pull against the HubSpot sandbox with HubSpot's limits on (110 requests / rolling 10 s, search 5/s) and the
 * product's per-portal budget, through the real code (lib/sync/pull), in the embedded default database (PGlite on
 * disk; DATABASE_URL=postgres://… uses a fresh database on that server). The import runs in a child process
 * (scripts/bench/pull-worker.ts) whose RSS is sampled from /proc; the big run is killed (SIGKILL) mid-way and
 * started again on the same run, which must continue from its checkpoint. Prints the figures; the last line is one
 * JSON object for scripts. A benchmark, not a test: nothing is asserted.
 *
 * Full: a 100,000-contact portal; the "10k" figure is a rule matching the first 10,000 contacts with an email (in
 * a second workspace), the "100k" figure the rule matching every contact with an email. --quick: 15,000 contacts,
 * the same 10k rule, and the big rule over those 15,000 (its figure is reported under the same key).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { and, eq, sql } from "drizzle-orm";

const quick = process.argv.includes("--quick");
const PORTAL_CONTACTS = quick ? 15_000 : 100_000;
const SMALL = 10_000;
/** HubSpot's search bound: 5 requests per second × 200 results per page. */
const BOUND_PER_SECOND = 5 * 200;
/** The big run is killed once it has imported this share of its matches. */
const KILL_AT = 0.4;
const log = (s: string) => console.log(s);

type WorkerLine = { ready?: boolean; runId?: string; rssMb?: number; step?: number; status?: string; counts?: Record<string, number>; error?: string };
type WorkerResult = { runId: string; peakRssMb: number; idleRssMb: number; activeMs: number; killed: boolean; last?: WorkerLine };

function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Runs the worker; samples its RSS every 50 ms; kills it (SIGKILL) when `killWhen` says so. */
function runWorker(env: NodeJS.ProcessEnv, args: string[], killWhen?: (l: WorkerLine) => boolean): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    // tsx's loader runs in the same process, so this is the RSS of the one process doing the import.
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/bench/pull-worker.ts", ...args], { env, stdio: ["ignore", "pipe", "inherit"] });
    const res: WorkerResult = { runId: args[2] ?? "", peakRssMb: 0, idleRssMb: 0, activeMs: 0, killed: false };
    let readyAt = 0;
    const sample = setInterval(() => {
      const r = rssMb(child.pid!);
      if (r !== null) res.peakRssMb = Math.max(res.peakRssMb, r);
    }, 50);
    createInterface({ input: child.stdout! }).on("line", (text) => {
      let l: WorkerLine;
      try {
        l = JSON.parse(text) as WorkerLine;
      } catch {
        return;
      }
      if (l.error) log(`worker error: ${l.error}`);
      if (l.ready) {
        readyAt = Date.now();
        res.runId = l.runId!;
        res.idleRssMb = rssMb(child.pid!) ?? 0;
      } else res.last = l;
      if (killWhen && !res.killed && killWhen(l)) {
        res.killed = true;
        child.kill("SIGKILL");
      }
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      clearInterval(sample);
      res.activeMs = readyAt ? Date.now() - readyAt : 0;
      if (code !== 0 && !res.killed) reject(new Error(`worker exited with ${code}`));
      else resolve(res);
    });
  });
}

async function main() {
  const started = Date.now();
  // Throwaway secrets and database: everything the bench makes is deleted at the end.
  process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("base64url");
  process.env.TOKEN_ENCRYPTION_KEY ??= randomBytes(32).toString("base64url");
  const tmp = mkdtempSync(path.join(tmpdir(), "bench-pull-"));
  let dropPg: (() => Promise<void>) | null = null;
  if (process.env.DATABASE_URL) {
    const { default: postgres } = await import("postgres");
    const name = `spara_bench_${randomBytes(4).toString("hex")}`;
    const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
    dropPg = async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  } else process.env.PGLITE_DIR = path.join(tmp, "pglite");

  const { startSandbox } = await import("@/hubspot-sandbox/server");
  const t0 = Date.now();
  const sandbox = await startSandbox({ port: 0, contacts: PORTAL_CONTACTS });
  const seedSeconds = (Date.now() - t0) / 1000;
  process.env.HUBSPOT_API_BASE_URL = sandbox.url;
  process.env.HUBSPOT_AUTHORIZE_URL = `${sandbox.url}/oauth/authorize`;
  process.env.HUBSPOT_APP_URL = sandbox.url;
  const childEnv = { ...process.env };

  try {
    // Setup in this process, then closed: PGlite on disk is opened by one process at a time.
    const { openDb, defaultDbUrl } = await import("@/lib/db/client");
    const schema = await import("@/drizzle/schema");
    const handle = await openDb(defaultDbUrl());
    const db = handle.db;
    const { seedDemo } = await import("@/drizzle/seed");
    await seedDemo(db);
    const { connectPortal, getPortalAccess } = await import("@/lib/sync/connection");
    const { getContactProperties } = await import("@/lib/sync/properties");
    const { saveHubSpotSettings } = await import("@/lib/sync/settings");
    const actor = { userId: null, email: "bench@spara.test" };
    const mappings = [
      { leadField: "firstName", hubspotProperty: "firstname", writeRule: "overwrite" as const },
      { leadField: "lastName", hubspotProperty: "lastname", writeRule: "overwrite" as const },
      { leadField: "company", hubspotProperty: "company", writeRule: "fill_empty" as const },
      { leadField: "city", hubspotProperty: "city", writeRule: "overwrite" as const },
    ];
    const workspaceIds: Record<string, string> = {};
    for (const slug of ["acme", "globex"]) {
      const [ws] = await db.select().from(schema.workspaces).where(eq(schema.workspaces.slug, slug));
      workspaceIds[slug] = ws.id;
      const t = (await sandbox.connect()) as { access_token: string; refresh_token: string; expires_in: number; hub_id?: number };
      await connectPortal(db, ws.id, actor, { accessToken: t.access_token, refreshToken: t.refresh_token, expiresInSeconds: t.expires_in, hubId: String(t.hub_id ?? sandbox.portal.hubId) });
      const properties = await getContactProperties(db, ws.id, (await getPortalAccess(db, ws.id))!, { refresh: true });
      await saveHubSpotSettings(db, ws.id, actor, { updateExisting: false, createNew: false, syncOwner: false, mappings }, properties);
    }
    // What each rule should import, counted from the sandbox's own store.
    const store = sandbox.sandbox.ctx.store;
    const withEmail: string[] = [];
    for (let row = 0; row < store.rowCount; row++) {
      if (!store.isLive(row)) continue;
      const c = store.toObject(row, "all") as { id: string; properties: Record<string, string | null> };
      if (c.properties.email) withEmail.push(c.id);
    }
    const small = withEmail.slice(0, SMALL);
    const insertRule = async (workspaceId: string, name: string, filters: (typeof schema.pullRules.$inferInsert)["filters"]) =>
      (await db.insert(schema.pullRules).values({ workspaceId, name, filters, createdByEmail: actor.email }).returning())[0].id;
    const smallRule = await insertRule(workspaceIds.globex, "First 10,000 with an email", [
      { property: "email", operator: "HAS_PROPERTY" },
      { property: "hs_object_id", operator: "LT", value: String(BigInt(small.at(-1)!) + 1n) },
    ]);
    const bigRule = await insertRule(workspaceIds.acme, "Everyone with an email", [{ property: "email", operator: "HAS_PROPERTY" }]);
    await handle.close();
    log(`Pull benchmark (${quick ? "quick" : "full"}) — sandbox with ${PORTAL_CONTACTS.toLocaleString("en-US")} contacts (seeded in ${seedSeconds.toFixed(1)} s), limits 110/10 s and search 5/s on, database ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite on disk"}`);

    const crmCounts = async () => {
      const r = (await (await fetch(`${sandbox.url}/_sandbox/requests`)).json()) as { counts: Record<string, number>; requests: { status: number; path: string }[] };
      // 429s are counted apart: a search HubSpot refused fetched no page, so it is no sign of a page read twice.
      return { ...r.counts, "429 /crm/ (rate limited)": r.requests.filter((e) => e.status === 429 && e.path.startsWith("/crm/")).length };
    };
    const diff = (a: Record<string, number>, b: Record<string, number>) =>
      Object.fromEntries(Object.entries(b).filter(([k]) => k.includes(" /crm/")).map(([k, v]) => [k, v - (a[k] ?? 0)]).filter(([, v]) => (v as number) > 0)) as Record<string, number>;
    const sum = (o: Record<string, number>) => Object.entries(o).filter(([k]) => !k.startsWith("429 ")).reduce((x, [, y]) => x + y, 0);

    // 1. The 10k run: one process, start to end.
    let before = await crmCounts();
    const a = await runWorker(childEnv, [workspaceIds.globex, smallRule]);
    const smallReq = diff(before, await crmCounts());
    log(`1. 10k rule: ${a.last?.counts?.imported ?? 0} imported of ${small.length} in ${(a.activeMs / 1000).toFixed(1)} s; peak RSS ${a.peakRssMb.toFixed(0)} MB (idle ${a.idleRssMb.toFixed(0)} MB); requests ${JSON.stringify(smallReq)}`);

    // 2. The big run, killed mid-way, then started again on the same run.
    const expected = withEmail.length;
    before = await crmCounts();
    const b1 = await runWorker(childEnv, [workspaceIds.acme, bigRule], (l) => (l.counts?.imported ?? 0) >= expected * KILL_AT);
    const atKill = b1.last?.counts ?? {};
    log(`2. big rule (${expected} matches): killed with SIGKILL after ${atKill.pages ?? 0} pages, ${atKill.imported ?? 0} imported, ${(b1.activeMs / 1000).toFixed(1)} s; peak RSS ${b1.peakRssMb.toFixed(0)} MB (idle ${b1.idleRssMb.toFixed(0)} MB)`);
    const b2 = await runWorker(childEnv, [workspaceIds.acme, bigRule, b1.runId]);
    const bigReq = diff(before, await crmCounts());
    log(`   restarted on run ${b2.runId}: ${b2.last?.status}, counts ${JSON.stringify(b2.last?.counts)} in ${(b2.activeMs / 1000).toFixed(1)} s; peak RSS ${b2.peakRssMb.toFixed(0)} MB (idle ${b2.idleRssMb.toFixed(0)} MB)`);

    // 3. Correctness, from the database.
    const check = await openDb(defaultDbUrl());
    const [leadStats] = await check.db
      .select({ leads: sql<number>`count(*)::int`, contacts: sql<number>`count(distinct ${schema.leads.hubspotContactId})::int` })
      .from(schema.leads)
      .where(eq(schema.leads.workspaceId, workspaceIds.acme));
    const [recordStats] = await check.db
      .select({ imported: sql<number>`count(*)::int`, contacts: sql<number>`count(distinct ${schema.syncRecords.contactId})::int` })
      .from(schema.syncRecords)
      .where(and(eq(schema.syncRecords.runId, b1.runId), eq(schema.syncRecords.status, "imported")));
    const [run] = await check.db.select().from(schema.syncRuns).where(eq(schema.syncRuns.id, b1.runId));
    const linked = new Set(
      (await check.db.select({ id: schema.leads.hubspotContactId }).from(schema.leads).where(eq(schema.leads.workspaceId, workspaceIds.acme))).map((r) => r.id),
    );
    await check.close();
    const missing = withEmail.filter((id) => !linked.has(id)).length;
    const duplicates = Number(leadStats.leads) - Number(leadStats.contacts) + (Number(recordStats.imported) - Number(recordStats.contacts));
    const searches = (bigReq["POST /crm/v3/objects/contacts/search"] ?? 0) - (bigReq["429 /crm/ (rate limited)"] ?? 0);
    const minSearches = Math.ceil(expected / 200);
    // Resumed = the second process did not start over: at most the page in flight at the kill was asked twice.
    const resumeOk = run.status === "completed" && b2.runId === b1.runId && missing === 0 && duplicates === 0 && Number(recordStats.imported) === expected && searches <= minSearches + 1;
    log(`3. run ${run.status}: ${recordStats.imported} imported records for ${recordStats.contacts} contacts; ${leadStats.leads} leads for ${leadStats.contacts} contacts; missing ${missing}; duplicates ${duplicates}; searches ${searches} (minimum ${minSearches})`);

    // 4. Requests and throughput of the big run (both processes; the time between kill and restart not counted).
    const requests = sum(bigReq);
    const seconds = (b1.activeMs + b2.activeMs) / 1000;
    const perSecond = expected / seconds;
    const boundPct = Math.round((1000 * perSecond) / BOUND_PER_SECOND) / 10;
    log(`4. ${requests} CRM requests ${JSON.stringify(bigReq)} = ${((1000 * requests) / expected).toFixed(2)} per 1,000 contacts; ${perSecond.toFixed(0)} contacts/s in ${seconds.toFixed(1)} s of import = ${boundPct} % of the ${BOUND_PER_SECOND}/s search bound`);
    log(`(${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
    log(
      JSON.stringify({
        contacts: expected,
        imported: Number(recordStats.imported),
        duplicates,
        requests_per_1000_contacts: Math.round((100_000 * requests) / expected) / 100,
        bound_pct: boundPct,
        peak_rss_mb_10k: Math.round(a.peakRssMb),
        peak_rss_mb_100k: Math.round(Math.max(b1.peakRssMb, b2.peakRssMb)),
        resume_ok: resumeOk,
      }),
    );
  } finally {
    await sandbox.close();
    await dropPg?.();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
