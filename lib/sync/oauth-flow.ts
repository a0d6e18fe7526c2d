import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, lt } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { oauthStates } from "@/drizzle/schema";
import { env } from "@/lib/env";
import { buildAuthorizeUrl, exchangeCode, introspectToken } from "@/lib/hubspot/oauth";
import { connectPortal, oauthConfig } from "./connection";

const STATE_TTL_MS = 10 * 60_000;
const hash = (s: string) => createHash("sha256").update(s).digest("hex");

export function hubspotRedirectUri(): string {
  return `${env().APP_URL.replace(/\/$/, "")}/api/hubspot/callback`;
}

/** Starts OAuth: a random single-use `state`, stored hashed and bound to this user and workspace. */
export async function beginAuthorization(db: Db, workspaceId: string, userId: string): Promise<string> {
  const state = randomBytes(24).toString("base64url");
  await db.delete(oauthStates).where(lt(oauthStates.expiresAt, new Date()));
  await db.insert(oauthStates).values({ stateHash: hash(state), workspaceId, userId, expiresAt: new Date(Date.now() + STATE_TTL_MS) });
  return buildAuthorizeUrl(oauthConfig(), hubspotRedirectUri(), state);
}

export class OAuthFlowError extends Error {}

/**
 * Finishes OAuth for the signed-in user: the state must be theirs, for their workspace, unexpired and unused.
 * Returns whether the portal differs from the one connected before.
 */
export async function completeAuthorization(
  db: Db,
  session: { workspaceId: string; userId: string; email: string },
  params: { code: string; state: string },
): Promise<{ portalId: string; portalChanged: boolean }> {
  const [row] = await db
    .delete(oauthStates)
    .where(and(eq(oauthStates.stateHash, hash(params.state)), gt(oauthStates.expiresAt, new Date())))
    .returning();
  if (!row || row.userId !== session.userId || row.workspaceId !== session.workspaceId) {
    throw new OAuthFlowError("This authorization link expired or was started by someone else. Please click Authorize again.");
  }
  const cfg = oauthConfig();
  const tokens = await exchangeCode(cfg, params.code, hubspotRedirectUri());
  let hubId = tokens.hubId;
  let hubDomain = tokens.hubDomain;
  if (!hubId || !hubDomain) {
    const info = await introspectToken(cfg, tokens.accessToken);
    hubId ??= info.hub_id === undefined ? undefined : String(info.hub_id);
    hubDomain ??= info.hub_domain === undefined ? undefined : String(info.hub_domain);
  }
  if (!hubId) throw new OAuthFlowError("HubSpot did not say which portal was authorized.");
  const { portalChanged } = await connectPortal(db, session.workspaceId, { userId: session.userId, email: session.email }, { ...tokens, hubId, hubDomain });
  return { portalId: hubId, portalChanged };
}
