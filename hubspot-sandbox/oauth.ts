// OAuth 2.0 for the sandbox app (reference §1): consent page, authorization codes, v1 and v3 token endpoints,
// revoke, introspect, legacy token metadata, and bearer-token checks for /crm/* calls.
import { randomBytes, randomUUID } from "node:crypto";
import type { Clock } from "./clock";
import { hsError, HttpError, json, parseForm, type SandboxRequest, type SandboxResponse } from "./http";
import { consentPage, errorPage } from "./oauth-pages";
import { KNOWN_SCOPES, PORTAL } from "./portal";

type Code = { clientId: string; redirectUri: string; scopes: string[]; expiresAt: number };
type RefreshToken = { clientId: string; scopes: string[]; createdAt: number };
type AccessToken = { clientId: string; scopes: string[]; issuedAt: number; expiresAt: number; refreshToken: string };

const CODE_TTL_MS = 10 * 60_000;

export class OAuthState {
  clients = new Map<string, string>();
  codes = new Map<string, Code>();
  refreshTokens = new Map<string, RefreshToken>();
  accessTokens = new Map<string, AccessToken>();

  constructor(
    private clock: Clock,
    public accessTokenTtlSeconds: number,
  ) {}

  clearTokens(): void {
    this.codes.clear();
    this.refreshTokens.clear();
    this.accessTokens.clear();
  }

  /** Uninstall: every token of the app for the portal stops working at once. */
  uninstall(): { refreshTokens: number; accessTokens: number } {
    const counts = { refreshTokens: this.refreshTokens.size, accessTokens: this.accessTokens.size };
    this.clearTokens();
    return counts;
  }

  issueAccessToken(clientId: string, scopes: string[], refreshToken: string): { token: string; t: AccessToken } {
    // HubSpot tokens vary in length (up to ~300 chars); vary ours (160..290) so column-sizing bugs show up.
    const len = 160 + (randomBytes(1)[0] % 131);
    const token = "CK" + randomBytes(len).toString("base64url").slice(0, len - 2);
    const now = this.clock.now();
    const t = { clientId, scopes, issuedAt: now, expiresAt: now + this.accessTokenTtlSeconds * 1000, refreshToken };
    this.accessTokens.set(token, t);
    return { token, t };
  }

  tokenResponse(access: { token: string; t: AccessToken }, refreshToken: string): Record<string, unknown> {
    return {
      access_token: access.token,
      refresh_token: refreshToken,
      expires_in: Math.round((access.t.expiresAt - access.t.issuedAt) / 1000),
      token_type: "bearer",
      hub_id: PORTAL.hubId,
      user_id: PORTAL.userId,
      scopes: access.t.scopes,
      hub_domain: PORTAL.hubDomain,
    };
  }
}

function oauthError(status: string, message: string, error: string, http = 400): HttpError {
  // v1 and v3 both carry the legacy status/message and the RFC 6749 error/error_description (reference §1, S6).
  return new HttpError(http, { status, message, correlationId: randomUUID(), error, error_description: message });
}

function redirectUriAllowed(uri: string): boolean {
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    return false;
  }
  if (u.protocol === "https:") return true;
  // HubSpot allows http only for localhost. The sandbox also accepts 127.0.0.1 (documented divergence).
  return u.protocol === "http:" && (u.hostname === "localhost" || u.hostname === "127.0.0.1");
}

function splitScopes(s: string | null): string[] {
  return (s ?? "").split(/\s+/).filter(Boolean);
}

function htmlError(status: number, message: string): SandboxResponse {
  return { status, html: errorPage(message) };
}

/** Shared checks for the consent page and the decision post. Returns an error response or the parsed request. */
function checkAuthorizeParams(state: OAuthState, p: URLSearchParams): SandboxResponse | { scopes: string[]; optional: string[] } {
  const clientId = p.get("client_id") ?? "";
  if (!state.clients.has(clientId)) return htmlError(400, `Unknown client_id "${clientId}". The app could not be found.`);
  const redirectUri = p.get("redirect_uri") ?? "";
  if (!redirectUriAllowed(redirectUri)) {
    return htmlError(400, `Invalid redirect_uri "${redirectUri}": it must use https, or http on localhost / 127.0.0.1.`);
  }
  const scopes = splitScopes(p.get("scope"));
  if (scopes.length === 0) return htmlError(400, "The scope parameter is required.");
  const unknown = scopes.filter((s) => !(KNOWN_SCOPES as readonly string[]).includes(s));
  if (unknown.length) return htmlError(400, `The app requested scopes it is not configured for: ${unknown.join(", ")}`);
  // Optional scopes the portal cannot grant are dropped silently (reference §1).
  const optional = splitScopes(p.get("optional_scope")).filter((s) => (KNOWN_SCOPES as readonly string[]).includes(s) && !scopes.includes(s));
  return { scopes, optional };
}

