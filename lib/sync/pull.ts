import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { pullRules, syncRecords, syncRuns, type PullCheckpoint, type RunCounts } from "@/drizzle/schema";
import { getPullRuleOrThrow, type PullRule } from "@/lib/db/queries/pull-rules";
import { addCounts, finishRun, startRun } from "@/lib/db/queries/sync-runs";
import { batchReadContacts, BATCH_LIMIT, HubSpotError, listMembershipsPage, SEARCH_PAGE_LIMIT, searchContacts, type SearchFilter } from "@/lib/hubspot/api";
import type { HubSpotContact } from "@/lib/hubspot/types";
import { getPortalAccess, isStillConnected, recoverFromAuthError, type PortalAccess } from "./connection";
import { importPage, loadPullContext, ownersForPage, type PullContext } from "./pull-import";
import { evaluateWorkflowsForLeads } from "@/lib/workflows/evaluate";

/** Search indexes writes with a lag; an incremental pass looks back this far before its cursor. */
export const INCREMENTAL_LOOKBACK_MS = 5 * 60_000;
/**
 * A list rule that also has filters checks members against them with a search `hs_object_id IN [...]`; 50 ids keep
 * that request well under search's 3,000-character body limit next to the rule's filters and properties.
 */
const LIST_FILTER_CHUNK = 50;

export type PullResult = { runId: string; counts: RunCounts; stoppedBecause?: "not_connected" };
export type PullStepResult = { status: "running" | "completed" | "stopped"; counts: RunCounts; importedLeadIds: string[] };

export function ruleSearchFilters(rule: Pick<PullRule, "filters">): SearchFilter[] {
  return rule.filters.map((f) => ({ propertyName: f.property, operator: f.operator, value: f.value, values: f.values, highValue: f.highValue }));
}

async function loadRun(db: Db, runId: string) {
  const [run] = await db.select().from(syncRuns).where(eq(syncRuns.id, runId));
  if (!run) throw new Error(`Sync run ${runId} not found`);
  return run;
}

/**
 * Opens a pull run (or re-opens the one the event names) and writes its first checkpoint. Idempotent: a run that
 * already has a checkpoint is left as it is. A run of the same rule that crashed for good (failed or stopped mid-walk,
 * rule unchanged since) hands its checkpoint on, so the new run continues from its last saved page.
 */
export async function beginPullRun(db: Db, workspaceId: string, ruleId: string, runId?: string): Promise<{ runId: string; status: "running" | "stopped" }> {
  const rule = await getPullRuleOrThrow(db, workspaceId, ruleId);
  const id = runId ?? (await startRun(db, workspaceId, "pull", rule.id));
  const run = await loadRun(db, id);
  if (run.checkpoint || run.status !== "running") return { runId: id, status: run.status === "running" ? "running" : "stopped" };
  await db.update(pullRules).set({ lastRunId: id }).where(eq(pullRules.id, rule.id));
  if (!(await getPortalAccess(db, workspaceId))) {
    await finishRun(db, id, "stopped", {}, "HubSpot is not connected");
    return { runId: id, status: "stopped" };
  }
  const [previous] = await db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.pullRuleId, rule.id), ne(syncRuns.id, id), ne(syncRuns.status, "running")))
    .orderBy(desc(syncRuns.startedAt))
    .limit(1);
  const resumable = previous && previous.status !== "completed" && previous.checkpoint && previous.checkpoint.phase !== "done" && previous.startedAt >= rule.updatedAt;
  const checkpoint: PullCheckpoint = resumable
    ? { ...previous.checkpoint!, step: undefined }
    : {
        phase: rule.listId ? "list" : "search",
        lastId: "0",
        since: rule.cursor ? rule.cursor.getTime() - INCREMENTAL_LOOKBACK_MS : null,
        cursorAt: Date.now(),
      };
  await db.update(syncRuns).set({ checkpoint }).where(eq(syncRuns.id, id));
  return { runId: id, status: "running" };
}

/**
 * Thrown (inside a budgeted call, after its slot was taken) when the portal was disconnected meanwhile: the run stops
 * before its next HubSpot call. A non-retryable HubSpotError kind, so the budget's retry passes it straight through.
 */
class RunStopped extends HubSpotError {
  constructor(message: string) {
    super("validation", message, undefined, undefined);
  }
}

type Guard = () => Promise<void>;

type Page = { contacts: HubSpotContact[]; next: Pick<PullCheckpoint, "phase" | "lastId" | "after"> };

