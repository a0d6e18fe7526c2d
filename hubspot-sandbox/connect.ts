// Test helper: drives the real OAuth flow against a running sandbox over HTTP (consent decision → code →
// POST /oauth/v3/token), so tests obtain tokens the way the product does.
export type ConnectOptions = { scopes?: string[]; redirectUri?: string; state?: string };
export type ConnectedTokens = { access_token: string; refresh_token: string; expires_in: number; token_type: string; hub_id: number; user_id: number; scopes: string[]; hub_domain: string };

export const DEFAULT_SCOPES = ["oauth", "crm.objects.contacts.read", "crm.objects.contacts.write", "crm.objects.owners.read", "crm.schemas.contacts.read", "crm.lists.read"];

export async function connect(baseUrl: string, clientId: string, clientSecret: string, opts: ConnectOptions = {}): Promise<ConnectedTokens> {
  const redirectUri = opts.redirectUri ?? "http://localhost:3000/api/hubspot/callback";
  const scope = (opts.scopes ?? DEFAULT_SCOPES).join(" ");
  const state = opts.state ?? "test-state";
  const decision = await fetch(`${baseUrl}/oauth/authorize/decision`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ client_id: clientId, redirect_uri: redirectUri, scope, optional_scope: "", state, decision: "approve" }),
  });
  const location = decision.headers.get("location");
  if (decision.status !== 302 || !location) throw new Error(`authorize decision failed: ${decision.status} ${await decision.text()}`);
  const code = new URL(location).searchParams.get("code");
  if (!code) throw new Error(`no code in redirect: ${location}`);
  const res = await fetch(`${baseUrl}/oauth/v3/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: redirectUri, client_id: clientId, client_secret: clientSecret }),
  });
  if (!res.ok) throw new Error(`token exchange failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as ConnectedTokens;
}
