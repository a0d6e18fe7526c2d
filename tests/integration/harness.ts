/**
 * Integration harness: one per test file (vitest runs files in parallel, each in its own worker).
 *
 * Everything is real: a fresh database (in-memory PGlite, or a brand-new PostgreSQL database on the server named by
 * DATABASE_URL, dropped at the end), the HubSpot sandbox over HTTP on a free port, the real Inngest functions served
 * by `inngest/node` on a free port, and the local Inngest runner executing them with the step protocol.
 *
 * Order matters: lib/env.ts parses process.env once, the Inngest client copies process.env when it is constructed,
 * and getDb() keeps one handle per process. So the environment is set first and every module that reads it is
 * imported afterwards (dynamically).
 */
import http from "node:http";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import type { HubSpotSettingsInput } from "@/lib/validators/hubspot-settings";
import type { CaptureInput } from "@/lib/validators/capture";
import type { LocalInngest } from "@/dev/inngest-local/runner";

export type SandboxContact = { id: string; properties: Record<string, string | null>; archived?: boolean; [k: string]: unknown };
export type SandboxRequestLogEntry = { method: string; path: string; template: string | null; status: number; bodyBytes: number; at: string };
export type MappingRow = HubSpotSettingsInput["mappings"][number];
export type Settings = { updateExisting: boolean; createNew: boolean; syncOwner: boolean; mappings?: MappingRow[] };

export const ACTOR = { userId: null, email: "admin@acme.test" };
const REDIRECT_URI = "http://127.0.0.1:3000/api/hubspot/oauth/callback";


export type Harness = Awaited<ReturnType<typeof startHarness>>;

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

