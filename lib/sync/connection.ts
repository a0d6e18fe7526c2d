import { and, eq, ne } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db/client";
import { hubspotConnections, hubspotOwners, hubspotPropertyCache, leads } from "@/drizzle/schema";
import { env } from "@/lib/env";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { createHubSpotClient, type HubSpotClient } from "@/lib/hubspot/client";
import { HubSpotError } from "@/lib/hubspot/errors";
import { withRetry } from "@/lib/hubspot/retry";
import { acquireSlot, blockBudget, type RequestBucket } from "./budget";
import { OAuthError, refreshTokens, revokeRefreshToken, type OAuthConfig, type TokenSet } from "@/lib/hubspot/oauth";
import { recordAudit, type Actor } from "@/lib/db/queries/audit";
import { getConnection } from "@/lib/db/queries/connections";

/** Refresh this long before HubSpot's expiry so no call goes out with a token about to lapse. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export function oauthConfig(): OAuthConfig {
  const e = env();
  return { apiBaseUrl: e.HUBSPOT_API_BASE_URL, authorizeUrl: e.HUBSPOT_AUTHORIZE_URL, clientId: e.HUBSPOT_CLIENT_ID, clientSecret: e.HUBSPOT_CLIENT_SECRET };
}

const seal = (s: string) => encryptSecret(s, env().TOKEN_ENCRYPTION_KEY);
const open = (s: string) => decryptSecret(s, env().TOKEN_ENCRYPTION_KEY);

export type PortalAccess = {
  client: HubSpotClient;
  portalId: string;
  /**
   * Runs one HubSpot request (a lib/hubspot/api function making one call) inside the portal's shared budget
   * (lib/sync/budget.ts): each attempt first takes a slot of the bucket ("search" for CRM search, else "standard").
   * 429s stop the portal's whole bucket until its window frees, then retry; 5xx, 423 and network errors retry with
   * exponential backoff; a bounded number of times. Every HubSpot call in lib/sync goes through this.
   */
  call: <T>(fn: () => Promise<T>, bucket?: RequestBucket) => Promise<T>;
};

/** Thrown instead of making a HubSpot call once the workspace was disconnected (or needs reauthorization). */
export class NotConnectedError extends Error {
  constructor() {
    super("HubSpot was disconnected; the run stopped before its next HubSpot call.");
    this.name = "NotConnectedError";
  }
}

/**
 * A portal's client and its budgeted call: the one way lib/sync reaches HubSpot. Each call first checks the
 * workspace is still connected, so a disconnect stops runs in flight before their next HubSpot call.
 */
function portalAccess(db: Db, workspaceId: string, portalId: string, accessToken: string): PortalAccess {
  return {
    client: createHubSpotClient({ accessToken, baseUrl: env().HUBSPOT_API_BASE_URL }),
    portalId,
    call: (fn, bucket = "standard") =>
      withRetry(
        async () => {
          if (!(await isStillConnected(db, workspaceId))) throw new NotConnectedError();
          await acquireSlot(db, portalId, bucket);
          return fn();
        },
        { isFatal: (err) => err instanceof NotConnectedError, onRateLimited: (err) => blockBudget(db, portalId, (err.body as { policyName?: string } | undefined)?.policyName === "SECONDLY" ? "search" : "standard") },
      ),
  };
}

/**
 * Stores a fresh authorization. Connecting a different portal keeps the configuration but clears what belonged to
 * the old portal: per-lead contact links, owners, and the cached owner directory and properties.
 */
export async function connectPortal(
  db: Db,
  workspaceId: string,
  actor: Actor,
  tokens: TokenSet & { hubId: string },
): Promise<{ portalChanged: boolean }> {
  return db.transaction(async (tx) => {
    const previous = await getConnection(tx, workspaceId);
    const portalChanged = Boolean(previous && previous.portalId !== tokens.hubId);
    if (portalChanged) {
      await tx
        .update(leads)
        .set({ hubspotContactId: null, hubspotPortalId: null, ownerId: null, ownerFirstName: null, ownerLastName: null, ownerEmail: null, ownerSince: null })
        .where(and(eq(leads.workspaceId, workspaceId), ne(leads.hubspotPortalId, tokens.hubId)));
      await tx.delete(hubspotOwners).where(eq(hubspotOwners.workspaceId, workspaceId));
      await tx.delete(hubspotPropertyCache).where(eq(hubspotPropertyCache.workspaceId, workspaceId));
    }
    const values = {
      status: "connected" as const,
      portalId: tokens.hubId,
      hubDomain: tokens.hubDomain ?? null,
      connectedByEmail: actor.email,
      connectedAt: new Date(),
      accessTokenEnc: seal(tokens.accessToken),
      refreshTokenEnc: seal(tokens.refreshToken),
      accessTokenExpiresAt: new Date(Date.now() + tokens.expiresInSeconds * 1000),
      scopes: tokens.scopes?.join(" ") ?? null,
      statusReason: null,
      updatedAt: new Date(),
    };
    await tx.insert(hubspotConnections).values({ workspaceId, ...values }).onConflictDoUpdate({ target: hubspotConnections.workspaceId, set: values });
    await recordAudit(tx, workspaceId, actor, "hubspot.connected", { portalId: tokens.hubId, portalChanged });
    return { portalChanged };
  });
}

