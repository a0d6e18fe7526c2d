/**
 * npm run bench:push [-- --quick]
 *
 * Push against the HubSpot sandbox with HubSpot's real limits on (110 requests / rolling 10 s, search 5/s), through
 * the real code: captures recorded by lib/ingest, pushes run as the real Inngest functions via the local runner, in
 * the embedded default database (PGlite). Reuses the integration harness (tests/integration/harness.ts).
 * Prints the figures; the last line is one JSON object for scripts. A benchmark, not a test: nothing is asserted.
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { crmRequests, startHarness, type Harness, type MappingRow, type SandboxRequestLogEntry } from "../../tests/integration/harness";

const quick = process.argv.includes("--quick");
const log = (s: string) => console.log(s);

// HubSpot's limit and batch size (reference §6, §2): the bound every figure is measured against.
const HUBSPOT_REQUESTS_PER_10S = 110;
const HUBSPOT_BATCH_INPUTS = 100;

// 8 mapped fields, mixed write rules (plus the locked Email row).
const MAPPINGS: MappingRow[] = [
  { leadField: "firstName", hubspotProperty: "firstname", writeRule: "overwrite" },
  { leadField: "lastName", hubspotProperty: "lastname", writeRule: "overwrite" },
  { leadField: "company", hubspotProperty: "company", writeRule: "fill_empty" },
  { leadField: "jobTitle", hubspotProperty: "jobtitle", writeRule: "fill_empty" },
  { leadField: "city", hubspotProperty: "city", writeRule: "overwrite" },
  { leadField: "conversationSummary", hubspotProperty: "spara_conversation_summary", writeRule: "overwrite" },
  { leadField: "meetingBooked", hubspotProperty: "spara_qualified", writeRule: "overwrite" },
  { leadField: "companySize", hubspotProperty: "spara_lead_score", writeRule: "fill_empty" },
];
const FIELDS = ["firstName", "lastName", "company", "jobTitle", "city", "conversationSummary", "meetingBooked", "companySize"];

function fieldsFor(i: number, tag: string): Record<string, string | number | boolean> {
  return { firstName: `First${i}`, lastName: `Last${i}`, company: `Co ${i % 97}`, jobTitle: "Buyer", city: `City ${tag}`, conversationSummary: `Asked about ${tag} ${i}`, meetingBooked: i % 2 === 0, companySize: 10 + (i % 500) };
}

/** N leads pending push: half with an email that already is a HubSpot contact, half new. Inserted in bulk (a bulk import), marked pending in the outbox. */
async function seedBulk(h: Harness, n: number, tag: string): Promise<string[]> {
  const store = h.sandbox.sandbox.ctx.store;
  const emails: string[] = [];
  for (let i = 0; i < n; i++) {
    const email = `${tag}.${i}@bench.example`;
    emails.push(email);
    if (i % 2 === 0) store.insert({ email, firstname: `Old${i}`, company: i % 4 === 0 ? `Theirs ${i}` : undefined });
  }
  for (let i = 0; i < n; i += 500) {
    const rows = emails.slice(i, i + 500).map((email, j) => ({ workspaceId: h.workspaceId, email, source: "conversation", fields: fieldsFor(i + j, tag), pushPending: true, pushVersion: 1 }));
    await h.db.insert(h.schema.leads).values(rows);
  }
  return emails;
}

async function logIndex(h: Harness): Promise<number> {
  return (await h.requestLog()).length;
}

/** Pushes everything pending through the real function: one wake-up event, then until the runner is idle and nothing is pending. */
async function pushAll(h: Harness) {
  for (let i = 0; i < 50; i++) {
    await h.inngest.send({ name: "lead/push.requested", data: { workspaceId: h.workspaceId } });
    await h.runner.idle(600_000);
    const [{ n }] = (await h.db.execute(sql`SELECT count(*)::int AS n FROM leads WHERE workspace_id = ${h.workspaceId} AND push_pending`).then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows))) as { n: number }[];
    if (Number(n) === 0) return;
  }
}

function check(h: Harness, emails: string[]): { lost: number; duplicates: number } {
  const byEmail = new Map<string, number>();
  for (const c of h.allContacts()) {
    const e = String(c.properties.email ?? "");
    if (e) byEmail.set(e, (byEmail.get(e) ?? 0) + 1);
  }
  let lost = 0;
  let duplicates = 0;
  for (const e of emails) {
    const n = byEmail.get(e) ?? 0;
    if (n === 0) lost++;
    if (n > 1) duplicates += n - 1;
  }
  return { lost, duplicates };
}

