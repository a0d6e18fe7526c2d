import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AuthError, requirePermission } from "@/lib/auth/session";
import { OAuthError } from "@/lib/hubspot/oauth";
import { completeAuthorization, OAuthFlowError } from "@/lib/sync/oauth-flow";
import { sendEvents } from "@/inngest/client";

function back(params: Record<string, string>) {
  const url = new URL("/settings/integrations", env().APP_URL);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return NextResponse.redirect(url);
}

export async function GET(request: Request) {
  const url = new URL(request.url);
  let ctx;
  try {
    ctx = await requirePermission("hubspot.connect");
  } catch (err) {
    if (err instanceof AuthError) return err.status === 401 ? NextResponse.redirect(new URL("/login", env().APP_URL)) : NextResponse.json({ error: err.message }, { status: 403 });
    throw err;
  }
  const error = url.searchParams.get("error");
  if (error) return back({ error: error === "access_denied" ? "HubSpot access was not granted. Nothing changed." : `HubSpot answered: ${url.searchParams.get("error_description") ?? error}` });
  const code = url.searchParams.get("code");
  const state = url.searchParams.get("state");
  if (!code || !state) return back({ error: "HubSpot's answer was incomplete. Please click Authorize again." });
  try {
    const { portalChanged } = await completeAuthorization(await getDb(), ctx, { code, state });
    // Leads that stayed pending while disconnected are pushed now rather than at the next sweep.
    await sendEvents([{ name: "lead/push.requested", data: { workspaceId: ctx.workspaceId } }]);
    return back(portalChanged ? { connected: "1", portalChanged: "1" } : { connected: "1" });
  } catch (err) {
    if (err instanceof OAuthFlowError) return back({ error: err.message });
    if (err instanceof OAuthError) return back({ error: `HubSpot refused the authorization (${err.code}). Please try again.` });
    throw err;
  }
}
