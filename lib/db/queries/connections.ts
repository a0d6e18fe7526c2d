import { eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { hubspotConnections } from "@/drizzle/schema";

export type ConnectionRow = typeof hubspotConnections.$inferSelect;

export async function getConnection(db: DbOrTx, workspaceId: string): Promise<ConnectionRow | undefined> {
  const [row] = await db.select().from(hubspotConnections).where(eq(hubspotConnections.workspaceId, workspaceId));
  return row;
}