export function authorizePage(state: OAuthState, req: SandboxRequest): SandboxResponse {
  const checked = checkAuthorizeParams(state, req.query);
  if ("status" in checked) return checked;
  const q = req.query;
  return {
    status: 200,
    html: consentPage(
      {
        client_id: q.get("client_id") ?? "",
        redirect_uri: q.get("redirect_uri") ?? "",
        scope: q.get("scope") ?? "",
        optional_scope: q.get("optional_scope") ?? "",
        state: q.get("state") ?? "",
      },
      checked.scopes,
      checked.optional,
    ),
  };
}

export function authorizeDecision(state: OAuthState, clock: Clock, req: SandboxRequest): SandboxResponse {
  const form = parseForm(req);
  const checked = checkAuthorizeParams(state, form);
  if ("status" in checked) return checked;
  const redirect = new URL(form.get("redirect_uri")!);
  const st = form.get("state");
  if (form.get("decision") === "approve") {
    const code = randomUUID();
    state.codes.set(code, {
      clientId: form.get("client_id")!,
      redirectUri: form.get("redirect_uri")!,
      scopes: [...checked.scopes, ...checked.optional],
      expiresAt: clock.now() + CODE_TTL_MS,
    });
    redirect.searchParams.set("code", code);
  } else {
    redirect.searchParams.set("error", "access_denied");
    redirect.searchParams.set("error_description", "The user denied the request to connect the app.");
  }
  if (st !== null && st !== "") redirect.searchParams.set("state", st);
  return { status: 302, headers: { location: redirect.toString() } };
}

/** POST /oauth/v1/token and /oauth/v3/token. v1 also reads the query string; v3 reads the body only. */
export function token(state: OAuthState, clock: Clock, req: SandboxRequest, version: "v1" | "v3"): SandboxResponse {
  const p = parseForm(req);
  if (version === "v1") for (const [k, v] of req.query) if (!p.has(k)) p.set(k, v);
  const clientId = p.get("client_id") ?? "";
  const secret = state.clients.get(clientId);
  if (secret === undefined || p.get("client_secret") !== secret) {
    throw oauthError("BAD_CLIENT_ID", "missing or invalid client_id or client_secret", "invalid_client", 400);
  }
  const grant = p.get("grant_type");
  if (grant === "authorization_code") {
    const codeStr = p.get("code") ?? "";
    const code = state.codes.get(codeStr);
    if (!code || code.expiresAt <= clock.now() || code.clientId !== clientId) {
      throw oauthError("BAD_AUTH_CODE", "missing or invalid auth code", "invalid_grant");
    }
    if (p.get("redirect_uri") !== code.redirectUri) {
      throw oauthError("BAD_REDIRECT_URI", "redirect_uri does not match the one used at authorization", "invalid_grant");
    }
    state.codes.delete(codeStr); // single use
    const refresh = `na1-${randomBytes(2).toString("hex")}-${randomUUID()}`;
    state.refreshTokens.set(refresh, { clientId, scopes: code.scopes, createdAt: clock.now() });
    return json(200, state.tokenResponse(state.issueAccessToken(clientId, code.scopes, refresh), refresh));
  }
  if (grant === "refresh_token") {
    const refresh = p.get("refresh_token") ?? "";
    const rt = state.refreshTokens.get(refresh);
    if (!rt || rt.clientId !== clientId) throw oauthError("BAD_REFRESH_TOKEN", "missing or invalid refresh token", "invalid_grant");
    // The same refresh token is returned (no rotation); callers should still store whatever comes back.
    return json(200, state.tokenResponse(state.issueAccessToken(clientId, rt.scopes, refresh), refresh));
  }
  throw oauthError("BAD_GRANT_TYPE", `unsupported grant_type "${grant ?? ""}"`, "unsupported_grant_type");
}

function checkClientForm(state: OAuthState, p: URLSearchParams): void {
  const clientId = p.get("client_id") ?? "";
  const secret = state.clients.get(clientId);
  if (secret === undefined || p.get("client_secret") !== secret) {
    throw oauthError("BAD_CLIENT_ID", "missing or invalid client_id or client_secret", "invalid_client", 400);
  }
}

/** POST /oauth/v3/token/revoke: a refresh token revokes itself and its access tokens; an access token only itself. */
export function revoke(state: OAuthState, req: SandboxRequest): SandboxResponse {
  const p = parseForm(req);
  checkClientForm(state, p);
  const t = p.get("token") ?? "";
  if (state.refreshTokens.delete(t)) {
    for (const [k, v] of state.accessTokens) if (v.refreshToken === t) state.accessTokens.delete(k);
  } else state.accessTokens.delete(t);
  // RFC 7009: revoking an unknown token is not an error.
  return { status: 200, json: {} };
}

