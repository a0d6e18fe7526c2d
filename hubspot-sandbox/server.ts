// HTTP entry point: startSandbox() runs a local HubSpot (OAuth + CRM API) on node:http.
// Pipeline per API request: route → fault injection → bearer auth → rate limit → handler → request log.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { buildAdminRouter } from "./admin";
import { buildPortalUi } from "./portal-ui";
import { hsError, HttpError, type SandboxRequest, type SandboxResponse } from "./http";
import { authenticate } from "./oauth";
import { PORTAL } from "./portal";
import { rateLimitBody } from "./rate-limit";
import { Sandbox, type SandboxConfig } from "./sandbox";
import type { SeedFacts } from "./seed";
import { connect, type ConnectOptions, type ConnectedTokens } from "./connect";

export type SandboxOptions = {
  port?: number;
  host?: string;
  seed?: number;
  contacts?: number;
  clientId?: string;
  clientSecret?: string;
  accessTokenTtlSeconds?: number;
  tenSecondlyLimit?: number | false;
  searchPerSecondLimit?: number | false;
  searchIndexLagMs?: number;
  /**
   * HubSpot announced, then cancelled, rejecting non-string values with surrounding whitespace
   * (LEADING_TRAILING_WHITESPACE). Off by default, as HubSpot behaves today; on, it lets tests prove the product trims.
   */
  rejectSurroundingWhitespace?: boolean;
};

export type RunningSandbox = {
  url: string;
  port: number;
  close(): Promise<void>;
  /** The portal identity (hub id 48151623, acme-demo.hubspot.com). */
  portal: typeof PORTAL;
  clientId: string;
  clientSecret: string;
  /** Facts about the seeded data (fixed contact ids/emails, counts per lifecycle stage and owner). */
  facts(): SeedFacts;
  /** Runs the real OAuth flow over HTTP (consent decision + v3 token) and returns the tokens. */
  connect(opts?: ConnectOptions): Promise<ConnectedTokens>;
  /** In-process handles for tests (same as the /_sandbox endpoints). */
  sandbox: Sandbox;
  reset(opts?: { tokens?: boolean; seed?: number; contacts?: number }): void;
  advanceClock(ms: number): void;
  configure: Sandbox["configure"];
};

const MAX_BODY = 10 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(hsError(413, "VALIDATION_ERROR", "Request body too large"));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, r: SandboxResponse): number {
  const headers: Record<string, string> = { ...r.headers };
  let payload: string | undefined;
  if (r.html !== undefined) {
    headers["content-type"] = "text/html; charset=utf-8";
    payload = r.html;
  } else if (r.json !== undefined) {
    headers["content-type"] = "application/json;charset=utf-8";
    payload = JSON.stringify(r.json);
  }
  res.writeHead(r.status, headers);
  res.end(payload);
  return r.status;
}