/** Stops syncing at once (every HubSpot call first asks for access) and revokes the tokens; configuration stays. */
export async function disconnectPortal(db: Db, workspaceId: string, actor: Actor): Promise<void> {
  const conn = await getConnection(db, workspaceId);
  if (!conn || conn.status === "disconnected") return;
  await db
    .update(hubspotConnections)
    .set({ status: "disconnected", accessTokenEnc: null, refreshTokenEnc: null, accessTokenExpiresAt: null, statusReason: null, updatedAt: new Date() })
    .where(eq(hubspotConnections.workspaceId, workspaceId));
  await recordAudit(db, workspaceId, actor, "hubspot.disconnected", { portalId: conn.portalId });
  if (conn.refreshTokenEnc) {
    try {
      await revokeRefreshToken(oauthConfig(), open(conn.refreshTokenEnc));
    } catch (err) {
      // The tokens are already gone from our side; a failed revoke only means HubSpot expires them itself.
      console.warn(`HubSpot token revoke failed for workspace ${workspaceId}: ${(err as Error).message}`);
    }
  }
}

async function markNeedsReauth(db: DbOrTx, workspaceId: string, reason: string) {
  await db
    .update(hubspotConnections)
    .set({ status: "needs_reauth", accessTokenEnc: null, refreshTokenEnc: null, statusReason: reason, updatedAt: new Date() })
    .where(eq(hubspotConnections.workspaceId, workspaceId));
}

/**
 * A HubSpot client for the workspace's portal, or null when it is not connected. Refreshes the access token when it
 * is near expiry, one refresh at a time per connection (row lock), and moves the connection to needs_reauth when
 * HubSpot refuses the refresh token.
 */
export async function getPortalAccess(db: Db, workspaceId: string, opts: { forceRefresh?: boolean } = {}): Promise<PortalAccess | null> {
  const conn = await getConnection(db, workspaceId);
  if (!conn || conn.status !== "connected" || !conn.accessTokenEnc || !conn.refreshTokenEnc) return null;
  if (!opts.forceRefresh && conn.accessTokenExpiresAt && conn.accessTokenExpiresAt.getTime() - Date.now() > REFRESH_MARGIN_MS) {
    return portalAccess(db, workspaceId, conn.portalId, open(conn.accessTokenEnc));
  }
  const accessToken = await db.transaction(async (tx) => {
    const [locked] = await tx.select().from(hubspotConnections).where(eq(hubspotConnections.workspaceId, workspaceId)).for("update");
    if (!locked || locked.status !== "connected" || !locked.refreshTokenEnc || !locked.accessTokenEnc) return null;
    // Another worker may have refreshed while we waited for the lock (a forced refresh only trusts a token that
    // changed since it read the row: the one it holds was just refused).
    const refreshedMeanwhile = opts.forceRefresh ? locked.accessTokenEnc !== conn.accessTokenEnc : true;
    if (refreshedMeanwhile && locked.accessTokenExpiresAt && locked.accessTokenExpiresAt.getTime() - Date.now() > REFRESH_MARGIN_MS) return open(locked.accessTokenEnc);
    try {
      const fresh = await refreshTokens(oauthConfig(), open(locked.refreshTokenEnc));
      await tx
        .update(hubspotConnections)
        .set({
          accessTokenEnc: seal(fresh.accessToken),
          refreshTokenEnc: seal(fresh.refreshToken),
          accessTokenExpiresAt: new Date(Date.now() + fresh.expiresInSeconds * 1000),
          updatedAt: new Date(),
        })
        .where(eq(hubspotConnections.workspaceId, workspaceId));
      return fresh.accessToken;
    } catch (err) {
      if (err instanceof OAuthError && err.needsReauthorization) {
        await markNeedsReauth(tx, workspaceId, "HubSpot refused the refresh token: the app was uninstalled or access was revoked.");
        return null;
      }
      throw err;
    }
  });
  return accessToken ? portalAccess(db, workspaceId, conn.portalId, accessToken) : null;
}

/**
 * Whether the workspace is still connected. Long runs ask before each further HubSpot call (page, batch): a
 * disconnect must stop runs in flight before their next call, and revoking the token is not enough for that (the
 * revoke may fail, and a call made with a revoked token is still a call).
 */
export async function isStillConnected(db: DbOrTx, workspaceId: string): Promise<boolean> {
  return (await getConnection(db, workspaceId))?.status === "connected";
}

/**
 * HubSpot answered 401 to a call made with the stored access token: the app was uninstalled, the token revoked, or it
 * expired early. Refreshes once; when HubSpot refuses the refresh token as well the connection moves to
 * needs_reauth (syncing stops and the settings page says so) and this returns "needs_reauth". Without this, an
 * uninstall went unnoticed until the stored token's own expiry, every run failing on 401 in the meantime.
 */
export async function recoverFromAuthError(db: Db, workspaceId: string, err: unknown): Promise<"not_auth_error" | "refreshed" | "needs_reauth"> {
  if (!(err instanceof HubSpotError) || (err.kind !== "invalid_auth" && err.kind !== "expired_auth")) return "not_auth_error";
  return (await getPortalAccess(db, workspaceId, { forceRefresh: true })) ? "refreshed" : "needs_reauth";
}