/** The next page after the checkpoint: a search page (walking hs_object_id past the 10,000 cap) or a list chunk. */
async function fetchPage(access: PortalAccess, rule: PullRule, cp: PullCheckpoint, ctx: PullContext, guard: Guard): Promise<Page> {
  // Every call goes through the portal's shared budget (search 5/s, the rest 110 per 10 s, for all processes).
  const search = (req: Parameters<typeof searchContacts>[1]) =>
    access.call(async () => {
      await guard();
      return searchContacts(access.client, req);
    }, "search");
  const standard = <T,>(fn: () => Promise<T>) =>
    access.call(async () => {
      await guard();
      return fn();
    });
  if (cp.phase === "search") {
    // Search stops at 10,000 results per query; "hs_object_id > last seen", sorted by it, has no such cap.
    const filters: SearchFilter[] = [...ruleSearchFilters(rule), { propertyName: "hs_object_id", operator: "GT", value: cp.lastId }];
    if (cp.since !== null) filters.push({ propertyName: "lastmodifieddate", operator: "GTE", value: String(cp.since) });
    const page = await search({ filterGroups: [{ filters }], properties: ctx.properties, limit: SEARCH_PAGE_LIMIT, sortAscendingBy: "hs_object_id" });
    const done = page.contacts.length < SEARCH_PAGE_LIMIT;
    return { contacts: page.contacts, next: { phase: done ? "done" : "search", lastId: page.contacts.at(-1)?.id ?? cp.lastId } };
  }
  // Lists: memberships come ordered by record id, ≤ 250 a page; the contacts are batch-read 100 per call.
  const members = await standard(() => listMembershipsPage(access.client, rule.listId!, cp.after));
  const ids = members.recordIds.filter((id) => BigInt(id) > BigInt(cp.lastId));
  const contacts: HubSpotContact[] = [];
  if (rule.filters.length === 0) {
    for (let i = 0; i < ids.length; i += BATCH_LIMIT) {
      const chunk = ids.slice(i, i + BATCH_LIMIT);
      contacts.push(...(await standard(() => batchReadContacts(access.client, chunk, ctx.properties))));
    }
  } else {
    for (let i = 0; i < ids.length; i += LIST_FILTER_CHUNK) {
      const chunk = ids.slice(i, i + LIST_FILTER_CHUNK);
      const filters = [...ruleSearchFilters(rule), { propertyName: "hs_object_id", operator: "IN", values: chunk }];
      const res = await search({ filterGroups: [{ filters }], properties: ctx.properties, limit: LIST_FILTER_CHUNK });
      contacts.push(...res.contacts);
    }
  }
  contacts.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  // List memberships have no "modified since" filter: incremental list runs re-read members and skip unchanged ones.
  const fresh = cp.since === null ? contacts : contacts.filter((c) => !c.properties.lastmodifieddate || Date.parse(c.properties.lastmodifieddate) >= cp.since!);
  return {
    contacts: fresh,
    next: { phase: members.nextAfter ? "list" : "done", after: members.nextAfter ?? cp.after, lastId: members.recordIds.at(-1) ?? cp.lastId },
  };
}

/**
 * Imports up to `maxPages` pages of a run, saving the checkpoint with each page in the page's own transaction, and
 * completes the run when the walk ends. Safe to call again after a crash: it continues after the last saved page.
 * `stepId` names the caller's (Inngest) step: a retry of the same step reports every lead imported since that step
 * first began, including pages an earlier, crashed attempt saved, so no `lead/imported` event is lost.
 */
