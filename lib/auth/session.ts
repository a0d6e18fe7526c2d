import { getServerSession } from "next-auth";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { memberships, users, workspaces } from "@/drizzle/schema";
import { authOptions } from "./options";
import { can, type Permission, type Role } from "./permissions";

export type SessionContext = {
  userId: string;
  email: string;
  name: string;
  workspaceId: string;
  workspaceName: string;
  role: Role;
};

export class AuthError extends Error {
  constructor(readonly status: 401 | 403, message: string) {
    super(message);
    this.name = "AuthError";
  }
}

/** The signed-in user with the workspace and role from their membership (server-side truth, never client input). */
export async function getSessionContext(): Promise<SessionContext | null> {
  const session = await getServerSession(authOptions());
  const userId = (session?.user as { id?: string } | undefined)?.id;
  if (!userId) return null;
  const db = await getDb();
  const [row] = await db
    .select({ email: users.email, name: users.name, workspaceId: workspaces.id, workspaceName: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.userId, userId)))
    .orderBy(asc(workspaces.name))
    .limit(1);
  return row ? { userId, ...row } : null;
}

export async function requirePermission(permission: Permission): Promise<SessionContext> {
  const ctx = await getSessionContext();
  if (!ctx) throw new AuthError(401, "Please sign in again.");
  if (!can(ctx.role, permission)) throw new AuthError(403, "Your role does not allow this.");
  return ctx;
}
