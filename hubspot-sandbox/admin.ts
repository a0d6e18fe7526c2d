// Test-only endpoints under /_sandbox/ (no auth, not logged, not rate limited). They let tests inspect and steer
// the portal without going through the API under test.
import { hsError, json, parseJsonBody, type SandboxRequest, type SandboxResponse } from "./http";
import type { Sandbox } from "./sandbox";
import { Router } from "./router";

export function buildAdminRouter(sb: Sandbox): Router {
  const r = new Router();
  const body = (req: SandboxRequest) => (req.rawBody.length ? parseJsonBody(req) : {});
  const contactOut = (row: number) => sb.ctx.store.toObject(row, "all");

  r.add("POST", "/_sandbox/reset", (req) => {
    const b = body(req);
    sb.reset({ tokens: b.tokens === true, seed: b.seed, contacts: b.contacts });
    return json(200, { ok: true, facts: sb.ctx.seedFacts });
  });
  r.add("GET", "/_sandbox/facts", () => json(200, sb.ctx.seedFacts));
  r.add("GET", "/_sandbox/contacts", (req) => {
    const email = req.query.get("email");
    if (!email) throw hsError(400, "VALIDATION_ERROR", "email query parameter is required");
    const rows = sb.ctx.store.rowsForEmailIncludingArchived(email);
    // Prefer the live contact when an archived one shares the email.
    rows.sort((a, b) => Number(sb.ctx.store.isArchived(a)) - Number(sb.ctx.store.isArchived(b)));
    if (!rows.length) throw hsError(404, "OBJECT_NOT_FOUND", `No contact with email ${email}`);
    return json(200, { ...contactOut(rows[0]), matches: rows.map((x) => sb.ctx.store.idOf(x)) });
  });
  r.add("GET", "/_sandbox/contacts/{id}", (req) => {
    const row = sb.ctx.store.rowForId(req.params.id, true);
    if (row === undefined) throw hsError(404, "OBJECT_NOT_FOUND", "resource not found");
    return json(200, contactOut(row));
  });
  r.add("PATCH", "/_sandbox/contacts/{id}", (req) => {
    const row = sb.ctx.store.rowForId(req.params.id, true);
    if (row === undefined) throw hsError(404, "OBJECT_NOT_FOUND", "resource not found");
    const props = body(req).properties ?? {};
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(props)) values[k] = v === null ? "" : k === "email" ? String(v).toLowerCase() : String(v);
    sb.ctx.store.update(row, values);
    return json(200, contactOut(row));
  });
  r.add("GET", "/_sandbox/requests", () => json(200, { total: sb.log.total, counts: sb.log.counts, requests: sb.log.entries }));
  r.add("DELETE", "/_sandbox/requests", () => {
    sb.log.clear();
    return { status: 204 };
  });
  r.add("GET", "/_sandbox/clock", () => json(200, { now: new Date(sb.clock.now()).toISOString(), offsetMs: sb.clock.offsetMs }));
  r.add("POST", "/_sandbox/clock", (req) => {
    const ms = Number(body(req).advanceMs);
    if (!Number.isFinite(ms) || ms < 0) throw hsError(400, "VALIDATION_ERROR", "advanceMs must be a non-negative number");
    sb.clock.advance(ms);
    return json(200, { now: new Date(sb.clock.now()).toISOString(), offsetMs: sb.clock.offsetMs });
  });
  r.add("POST", "/_sandbox/uninstall", () => json(200, { uninstalled: true, revoked: sb.ctx.oauth.uninstall() }));
  r.add("GET", "/_sandbox/config", () => json(200, sb.config));
  r.add("POST", "/_sandbox/config", (req) => json(200, sb.configure(body(req))));
  r.add("GET", "/_sandbox/faults", () => json(200, { faults: sb.faults.list() }));
  r.add("POST", "/_sandbox/faults", (req) => {
    try {
      sb.faults.add(body(req));
    } catch (e) {
      throw hsError(400, "VALIDATION_ERROR", (e as Error).message);
    }
    return json(201, { faults: sb.faults.list() });
  });
  r.add("DELETE", "/_sandbox/faults", (req) => {
    sb.faults.clear(req.query.get("endpoint") ?? undefined);
    return { status: 204 };
  });
  return r;
}
