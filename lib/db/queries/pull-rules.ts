import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { pullRules } from "@/drizzle/schema";

export type PullRule = typeof pullRules.$inferSelect;

export async function listPullRules(db: DbOrTx, workspaceId: string): Promise<PullRule[]> {
  return db.select().from(pullRules).where(eq(pullRules.workspaceId, workspaceId)).orderBy(desc(pullRules.createdAt));
}

export async function getPullRuleOrThrow(db: DbOrTx, workspaceId: string, ruleId: string): Promise<PullRule> {
  const [rule] = await db.select().from(pullRules).where(and(eq(pullRules.workspaceId, workspaceId), eq(pullRules.id, ruleId)));
  if (!rule) throw new Error(`Pull rule ${ruleId} not found in this workspace`);
  return rule;
}
