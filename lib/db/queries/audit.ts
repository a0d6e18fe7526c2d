import type { DbOrTx } from "../client";
import { auditLog } from "@/drizzle/schema";

export type Actor = { userId: string | null; email: string };

export async function recordAudit(db: DbOrTx, workspaceId: string, actor: Actor, action: string, details: unknown = {}) {
  await db.insert(auditLog).values({ workspaceId, actorUserId: actor.userId, actorEmail: actor.email, action, details: JSON.stringify(details) });
}
