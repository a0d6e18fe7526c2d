/**
 * HubSpot OAuth 2.0 through the v3 token endpoints (the v1 ones sunset on 2027-02-16); the SDK has no v3 client,
 * so these are plain fetch calls with every parameter in the form body.
 */
export const HUBSPOT_SCOPES = [
  "oauth",
  "crm.objects.contacts.read",
  "crm.objects.contacts.write",
  "crm.objects.owners.read",
  "crm.schemas.contacts.read",
  "crm.lists.read",
];

export type OAuthConfig = { apiBaseUrl: string; authorizeUrl: string; clientId: string; clientSecret: string };

export type TokenSet = {
  accessToken: string;
  refreshToken: string;
  expiresInSeconds: number;
  hubId?: string;
  hubDomain?: string;
  userEmail?: string;
  scopes?: string[];
};

export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "OAuthError";
  }
  /** HubSpot no longer honours this refresh token (app uninstalled, token revoked): retrying never helps. */
  get needsReauthorization(): boolean {
    return this.code === "BAD_REFRESH_TOKEN" || this.code === "invalid_grant";
  }
}

export function buildAuthorizeUrl(cfg: OAuthConfig, redirectUri: string, state: string): string {
  const url = new URL(cfg.authorizeUrl);
  url.searchParams.set("client_id", cfg.clientId);
  url.searchParams.set("redirect_uri", redirectUri);
  url.searchParams.set("scope", HUBSPOT_SCOPES.join(" "));
  url.searchParams.set("state", state);
  return url.toString();
}

async function postForm(cfg: OAuthConfig, path: string, form: Record<string, string>): Promise<Record<string, unknown>> {
  const res = await fetch(`${cfg.apiBaseUrl.replace(/\/$/, "")}${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    body = { message: text };
  }
  if (!res.ok) {
    const code = String(body.status ?? body.error ?? res.status);
    throw new OAuthError(res.status, code, String(body.message ?? body.error_description ?? `OAuth call failed with ${res.status}`));
  }
  return body;
}

function toTokenSet(body: Record<string, unknown>): TokenSet {
  return {
    accessToken: String(body.access_token),
    refreshToken: String(body.refresh_token),
    expiresInSeconds: Number(body.expires_in ?? 1800),
    hubId: body.hub_id === undefined ? undefined : String(body.hub_id),
    hubDomain: body.hub_domain === undefined ? undefined : String(body.hub_domain),
    userEmail: body.user === undefined ? undefined : String(body.user),
    scopes: Array.isArray(body.scopes) ? body.scopes.map(String) : undefined,
  };
}

export async function exchangeCode(cfg: OAuthConfig, code: string, redirectUri: string): Promise<TokenSet> {
  return toTokenSet(
    await postForm(cfg, "/oauth/v3/token", {
      grant_type: "authorization_code",
      code,
      redirect_uri: redirectUri,
      client_id: cfg.clientId,
      client_secret: cfg.clientSecret,
    }),
  );
}

export async function refreshTokens(cfg: OAuthConfig, refreshToken: string): Promise<TokenSet> {
  const body = await postForm(cfg, "/oauth/v3/token", {
    grant_type: "refresh_token",
    refresh_token: refreshToken,
    client_id: cfg.clientId,
    client_secret: cfg.clientSecret,
  });
  // HubSpot may or may not rotate the refresh token; keep whichever comes back.
  return toTokenSet({ refresh_token: refreshToken, ...body });
}

/** Token metadata (portal domain, installing user) that the token response may not carry. */
export async function introspectToken(cfg: OAuthConfig, accessToken: string): Promise<Record<string, unknown>> {
  return postForm(cfg, "/oauth/v3/token/introspect", {
    token: accessToken,
    client_id: cfg.clientId,
    client_secret: cfg.clientSecret,
  });
}

export async function revokeRefreshToken(cfg: OAuthConfig, refreshToken: string): Promise<void> {
  await postForm(cfg, "/oauth/v3/token/revoke", {
    token: refreshToken,
    client_id: cfg.clientId,
    client_secret: cfg.clientSecret,
  });
}
