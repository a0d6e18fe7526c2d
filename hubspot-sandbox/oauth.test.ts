import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "@hubspot/api-client";
import type { RunningSandbox } from "./server";
import { admin, apiError, postForm, sdkClient, start } from "./test-helpers";

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await start({ contacts: 50 });
});
afterAll(() => sb.close());

const REDIRECT = "http://localhost:3000/api/hubspot/callback";
const authorizeUrl = (p: Record<string, string>) => `${sb.url}/oauth/authorize?${new URLSearchParams(p)}`;

async function approve(redirectUri = REDIRECT, scope = "oauth crm.objects.contacts.read"): Promise<string> {
  const res = await postForm(`${sb.url}/oauth/authorize/decision`, { client_id: sb.clientId, redirect_uri: redirectUri, scope, optional_scope: "", state: "s1", decision: "approve" });
  expect(res.status).toBe(302);
  const loc = new URL(res.headers.get("location")!);
  expect(loc.searchParams.get("state")).toBe("s1");
  return loc.searchParams.get("code")!;
}

describe("authorize page", () => {
  it("renders the consent page with portal, scopes and the two buttons", async () => {
    const res = await fetch(authorizeUrl({ client_id: sb.clientId, redirect_uri: REDIRECT, scope: "oauth crm.objects.contacts.read", optional_scope: "crm.lists.read", state: "abc" }));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<title>Connect Spara to HubSpot</title>");
    expect(html).toContain("acme-demo.hubspot.com");
    expect(html).toContain("48151623");
    expect(html).toContain("crm.objects.contacts.read");
    expect(html).toContain("crm.lists.read</code> (optional)");
    expect(html).toMatch(/<form method="post" action="\/oauth\/authorize\/decision">/);
    expect(html).toMatch(/<button[^>]*>Connect app<\/button>/);
    expect(html).toMatch(/<button[^>]*>Cancel<\/button>/);
    expect(html).toContain('name="state" value="abc"');
  });

  it("shows an error page for an unknown client_id or a disallowed redirect_uri", async () => {
    const unknown = await fetch(authorizeUrl({ client_id: "nope", redirect_uri: REDIRECT, scope: "oauth" }));
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("Unknown client_id");
    const ip = await fetch(authorizeUrl({ client_id: sb.clientId, redirect_uri: "http://10.0.0.5/cb", scope: "oauth" }));
    expect(ip.status).toBe(400);
    const badScope = await fetch(authorizeUrl({ client_id: sb.clientId, redirect_uri: REDIRECT, scope: "oauth crm.objects.deals.read" }));
    expect(badScope.status).toBe(400);
  });

  it("accepts http redirect URIs on localhost and 127.0.0.1", async () => {
    expect(await approve("http://127.0.0.1:3000/cb")).toMatch(/.+/);
    expect(await approve("http://localhost:3000/cb")).toMatch(/.+/);
  });

  it("Cancel redirects with error=access_denied and the state", async () => {
    const res = await postForm(`${sb.url}/oauth/authorize/decision`, { client_id: sb.clientId, redirect_uri: REDIRECT, scope: "oauth", optional_scope: "", state: "st", decision: "cancel" });
    expect(res.status).toBe(302);
    const loc = new URL(res.headers.get("location")!);
    expect(`${loc.origin}${loc.pathname}`).toBe(REDIRECT);
    expect(loc.searchParams.get("error")).toBe("access_denied");
    expect(loc.searchParams.get("error_description")).toBeTruthy();
    expect(loc.searchParams.get("state")).toBe("st");
  });
});