function errorResponse(e: unknown): SandboxResponse {
  if (e instanceof HttpError) return { status: e.status, json: e.body };
  console.error("[hubspot-sandbox] internal error", e);
  const err = hsError(500, "INTERNAL_ERROR", `internal error: ${(e as Error)?.message ?? e}`);
  return { status: 500, json: err.body };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startSandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  const config: SandboxConfig = {
    seed: opts.seed ?? 1,
    contacts: opts.contacts ?? 2000,
    clientId: opts.clientId ?? "spara-local-client",
    clientSecret: opts.clientSecret ?? "spara-local-secret",
    accessTokenTtlSeconds: opts.accessTokenTtlSeconds ?? 1800,
    tenSecondlyLimit: opts.tenSecondlyLimit ?? 110,
    searchPerSecondLimit: opts.searchPerSecondLimit ?? 5,
    searchIndexLagMs: opts.searchIndexLagMs ?? 0,
    rejectSurroundingWhitespace: opts.rejectSurroundingWhitespace ?? false,
  };
  const sb = new Sandbox(config);
  const admin = buildAdminRouter(sb);
  const portalUi = buildPortalUi(sb);
  const sockets = new Set<Socket>();

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, rawBody: Buffer): Promise<void> {
    const method = req.method ?? "GET";
    const match = sb.router.match(method, url.pathname);
    const template = "route" in match ? `${match.route.method} ${match.route.template}` : null;
    let status = 0;
    try {
      if (!("route" in match)) {
        throw match.methodNotAllowed ? hsError(405, "VALIDATION_ERROR", `Method ${method} not allowed on ${url.pathname}`) : hsError(404, "OBJECT_NOT_FOUND", `No route for ${method} ${url.pathname}`);
      }
      const meta = sb.routeMeta.get(template!) ?? {};
      const fault = sb.faults.take(template!);
      if (fault !== undefined) {
        if (fault === "timeout") {
          // Never answer: the client's timeout fires (the socket is destroyed on close). Logged with status 0.
          sb.log.add({ method, path: url.pathname + url.search, template, status: 0, bodyBytes: rawBody.length, at: new Date(sb.clock.now()).toISOString() });
          return;
        }
        if (typeof fault === "object" && "latencyMs" in fault) await sleep(fault.latencyMs);
        else {
          const st = typeof fault === "number" ? fault : fault.status;
          const custom = typeof fault === "object" && "status" in fault ? fault : undefined;
          const body = custom?.body ?? (st === 429 ? rateLimitBody(meta.limit === "search" ? "search" : "burst") : hsError(st, st === 423 ? "LOCKED" : st >= 500 ? "INTERNAL_ERROR" : "FAULT_INJECTED", st === 423 ? "Resource is locked, try again later" : `Injected fault ${st}`).body);
          const headers = { ...(st === 477 ? { "Retry-After": "2" } : {}), ...custom?.headers };
          status = send(res, { status: st, json: body, headers });
          return;
        }
      }
      const sreq: SandboxRequest = { method, path: url.pathname, query: url.searchParams, params: match.params, headers: req.headers, rawBody };
      let limitHeaders: Record<string, string> = {};
      if (meta.scopes) authenticate(sb.ctx.oauth, sb.clock, sreq, meta.scopes);
      if (meta.limit) {
        const lim = sb.limiter.take(meta.limit, sb.clock.now());
        limitHeaders = lim.headers;
        if (!lim.ok) {
          status = send(res, { status: 429, json: lim.body, headers: lim.headers });
          return;
        }
      }
      let out: SandboxResponse;
      try {
        out = await match.route.handler(sreq);
      } catch (e) {
        out = errorResponse(e);
      }
      status = send(res, { ...out, headers: { ...limitHeaders, ...out.headers } });
    } catch (e) {
      status = send(res, errorResponse(e));
    } finally {
      if (status) sb.log.add({ method, path: url.pathname + url.search, template, status, bodyBytes: rawBody.length, at: new Date(sb.clock.now()).toISOString() });
    }
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://sandbox.local");
    let rawBody: Buffer;
    try {
      rawBody = await readBody(req);
    } catch (e) {
      send(res, errorResponse(e));
      return;
    }
    if (url.pathname.startsWith("/_sandbox/")) {
      const m = admin.match(req.method ?? "GET", url.pathname);
      if (!("route" in m)) return void send(res, errorResponse(hsError(404, "OBJECT_NOT_FOUND", `No sandbox endpoint ${req.method} ${url.pathname}`)));
      try {
        send(res, await m.route.handler({ method: req.method ?? "GET", path: url.pathname, query: url.searchParams, params: m.params, headers: req.headers, rawBody }));
      } catch (e) {
        send(res, errorResponse(e));
      }
      return;
    }
    const ui = req.method === "GET" ? portalUi.match("GET", url.pathname) : undefined;
    if (ui && "route" in ui) {
      send(res, await ui.route.handler({ method: "GET", path: url.pathname, query: url.searchParams, params: ui.params, headers: req.headers, rawBody }));
      return;
    }
    await handleApi(req, res, url, rawBody);
  });
  server.keepAliveTimeout = 5_000;
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  return {
    url,
    port,
    portal: PORTAL,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    sandbox: sb,
    facts: () => sb.ctx.seedFacts,
    connect: (o) => connect(url, config.clientId, config.clientSecret, o),
    reset: (o) => sb.reset(o),
    advanceClock: (ms) => sb.clock.advance(ms),
    configure: (c) => sb.configure(c),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        for (const s of sockets) s.destroy(); // includes requests held open by "timeout" faults
      }),
  };
}