async function closeServer(server: http.Server) {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** A fresh database for this file: PGlite in memory, or a new PostgreSQL database on the DATABASE_URL server. */
async function prepareDatabaseEnv(): Promise<{ label: string; drop: () => Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    process.env.PGLITE_DIR = "memory://";
    return { label: "PGlite memory://", drop: async () => {} };
  }
  const { default: postgres } = await import("postgres");
  const name = `spara_it_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  return {
    label: `PostgreSQL ${name}`,
    drop: async () => {
      const a = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.end({ timeout: 5 });
        process.env.DATABASE_URL = serverUrl;
      }
    },
  };
}

/** recordEvents: event names a test-only function records as they arrive (events the product sends, e.g. lead/imported). */
/** `sleepScale`: how much of a step.sleep really passes (tests shrink them; the push benchmark needs real time). */
export async function startHarness(opts: { contacts?: number; seed?: number; recordEvents?: string[]; sleepScale?: number } = {}) {
  const cleanups: (() => Promise<void>)[] = [];
  const runnerLog: string[] = [];
  try {
    // 1. Database location, before anything reads env().
    const database = await prepareDatabaseEnv();
    cleanups.push(database.drop);

    // 2. The HubSpot sandbox on a free port.
    const { startSandbox } = await import("@/hubspot-sandbox/server");
    const sandbox = await startSandbox({ port: 0, contacts: opts.contacts ?? 60, seed: opts.seed });
    cleanups.push(() => sandbox.close());
    const sandboxUrl = sandbox.url.replace(/\/$/, "");
    process.env.HUBSPOT_API_BASE_URL = sandboxUrl;
    process.env.HUBSPOT_AUTHORIZE_URL = `${sandboxUrl}/oauth/authorize`;
    process.env.HUBSPOT_APP_URL = sandboxUrl;

    // 3. The app's serve endpoint (handler attached once the Inngest client can be built), then the runner.
    let handler: http.RequestListener = (_req, res) => {
      res.statusCode = 503;
      res.end("not ready");
    };
    const appServer = http.createServer((req, res) => handler(req, res));
    const appPort = await listen(appServer);
    cleanups.push(() => closeServer(appServer));
    const appUrl = `http://127.0.0.1:${appPort}/api/inngest`;

    const { startLocalInngest } = await import("@/dev/inngest-local/runner");
    const runner: LocalInngest = await startLocalInngest({
      appUrl,
      port: 0,
      cron: false,
      retryDelayMs: 20,
      sleepScale: opts.sleepScale ?? 0.001,
      log: (line) => runnerLog.push(line),
    });
    cleanups.push(() => runner.close());
    process.env.INNGEST_DEV = runner.url;

    // 4. Only now: modules that read the environment.
    const { inngest } = await import("@/inngest/client");
    const { functions } = await import("@/inngest");
    const { serve } = await import("inngest/node");
    const recordedEvents: { name: string; id?: string; data: Record<string, unknown> }[] = [];
    const recorders = (opts.recordEvents ?? []).map((name) =>
      inngest.createFunction({ id: `test-record-${name.replace(/\W/g, "-")}`, triggers: [{ event: name }] }, async ({ event }) => {
        recordedEvents.push({ name: event.name, id: event.id, data: event.data as Record<string, unknown> });
      }),
    );
    handler = serve({ client: inngest, functions: [...functions, ...recorders] }) as http.RequestListener;
    await runner.register();

    const { getDb } = await import("@/lib/db/client");
    const db: Db = await getDb();
    cleanups.push(async () => {
      const holder = globalThis as unknown as { __sparaDb?: Promise<{ close: () => Promise<void> }> };
      const h = await holder.__sparaDb;
      holder.__sparaDb = undefined;
      await h?.close();
    });
    const { seedDemo } = await import("@/drizzle/seed");
    await seedDemo(db);

    const schema = await import("@/drizzle/schema");
    const [acme] = await db.select().from(schema.workspaces).where(eq(schema.workspaces.slug, "acme"));
    const [globex] = await db.select().from(schema.workspaces).where(eq(schema.workspaces.slug, "globex"));
    const workspaceId = acme.id;

    const connection = await import("@/lib/sync/connection");
    const oauth = await import("@/lib/hubspot/oauth");
    const { recordCapture } = await import("@/lib/ingest/capture");
    const { saveHubSpotSettings } = await import("@/lib/sync/settings");
    const { getContactProperties } = await import("@/lib/sync/properties");
    const { listFieldMappings } = await import("@/lib/db/queries/hubspot-settings");

    async function sandboxFetch(path: string, init?: RequestInit): Promise<Response> {
      return fetch(`${sandboxUrl}${path}`, init);
    }
    async function sandboxJson<T>(path: string, init?: RequestInit): Promise<T> {
      const res = await sandboxFetch(path, init);
      const text = await res.text();
      if (!res.ok) throw new Error(`sandbox ${init?.method ?? "GET"} ${path} → ${res.status}: ${text.slice(0, 500)}`);
      return (text ? JSON.parse(text) : {}) as T;
    }

    const h = {
      db,
      schema,
      database: database.label,
      sandbox,
      sandboxUrl,
      runner,
      runnerLog,
      inngest,
      workspaceId,
      otherWorkspaceId: globex.id,
      recordedEvents,

      /** The real OAuth flow: consent form → decision → code → exchangeCode → connectPortal. */
      async connect(ws = workspaceId) {
        const cfg = connection.oauthConfig();
        const state = randomBytes(16).toString("hex");
        const authorizeUrl = new URL(oauth.buildAuthorizeUrl(cfg, REDIRECT_URI, state));
        const page = await fetch(authorizeUrl);
        const html = await page.text();
        if (page.status !== 200 || !html.includes("/oauth/authorize/decision")) throw new Error(`consent page failed (${page.status}): ${html.slice(0, 300)}`);
        // Post back exactly the hidden fields of the consent form, as a browser clicking "Connect app" would.
        const form = new URLSearchParams();
        for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.set(m[1], decodeHtml(m[2]));
        form.set("decision", "approve");
        const decision = await fetch(`${sandboxUrl}/oauth/authorize/decision`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: form,
          redirect: "manual",
        });
        const location = decision.headers.get("location");
        if (decision.status !== 302 || !location) throw new Error(`authorize decision failed (${decision.status}): ${await decision.text()}`);
        const back = new URL(location);
        if (back.searchParams.get("state") !== state) throw new Error("state did not round-trip");
        const code = back.searchParams.get("code");
        if (!code) throw new Error(`no code in ${location}`);
        const tokens = await oauth.exchangeCode(cfg, code, REDIRECT_URI);
        if (!tokens.hubId) throw new Error("token response has no hub_id");
        return connection.connectPortal(db, ws, ACTOR, { ...tokens, hubId: tokens.hubId });
      },

      disconnect(ws = workspaceId) {
        return connection.disconnectPortal(db, ws, ACTOR);
      },

      /** Saves push rules, owner sync and mappings through the product's settings code (checked against live properties). */
      async setSettings(s: Settings, ws = workspaceId) {
        const access = await connection.getPortalAccess(db, ws);
        const properties = access ? await getContactProperties(db, ws, access, { refresh: true }) : null;
        const mappings = s.mappings ?? (await listFieldMappings(db, ws)).filter((m) => !m.locked).map(({ leadField, hubspotProperty, writeRule }) => ({ leadField, hubspotProperty, writeRule }));
        await saveHubSpotSettings(db, ws, ACTOR, { updateExisting: s.updateExisting, createNew: s.createNew, syncOwner: s.syncOwner, mappings }, properties);
      },

      async addCustomField(f: { key: string; label: string; type: string; options?: string[] }, ws = workspaceId) {
        await db.insert(schema.customLeadFields).values({ workspaceId: ws, key: f.key, label: f.label, type: f.type, options: f.options ?? [] });
      },

      capture(input: Partial<CaptureInput> & { conversationId: string }, ws = workspaceId) {
        return recordCapture(db, ws, { fields: {}, insights: {}, ...input } as CaptureInput);
      },

      /** Sends events through the real Inngest client (event API of the runner) and waits until every run ended. */
      async send(events: { name: string; data: Record<string, unknown> }[]) {
        await inngest.send(events);
        await runner.idle(45_000);
      },
      requestPush(ws = workspaceId) {
        return h.send([{ name: "lead/push.requested", data: { workspaceId: ws } }]);
      },
      requestPull(ruleId: string, ws = workspaceId) {
        return h.send([{ name: "hubspot/pull.requested", data: { workspaceId: ws, ruleId } }]);
      },
      requestOwnerSync(ws = workspaceId) {
        return h.send([{ name: "hubspot/owners.sync.requested", data: { workspaceId: ws } }]);
      },
      failedRuns() {
        return runner.runs().filter((r) => r.status !== "completed");
      },

      async createPullRule(rule: { name: string; filters: (typeof schema.pullRules.$inferInsert)["filters"] }, ws = workspaceId) {
        const [row] = await db
          .insert(schema.pullRules)
          .values({ workspaceId: ws, name: rule.name, filters: rule.filters, createdByEmail: "csm@spara.test" })
          .returning();
        return row;
      },

      async lead(email: string, ws = workspaceId) {
        const [row] = await db.select().from(schema.leads).where(and(eq(schema.leads.workspaceId, ws), eq(schema.leads.email, email)));
        return row;
      },
      async leadById(id: string) {
        const [row] = await db.select().from(schema.leads).where(eq(schema.leads.id, id));
        return row;
      },
      async records(leadId: string) {
        return db.select().from(schema.syncRecords).where(eq(schema.syncRecords.leadId, leadId)).orderBy(schema.syncRecords.at);
      },

      // --- the sandbox's test endpoints ---
      /** Every contact holding this email (live first, then archived), as the sandbox stores them. */
      async contactsByEmail(email: string): Promise<SandboxContact[]> {
        const res = await sandboxFetch(`/_sandbox/contacts?email=${encodeURIComponent(email)}`);
        if (res.status === 404) return [];
        if (!res.ok) throw new Error(`sandbox contacts?email=${email} → ${res.status}: ${await res.text()}`);
        const first = (await res.json()) as SandboxContact & { matches: string[] };
        const out: SandboxContact[] = [first];
        for (const id of first.matches.filter((m) => m !== first.id)) out.push((await h.contact(id))!);
        return out;
      },
      async contact(id: string): Promise<SandboxContact | undefined> {
        const res = await sandboxFetch(`/_sandbox/contacts/${id}`);
        if (res.status === 404) return undefined;
        if (!res.ok) throw new Error(`sandbox GET /_sandbox/contacts/${id} → ${res.status}: ${await res.text()}`);
        return (await res.json()) as SandboxContact;
      },
      /** Every live contact of the portal, read from the sandbox's store (not through the API under test). */
      allContacts(): SandboxContact[] {
        const store = sandbox.sandbox.ctx.store;
        const out: SandboxContact[] = [];
        for (let row = 0; row < store.rowCount; row++) if (store.isLive(row)) out.push(store.toObject(row, "all") as SandboxContact);
        return out;
      },
      async patchContact(id: string, properties: Record<string, string | null>) {
        return sandboxJson<unknown>(`/_sandbox/contacts/${id}`, {
          method: "PATCH",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ properties }),
        });
      },
      /** The product's HubSpot client for the connected portal, for test steps that act "in HubSpot" (merge, archive). */
      async hubspotClient(ws = workspaceId) {
        const access = await connection.getPortalAccess(db, ws);
        if (!access) throw new Error("not connected");
        return access.client;
      },
      /** Fault injection by endpoint template, e.g. { endpoint: "POST /crm/v3/objects/contacts/batch/read", sequence: [429] }. */
      async addFault(spec: { endpoint: string; sequence?: unknown[]; rate?: number; status?: number; latencyMs?: number }) {
        await sandboxJson(`/_sandbox/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(spec) });
      },
      async clearFaults() {
        await sandboxFetch(`/_sandbox/faults`, { method: "DELETE" });
      },
      /** The portal uninstalls the app: every token stops working at once. */
      async uninstall() {
        await sandboxJson(`/_sandbox/uninstall`, { method: "POST" });
      },
      async requestLog(): Promise<SandboxRequestLogEntry[]> {
        return (await sandboxJson<{ requests: SandboxRequestLogEntry[] }>(`/_sandbox/requests`)).requests;
      },
      /** The requests logged after `from` (an index into the log from an earlier requestLog().length). */
      async requestsSince(from: number): Promise<SandboxRequestLogEntry[]> {
        return (await h.requestLog()).slice(from);
      },

      async close() {
        for (const c of cleanups.reverse()) {
          try {
            await c();
          } catch (err) {
            console.warn(`harness cleanup: ${(err as Error).message}`);
          }
        }
      },
    };
    return h;
  } catch (err) {
    for (const c of cleanups.reverse()) await c().catch(() => {});
    if (runnerLog.length) console.error(runnerLog.join("\n"));
    throw err;
  }
}

function decodeHtml(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** Requests that reached HubSpot's CRM API (contacts, owners, properties…), not the OAuth endpoints. */
export function crmRequests(log: SandboxRequestLogEntry[]): SandboxRequestLogEntry[] {
  return log.filter((r) => r.path.startsWith("/crm/"));
}

/** "METHOD template" → count, for printing. */
export function countByRoute(log: SandboxRequestLogEntry[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of log) {
    const key = r.template ?? `${r.method} ${r.path}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}