async function lostValues(h: Harness, emails: string[], tag: string): Promise<number> {
  // A lead counts as lost when HubSpot does not hold its overwrite-rule values, or it is still pending / failed.
  const contacts = new Map(h.allContacts().map((c) => [String(c.properties.email ?? ""), c]));
  let lost = 0;
  for (let i = 0; i < emails.length; i++) {
    const c = contacts.get(emails[i]);
    if (!c || c.properties.firstname !== `First${i}` || c.properties.city !== `City ${tag}`) lost++;
  }
  return lost;
}

const pct = (a: number, b: number) => Math.round((1000 * a) / b) / 10;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** The shortest time HubSpot's rolling window allows for R requests: 110 at once, each further 110 one window later. */
function boundSeconds(requests: number): number {
  return Math.floor((requests - 1) / HUBSPOT_REQUESTS_PER_10S) * 10;
}

async function main() {
  const started = Date.now();
  // Throwaway secrets: the bench's database is in memory and dies with it.
  process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("base64url");
  process.env.TOKEN_ENCRYPTION_KEY ??= randomBytes(32).toString("base64url");
  // Coalescing as in production (30 s), scaled down with the conversation in --quick; step.sleep must really wait.
  process.env.PUSH_COALESCE_MS ??= quick ? "3000" : "30000";
  const h = await startHarness({ contacts: 200, sleepScale: 1 });
  try {
    await h.connect();
    await h.setSettings({ updateExisting: true, createNew: true, syncOwner: false, mappings: MAPPINGS });
    log(`Push benchmark (${quick ? "quick" : "full"}) — sandbox ${h.sandboxUrl}, limits 110/10 s and search 5/s on, database ${h.database}`);

    // 1. Requests per 1,000 leads in bulk.
    let from = await logIndex(h);
    const bulk = await seedBulk(h, 1000, "bulk");
    await pushAll(h);
    const bulkLog = crmRequests((await h.requestLog()).slice(from));
    const requestsPer1000 = bulkLog.length;
    log(`1. requests per 1,000 leads (500 existing, 500 new, 8 mapped fields, mixed rules): ${requestsPer1000} ${JSON.stringify(countBy(bulkLog))} — ${JSON.stringify(check(h, bulk))}`);

    // 2. One conversation capturing 10 fields over 60 s (quick: over 6 s), a wake-up event after each capture.
    const spanMs = quick ? 6_000 : 60_000;
    from = await logIndex(h);
    const convEmail = "one.conversation@bench.example";
    const tenFields: [string, string | number | boolean][] = [
      ["firstName", "Conv"], ["lastName", "Ersation"], ["company", "Talk Ltd"], ["jobTitle", "CTO"], ["city", "Oslo"],
      ["conversationSummary", "Wants a demo"], ["meetingBooked", true], ["companySize", 42], ["city", "Bergen"], ["conversationSummary", "Booked a demo for Tuesday"],
    ];
    for (let i = 0; i < tenFields.length; i++) {
      const [k, v] = tenFields[i];
      await h.capture({ conversationId: "bench-conv", fields: { ...(i === 0 ? { email: convEmail } : {}), [k]: v } as never });
      await h.inngest.send({ name: "lead/push.requested", data: { workspaceId: h.workspaceId } });
      if (i < tenFields.length - 1) await new Promise((r) => setTimeout(r, spanMs / (tenFields.length - 1)));
    }
    await pushAll(h);
    const convLog = crmRequests((await h.requestLog()).slice(from));
    const writes = convLog.filter((r) => /batch\/(create|update)$/.test(r.path)).length;
    log(`2. one conversation, 10 fields over ${spanMs / 1000} s: ${writes} writes, ${convLog.length} requests ${JSON.stringify(countBy(convLog))}`);

    // 3. Throughput against the bound of HubSpot's limit.
    const n = quick ? 6_000 : 20_000;
    const tput = await seedBulk(h, n, "tput");
    from = await logIndex(h);
    let t0 = Date.now();
    await pushAll(h);
    let seconds = (Date.now() - t0) / 1000;
    const tputLog = crmRequests((await h.requestLog()).slice(from));
    const rateLimited = tputLog.filter((r) => r.status === 429).length;
    const failedRecords = Number(((await h.db.execute(sql`SELECT count(*)::int AS n FROM sync_records WHERE workspace_id = ${h.workspaceId} AND status = 'failed'`).then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows))) as { n: number }[])[0].n);
    // The least any client needs for these leads: one batch read per 100 and one batch write per 100 (reads must
    // come first: write rules depend on HubSpot's current values), spread over HubSpot's rolling window.
    const minRequests = Math.ceil(n / HUBSPOT_BATCH_INPUTS) * 2;
    const bound = n / boundSeconds(minRequests);
    const leadsPerSecond = n / seconds;
    const boundPct = pct(leadsPerSecond, bound);
    log(
      `3. ${n} leads in ${seconds.toFixed(1)} s = ${leadsPerSecond.toFixed(0)} leads/s; bound ${bound.toFixed(0)} leads/s (${minRequests} requests need ≥ ${boundSeconds(minRequests)} s at 110/10 s) → ${boundPct} %; ` +
        `${tputLog.length} requests ${JSON.stringify(countBy(tputLog))}, ${rateLimited} answered 429 (${pct(rateLimited, tputLog.length)} %), failed records ${failedRecords}, ${JSON.stringify(check(h, tput))}`,
    );

    // 4. The same with 5 % 5xx on every CRM call and bursts of 429.
    const m = quick ? 1_000 : 6_000;
    const faulty = await seedBulk(h, m, "faults");
    await h.addFault({ endpoint: "*", rate: 0.05, status: 503 });
    for (const endpoint of ["POST /crm/v3/objects/contacts/batch/read", "POST /crm/v3/objects/contacts/batch/create", "POST /crm/v3/objects/contacts/batch/update"]) {
      await h.addFault({ endpoint, sequence: quick ? [{ latencyMs: 200 }, 429, 429] : [{ latencyMs: 200 }, 429, 429, 429] });
    }
    from = await logIndex(h);
    t0 = Date.now();
    await pushAll(h);
    seconds = (Date.now() - t0) / 1000;
    await h.clearFaults();
    const faultLog = (await h.requestLog()).slice(from);
    const faultCheck = check(h, faulty);
    const lost = Math.max(faultCheck.lost, await lostValues(h, faulty, "faults"));
    log(
      `4. with 5 % 503 and 429 bursts: ${m} leads in ${seconds.toFixed(1)} s, ${faultLog.filter((r) => r.status >= 500).length} × 5xx and ${faultLog.filter((r) => r.status === 429).length} × 429 answered; ` +
        `lost ${lost}, duplicates ${faultCheck.duplicates}`,
    );

    // 5. Capture → contact written, in the embedded default (PGlite), one capture at a time.
    const samples = quick ? 10 : 30;
    const latencies: number[] = [];
    for (let i = 0; i < samples; i++) {
      const email = `latency.${i}@bench.example`;
      const t = Date.now();
      await h.capture({ conversationId: `lat-${i}`, fields: { email, firstName: `Lat ${i}` } });
      await h.inngest.send({ name: "lead/push.requested", data: { workspaceId: h.workspaceId } });
      while (!(await h.lead(email))?.hubspotContactId) await new Promise((r) => setTimeout(r, 10));
      latencies.push(Date.now() - t);
      await h.runner.idle(60_000);
    }
    const p50 = percentile(latencies, 50);
    const p95 = percentile(latencies, 95);
    log(`5. capture → contact written (${samples} captures): p50 ${p50} ms, p95 ${p95} ms`);
    log(`(${((Date.now() - started) / 1000).toFixed(0)} s in all)`);

    console.log(
      JSON.stringify({
        requests_per_1000_leads: requestsPer1000,
        writes_per_conversation: writes,
        bound_pct: boundPct,
        rate_limited_pct: pct(rateLimited, tputLog.length),
        lost,
        duplicates: faultCheck.duplicates,
        p50_capture_ms: p50,
        p95_capture_ms: p95,
      }),
    );
  } finally {
    await h.close();
  }
}

function countBy(entries: SandboxRequestLogEntry[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of entries) out[`${r.template ?? r.path}${r.status === 429 || r.status >= 500 ? ` ${r.status}` : ""}`] = (out[`${r.template ?? r.path}${r.status === 429 || r.status >= 500 ? ` ${r.status}` : ""}`] ?? 0) + 1;
  return out;
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