export function introspect(state: OAuthState, clock: Clock, req: SandboxRequest): SandboxResponse {
  const p = parseForm(req);
  checkClientForm(state, p);
  const t = p.get("token") ?? "";
  const now = clock.now();
  const access = state.accessTokens.get(t);
  const base = { client_id: "", hub_id: PORTAL.hubId, hub_domain: PORTAL.hubDomain, user_id: PORTAL.userId, user: PORTAL.installingUserEmail, app_id: PORTAL.appId };
  if (access && access.expiresAt > now) {
    return json(200, {
      active: true,
      ...base,
      client_id: access.clientId,
      token_type: "access_token",
      scopes: access.scopes,
      scope: access.scopes.join(" "),
      iat: Math.floor(access.issuedAt / 1000),
      exp: Math.floor(access.expiresAt / 1000),
      expires_in: Math.floor((access.expiresAt - now) / 1000),
    });
  }
  const refresh = state.refreshTokens.get(t);
  if (refresh) {
    return json(200, { active: true, ...base, client_id: refresh.clientId, token_type: "refresh_token", scopes: refresh.scopes, scope: refresh.scopes.join(" "), iat: Math.floor(refresh.createdAt / 1000) });
  }
  return json(200, { active: false });
}

/** Legacy GET /oauth/v1/access-tokens/{token}. */
export function accessTokenInfo(state: OAuthState, clock: Clock, req: SandboxRequest): SandboxResponse {
  const t = state.accessTokens.get(req.params.token);
  const now = clock.now();
  if (!t || t.expiresAt <= now) throw oauthError("EXPIRED_OR_INVALID_TOKEN", "The token is expired or invalid", "invalid_token", 404);
  return json(200, {
    token: req.params.token,
    user: PORTAL.installingUserEmail,
    hub_domain: PORTAL.hubDomain,
    scopes: t.scopes,
    signed_access_token: null,
    hub_id: PORTAL.hubId,
    app_id: PORTAL.appId,
    expires_in: Math.floor((t.expiresAt - now) / 1000),
    user_id: PORTAL.userId,
    token_type: "access",
    is_private_distribution: false,
  });
}

/** Legacy GET /oauth/v1/refresh-tokens/{token}. */
export function refreshTokenInfo(state: OAuthState, req: SandboxRequest): SandboxResponse {
  const t = state.refreshTokens.get(req.params.token);
  if (!t) throw oauthError("BAD_REFRESH_TOKEN", "missing or invalid refresh token", "invalid_grant", 404);
  return json(200, {
    token: req.params.token,
    user: PORTAL.installingUserEmail,
    hub_domain: PORTAL.hubDomain,
    scopes: t.scopes,
    hub_id: PORTAL.hubId,
    client_id: t.clientId,
    user_id: PORTAL.userId,
    token_type: "refresh",
  });
}

/** Legacy DELETE /oauth/v1/refresh-tokens/{token}: deletes only the refresh token; access tokens keep working. */
export function deleteRefreshToken(state: OAuthState, req: SandboxRequest): SandboxResponse {
  if (!state.refreshTokens.delete(req.params.token)) throw oauthError("BAD_REFRESH_TOKEN", "missing or invalid refresh token", "invalid_grant", 404);
  return { status: 204 };
}

/**
 * Bearer check for /crm/* (reference §1): 401 INVALID_AUTHENTICATION for missing/unknown, 401 EXPIRED_AUTHENTICATION
 * for expired, 403 MISSING_SCOPES when none of `anyOf` scopes was granted.
 */
export function authenticate(state: OAuthState, clock: Clock, req: SandboxRequest, anyOf: string[]): void {
  const header = req.headers.authorization ?? "";
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  const t = m ? state.accessTokens.get(m[1]) : undefined;
  if (!t) {
    throw hsError(
      401,
      "INVALID_AUTHENTICATION",
      "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
    );
  }
  const now = clock.now();
  if (t.expiresAt <= now) {
    const minutes = Math.floor((now - t.expiresAt) / 60_000);
    throw hsError(401, "EXPIRED_AUTHENTICATION", `The OAuth token used to make this call expired ${minutes} minute(s) ago.`);
  }
  if (anyOf.length && !anyOf.some((s) => t.scopes.includes(s))) {
    throw hsError(
      403,
      "MISSING_SCOPES",
      "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
      { errors: [{ message: "One or more of the following scopes are required.", context: { requiredGranularScopes: anyOf } }], links: { scopes: "https://developers.hubspot.com/scopes" } },
    );
  }
  req.auth = { token: m![1], scopes: t.scopes };
}