describe("token endpoints", () => {
  it("v3 exchanges a code once and returns the documented fields", async () => {
    const code = await approve();
    const form = { grant_type: "authorization_code", code, redirect_uri: REDIRECT, client_id: sb.clientId, client_secret: sb.clientSecret };
    const res = await postForm(`${sb.url}/oauth/v3/token`, form);
    expect(res.status).toBe(200);
    const t = await res.json();
    expect(t).toMatchObject({ token_type: "bearer", expires_in: 1800, hub_id: 48151623, user_id: 7001, hub_domain: "acme-demo.hubspot.com", scopes: ["oauth", "crm.objects.contacts.read"] });
    expect(t.access_token.length).toBeGreaterThan(100);
    expect(t.access_token.length).toBeLessThanOrEqual(300);
    const again = await postForm(`${sb.url}/oauth/v3/token`, form);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ status: "BAD_AUTH_CODE", error: "invalid_grant" });
  });

  it("rejects a redirect_uri that differs from the authorize one, and a bad client secret", async () => {
    const code = await approve();
    const bad = await postForm(`${sb.url}/oauth/v3/token`, { grant_type: "authorization_code", code, redirect_uri: "http://localhost:3000/other", client_id: sb.clientId, client_secret: sb.clientSecret });
    expect(await bad.json()).toMatchObject({ status: "BAD_REDIRECT_URI", error: "invalid_grant" });
    const secret = await postForm(`${sb.url}/oauth/v3/token`, { grant_type: "authorization_code", code, redirect_uri: REDIRECT, client_id: sb.clientId, client_secret: "wrong" });
    expect(secret.status).toBe(400);
    expect(await secret.json()).toMatchObject({ status: "BAD_CLIENT_ID", error: "invalid_client" });
  });

  it("v1 works through the SDK's tokensApi (code and refresh grants)", async () => {
    const code = await approve();
    const client = new Client({ basePath: sb.url, numberOfApiCallRetries: 0 });
    const t = await client.oauth.tokensApi.create("authorization_code", code, REDIRECT, sb.clientId, sb.clientSecret);
    expect(t.accessToken).toBeTruthy();
    expect(t.expiresIn).toBe(1800);
    expect(t.tokenType).toBe("bearer");
    const r = await client.oauth.tokensApi.create("refresh_token", undefined, undefined, sb.clientId, sb.clientSecret, t.refreshToken);
    expect(r.accessToken).not.toBe(t.accessToken);
    expect(r.refreshToken).toBe(t.refreshToken);
    const err = await apiError(client.oauth.tokensApi.create("refresh_token", undefined, undefined, sb.clientId, sb.clientSecret, "na1-bogus"));
    expect(err.code).toBe(400);
    expect(err.body.message).toBe("missing or invalid refresh token");
  });

  it("legacy access-token metadata via the SDK and v3 introspect", async () => {
    const { accessToken, refreshToken } = await sdkClient(sb);
    const client = new Client({ basePath: sb.url, numberOfApiCallRetries: 0 });
    const info = await client.oauth.accessTokensApi.get(accessToken);
    expect(info).toMatchObject({ hubId: 48151623, user: "hubspot-admin@acme-demo.com", hubDomain: "acme-demo.hubspot.com", userId: 7001, tokenType: "access" });
    expect(info.scopes).toContain("crm.objects.contacts.read");
    const res = await postForm(`${sb.url}/oauth/v3/token/introspect`, { token: accessToken, client_id: sb.clientId, client_secret: sb.clientSecret });
    expect(await res.json()).toMatchObject({ active: true, token_type: "access_token", hub_id: 48151623 });
    const rt = await postForm(`${sb.url}/oauth/v3/token/introspect`, { token: refreshToken, client_id: sb.clientId, client_secret: sb.clientSecret });
    expect(await rt.json()).toMatchObject({ active: true, token_type: "refresh_token" });
    const none = await postForm(`${sb.url}/oauth/v3/token/introspect`, { token: "nope", client_id: sb.clientId, client_secret: sb.clientSecret });
    expect(await none.json()).toEqual({ active: false });
  });

  it("revoke kills the refresh token and its access tokens", async () => {
    const { client, refreshToken } = await sdkClient(sb);
    await client.crm.contacts.basicApi.getPage(1);
    const rev = await postForm(`${sb.url}/oauth/v3/token/revoke`, { token: refreshToken, client_id: sb.clientId, client_secret: sb.clientSecret });
    expect(rev.status).toBe(200);
    const refresh = await postForm(`${sb.url}/oauth/v3/token`, { grant_type: "refresh_token", refresh_token: refreshToken, client_id: sb.clientId, client_secret: sb.clientSecret });
    expect(refresh.status).toBe(400);
    expect(await refresh.json()).toMatchObject({ status: "BAD_REFRESH_TOKEN", message: "missing or invalid refresh token", error: "invalid_grant" });
    const e = await apiError(client.crm.contacts.basicApi.getPage(1));
    expect(e.code).toBe(401);
    expect(e.body.category).toBe("INVALID_AUTHENTICATION");
  });

  it("uninstall revokes every token; refresh then fails with BAD_REFRESH_TOKEN", async () => {
    const { client, refreshToken } = await sdkClient(sb);
    await admin(sb, "POST", "uninstall");
    expect((await apiError(client.crm.owners.ownersApi.getPage())).code).toBe(401);
    const res = await postForm(`${sb.url}/oauth/v1/token`, { grant_type: "refresh_token", refresh_token: refreshToken, client_id: sb.clientId, client_secret: sb.clientSecret });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status: "BAD_REFRESH_TOKEN", error: "invalid_grant" });
  });
});

describe("bearer auth on /crm", () => {
  it("401 INVALID_AUTHENTICATION without a token", async () => {
    const client = new Client({ accessToken: "not-a-token", basePath: sb.url, numberOfApiCallRetries: 0 });
    const e = await apiError(client.crm.contacts.basicApi.getPage(1));
    expect(e.code).toBe(401);
    expect(e.body.category).toBe("INVALID_AUTHENTICATION");
    expect(e.body.message).toMatch(/^Authentication credentials not found/);
    expect(e.body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    const raw = await fetch(`${sb.url}/crm/v3/objects/contacts`);
    expect(raw.status).toBe(401);
    expect((await raw.json()).status).toBe("error");
  });

  it("401 EXPIRED_AUTHENTICATION after the TTL, with the minutes in the message", async () => {
    const { client } = await sdkClient(sb);
    await admin(sb, "POST", "clock", { advanceMs: 1800_000 + 3 * 60_000 + 5_000 });
    const e = await apiError(client.crm.contacts.basicApi.getPage(1));
    expect(e.code).toBe(401);
    expect(e.body.category).toBe("EXPIRED_AUTHENTICATION");
    expect(e.body.message).toBe("The OAuth token used to make this call expired 3 minute(s) ago.");
  });

  it("403 MISSING_SCOPES when the token lacks the scope", async () => {
    const { client } = await sdkClient(sb, { scopes: ["oauth", "crm.objects.contacts.read"] });
    const e = await apiError(client.crm.owners.ownersApi.getPage());
    expect(e.code).toBe(403);
    expect(e.body.category).toBe("MISSING_SCOPES");
    const w = await apiError(client.crm.contacts.basicApi.create({ properties: { email: "x@example.com" }, associations: [] }));
    expect(w.code).toBe(403);
  });
});
