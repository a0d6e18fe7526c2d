import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { syncRecords, syncRuns, type RunCounts } from "@/drizzle/schema";

export type NewSyncRecord = typeof syncRecords.$inferInsert;

export async function startRun(db: DbOrTx, workspaceId: string, kind: "push" | "pull" | "owners" | "resync", pullRuleId?: string): Promise<string> {
  const [row] = await db.insert(syncRuns).values({ workspaceId, kind, status: "running", pullRuleId }).returning({ id: syncRuns.id });
  return row.id;
}

export async function finishRun(db: DbOrTx, runId: string, status: "completed" | "failed" | "stopped", counts: RunCounts, error?: string) {
  await db.update(syncRuns).set({ status, counts, error: error ?? null, finishedAt: new Date() }).where(eq(syncRuns.id, runId));
}

export async function saveRunProgress(db: DbOrTx, runId: string, counts: RunCounts) {
  await db.update(syncRuns).set({ counts }).where(eq(syncRuns.id, runId));
}

export async function insertSyncRecords(db: DbOrTx, records: NewSyncRecord[]) {
  if (records.length > 0) await db.insert(syncRecords).values(records);
}

export async function listRecentRuns(db: DbOrTx, workspaceId: string, limit = 20) {
  return db.select().from(syncRuns).where(eq(syncRuns.workspaceId, workspaceId)).orderBy(desc(syncRuns.startedAt)).limit(limit);
}

export async function listLeadSyncRecords(db: DbOrTx, workspaceId: string, leadId: string, limit = 50) {
  return db
    .select()
    .from(syncRecords)
    .where(and(eq(syncRecords.workspaceId, workspaceId), eq(syncRecords.leadId, leadId)))
    .orderBy(desc(syncRecords.at))
    .limit(limit);
}

export async function listRecentRecords(db: DbOrTx, workspaceId: string, limit = 50) {
  return db.select().from(syncRecords).where(eq(syncRecords.workspaceId, workspaceId)).orderBy(desc(syncRecords.at)).limit(limit);
}

export function addCounts(a: RunCounts, b: RunCounts): RunCounts {
  const out: RunCounts = { ...a };
  for (const [k, v] of Object.entries(b) as [keyof RunCounts, number][]) out[k] = (out[k] ?? 0) + v;
  return out;
}

export const countOf = sql<number>`count(*)::int`;