export async function pullPages(db: Db, workspaceId: string, runId: string, opts: { maxPages?: number; stepId?: string } = {}): Promise<PullStepResult> {
  let run = await loadRun(db, runId);
  if (run.status === "completed" || run.status === "stopped" || !run.checkpoint) return { status: run.status === "completed" ? "completed" : "stopped", counts: run.counts, importedLeadIds: [] };
  const rule = await getPullRuleOrThrow(db, workspaceId, run.pullRuleId!);
  let cp = run.checkpoint;
  if (opts.stepId && cp.step?.id !== opts.stepId) {
    cp = { ...cp, step: { id: opts.stepId, fromId: cp.lastId } };
    await db.update(syncRuns).set({ checkpoint: cp, status: "running" }).where(eq(syncRuns.id, runId));
  }
  let counts = run.counts;
  const access = await getPortalAccess(db, workspaceId);
  if (!access) return stop(db, rule, runId, counts, "HubSpot is not connected");
  const ctx = await loadPullContext(db, workspaceId);
  const imported: string[] = [];
  // Checked after each call's budget wait, right before it goes out, so a disconnect stops the run before its next call.
  const guard: Guard = async () => {
    if (!(await isStillConnected(db, workspaceId))) throw new RunStopped("HubSpot was disconnected during the run");
  };
  try {
    const maxPages = opts.maxPages ?? Infinity;
    let prefetched: Promise<Page> | null = null;
    for (let n = 0; cp.phase !== "done" && n < maxPages; n++) {
      const page = await (prefetched ?? fetchPage(access, rule, cp, ctx, guard));
      prefetched = null;
      const next: PullCheckpoint = { ...cp, ...page.next };
      // Search pages: ask for the next one while this one imports, so the walk runs at the budget's pace rather than
      // at search + import time. Only within this call's pages; the checkpoint still moves only with an import.
      if (next.phase === "search" && n + 1 < maxPages) {
        prefetched = fetchPage(access, rule, next, ctx, guard);
        prefetched.catch(() => {}); // surfaces when awaited; never an unhandled rejection if this page's import fails
      }
      const owners = await ownersForPage(db, workspaceId, access, ctx, page.contacts);
      // The page's leads and its checkpoint commit together: a crash before commit redoes the page, after it skips it.
      const res = await db.transaction(async (tx) => {
        const r = await importPage(tx, workspaceId, access.portalId, runId, page.contacts, ctx, owners);
        await evaluateWorkflowsForLeads(tx, workspaceId, r.importedLeadIds, "pull"); // workflow matches commit with the page
        const newCounts = addCounts(counts, { ...r.counts, pages: 1 });
        await tx.update(syncRuns).set({ counts: newCounts, checkpoint: next, error: null }).where(eq(syncRuns.id, runId));
        return { ...r, counts: newCounts };
      });
      counts = res.counts;
      cp = next;
      imported.push(...res.importedLeadIds);
    }
  } catch (err) {
    if (err instanceof RunStopped) return stop(db, rule, runId, counts, err.message);
    if ((await recoverFromAuthError(db, workspaceId, err)) === "needs_reauth") return stop(db, rule, runId, counts, (err as Error).message);
    // The run stays "running" with its checkpoint: a retry continues from here (onFailure marks it failed for good).
    await db.update(syncRuns).set({ error: (err as Error).message }).where(eq(syncRuns.id, runId));
    throw err;
  }
  if (cp.phase === "done") {
    await db.transaction(async (tx) => {
      await tx.update(pullRules).set({ cursor: new Date(cp.cursorAt), lastRunId: runId }).where(eq(pullRules.id, rule.id));
      await finishRun(tx, runId, "completed", counts);
    });
  }
  const importedLeadIds = opts.stepId ? await importedSince(db, runId, cp.step!.fromId) : imported;
  return { status: cp.phase === "done" ? "completed" : "running", counts, importedLeadIds };
}

/** Leads this run imported from contacts after `fromId` (both walks go in contact id order). */
async function importedSince(db: Db, runId: string, fromId: string): Promise<string[]> {
  const rows = await db
    .select({ leadId: syncRecords.leadId })
    .from(syncRecords)
    .where(and(eq(syncRecords.runId, runId), eq(syncRecords.status, "imported"), sql`(${syncRecords.contactId})::numeric > ${fromId}::numeric`));
  return rows.map((r) => r.leadId!).filter(Boolean);
}

async function stop(db: Db, rule: PullRule, runId: string, counts: RunCounts, reason: string): Promise<PullStepResult> {
  await db.update(pullRules).set({ lastRunId: runId }).where(eq(pullRules.id, rule.id));
  await finishRun(db, runId, "stopped", counts, reason);
  return { status: "stopped", counts, importedLeadIds: [] };
}

/** Marks a run failed for good (its checkpoint stays, so the rule's next run continues from it). */
export async function failPullRun(db: Db, runId: string, error: string) {
  const run = await loadRun(db, runId);
  if (run.status === "running") await finishRun(db, runId, "failed", run.counts, error);
}

/**
 * After a function failed for good: its run is the one the event named, or (scheduled runs, whose run the function
 * opened itself) the rule's run still marked running.
 */
export async function failPullRunsOf(db: Db, workspaceId: string, ruleId: string, runId: string | undefined, error: string) {
  const runs = runId
    ? [{ id: runId }]
    : await db
        .select({ id: syncRuns.id })
        .from(syncRuns)
        .where(and(eq(syncRuns.workspaceId, workspaceId), eq(syncRuns.pullRuleId, ruleId), eq(syncRuns.status, "running")));
  for (const r of runs) await failPullRun(db, r.id, error);
}

/**
 * Runs one pull rule to its end in this process (the bench and scripts; the Inngest function drives the same
 * begin → pages → complete steps). Re-running imports nothing twice: leads are found by contact id or email before
 * any insert, and the email is unique per workspace.
 */
export async function runPullRule(db: Db, workspaceId: string, ruleId: string, runId?: string): Promise<PullResult> {
  const begun = await beginPullRun(db, workspaceId, ruleId, runId);
  const id = begun.runId;
  if (begun.status === "stopped") return { runId: id, counts: (await loadRun(db, id)).counts, stoppedBecause: "not_connected" };
  try {
    const res = await pullPages(db, workspaceId, id);
    return { runId: id, counts: res.counts, ...(res.status === "stopped" ? { stoppedBecause: "not_connected" as const } : {}) };
  } catch (err) {
    await failPullRun(db, id, (err as Error).message);
    throw err;
  }
}

/** Runs of a rule still going (for the UI's progress); counts are saved with every page. */
export async function runningPullRuns(db: Db, workspaceId: string) {
  return db.select().from(syncRuns).where(and(eq(syncRuns.workspaceId, workspaceId), eq(syncRuns.kind, "pull"), inArray(syncRuns.status, ["running"])));
}
