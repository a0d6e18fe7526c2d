import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { AuthError, requirePermission } from "@/lib/auth/session";
import { beginAuthorization } from "@/lib/sync/oauth-flow";

export async function GET(request: Request) {
  try {
    const ctx = await requirePermission("hubspot.connect");
    return NextResponse.redirect(await beginAuthorization(await getDb(), ctx.workspaceId, ctx.userId));
  } catch (err) {
    if (err instanceof AuthError) {
      return err.status === 401 ? NextResponse.redirect(new URL("/login", request.url)) : NextResponse.json({ error: err.message }, { status: 403 });
    }
    throw err;
  }
}
