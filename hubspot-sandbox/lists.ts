// Lists v3 (reference §5): three seeded contact lists with ILS ids, list search, get by id/name, and memberships
// paged by record id (limit ≤ 250). Membership is fixed at seed time; DYNAMIC lists are not re-evaluated.
import type { Ctx } from "./context";
import { hsError, json, parseJsonBody, type SandboxRequest, type SandboxResponse } from "./http";

export type ContactList = {
  listId: string;
  name: string;
  processingType: "MANUAL" | "DYNAMIC" | "SNAPSHOT";
  createdAt: string;
  updatedAt: string;
  filtersUpdatedAt: string;
  listVersion: number;
  members: Map<number, number>; // contact id → membership timestamp (ms)
};

export const SEEDED_LISTS = [
  { listId: "101", name: "Trade show leads 2026", processingType: "MANUAL" as const },
  { listId: "102", name: "EMEA open leads", processingType: "DYNAMIC" as const },
  { listId: "103", name: "Newsletter subscribers", processingType: "SNAPSHOT" as const },
];

export class ListStore {
  lists: ContactList[] = SEEDED_LISTS.map((l, i) => ({
    ...l,
    createdAt: new Date(Date.UTC(2025, 0, 10 + i, 10)).toISOString(),
    updatedAt: new Date(Date.UTC(2026, 9, 1 + i, 10)).toISOString(),
    filtersUpdatedAt: new Date(Date.UTC(2025, 0, 10 + i, 10)).toISOString(),
    listVersion: 3 + i,
    members: new Map(),
  }));
  add(listIndex: number, contactId: number, at: number): void {
    this.lists[listIndex].members.set(contactId, at);
  }
}

function liveMembers(ctx: Ctx, list: ContactList): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [id, at] of list.members) {
    const row = ctx.store.rowForId(id);
    // Archived and merged-away contacts drop out of lists.
    if (row !== undefined && ctx.store.idOf(row) === String(id)) out.push([id, at]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

function publicList(ctx: Ctx, l: ContactList, withFilters = false): Record<string, unknown> {
  const base: Record<string, unknown> = {
    listId: l.listId,
    listVersion: l.listVersion,
    name: l.name,
    objectTypeId: "0-1",
    processingType: l.processingType,
    processingStatus: "COMPLETE",
    createdAt: l.createdAt,
    updatedAt: l.updatedAt,
    filtersUpdatedAt: l.filtersUpdatedAt,
    createdById: "7001",
    updatedById: "7001",
    size: liveMembers(ctx, l).length,
  };
  if (withFilters && l.processingType !== "MANUAL") base.filterBranch = { filterBranchType: "OR", filterBranches: [], filters: [] };
  return base;
}

function findList(ctx: Ctx, id: string): ContactList {
  const l = ctx.lists.lists.find((x) => x.listId === id);
  if (!l) throw hsError(404, "OBJECT_NOT_FOUND", `List does not exist with ID ${id}.`);
  return l;
}

export function searchLists(ctx: Ctx, req: SandboxRequest): SandboxResponse {
  const body = req.rawBody.length ? parseJsonBody(req) : {};
  const q = String(body.query ?? "").toLowerCase();
  const offset = Number(body.offset ?? 0) || 0;
  const count = Number(body.count ?? 20) || 20;
  if (count > 500) throw hsError(400, "VALIDATION_ERROR", "count must be at most 500");
  const types: string[] | undefined = Array.isArray(body.processingTypes) && body.processingTypes.length ? body.processingTypes : undefined;
  const ids: string[] | undefined = Array.isArray(body.listIds) && body.listIds.length ? body.listIds.map(String) : undefined;
  const matching = ctx.lists.lists.filter((l) => (!q || l.name.toLowerCase().includes(q)) && (!types || types.includes(l.processingType)) && (!ids || ids.includes(l.listId)));
  const page = matching.slice(offset, offset + count).map((l) => {
    const { size, ...rest } = publicList(ctx, l);
    return { ...rest, additionalProperties: { hs_list_size: String(size) } };
  });
  return json(200, { lists: page, total: matching.length, offset: offset + page.length, hasMore: offset + count < matching.length });
}

export function getList(ctx: Ctx, req: SandboxRequest): SandboxResponse {
  return json(200, { list: publicList(ctx, findList(ctx, req.params.listId), req.query.get("includeFilters") === "true") });
}

export function getListByName(ctx: Ctx, req: SandboxRequest): SandboxResponse {
  if (req.params.objectTypeId !== "0-1" && req.params.objectTypeId !== "contacts") throw hsError(404, "OBJECT_NOT_FOUND", "List not found");
  const l = ctx.lists.lists.find((x) => x.name.toLowerCase() === req.params.listName.toLowerCase());
  if (!l) throw hsError(404, "OBJECT_NOT_FOUND", `List does not exist with name ${req.params.listName}.`);
  return json(200, { list: publicList(ctx, l, req.query.get("includeFilters") === "true") });
}

const encode = (n: number) => Buffer.from(`o:${n}`).toString("base64url");
const decode = (s: string | null): number => {
  if (!s) return 0;
  const m = /^o:(\d+)$/.exec(Buffer.from(s, "base64url").toString());
  if (!m) throw hsError(400, "VALIDATION_ERROR", `Invalid paging cursor: ${s}`);
  return Number(m[1]);
};

function pageMembers(ctx: Ctx, req: SandboxRequest, members: Array<[number, number]>): SandboxResponse {
  const limit = req.query.has("limit") ? Number(req.query.get("limit")) : 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 250) throw hsError(400, "VALIDATION_ERROR", "limit must be between 1 and 250");
  let start = decode(req.query.get("after"));
  if (req.query.get("before")) start = Math.max(0, decode(req.query.get("before")) - limit);
  const page = members.slice(start, start + limit);
  const paging: Record<string, unknown> = {};
  if (start + limit < members.length) paging.next = { after: encode(start + limit) };
  if (start > 0) paging.prev = { before: encode(start) };
  const body: Record<string, unknown> = {
    results: page.map(([id, at]) => ({ recordId: String(id), membershipTimestamp: new Date(at).toISOString() })),
    total: members.length,
  };
  if (Object.keys(paging).length) body.paging = paging;
  return json(200, body);
}

export function listMemberships(ctx: Ctx, req: SandboxRequest): SandboxResponse {
  return pageMembers(ctx, req, liveMembers(ctx, findList(ctx, req.params.listId)));
}

export function listMembershipsJoinOrder(ctx: Ctx, req: SandboxRequest): SandboxResponse {
  const m = liveMembers(ctx, findList(ctx, req.params.listId)).sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  return pageMembers(ctx, req, m);
}

export function recordMemberships(ctx: Ctx, req: SandboxRequest): SandboxResponse {
  const id = Number(req.params.recordId);
  const results = ctx.lists.lists
    .filter((l) => l.members.has(id))
    .map((l) => ({ listId: l.listId, listVersion: l.listVersion, firstAddedTimestamp: new Date(l.members.get(id)!).toISOString(), lastAddedTimestamp: new Date(l.members.get(id)!).toISOString(), isPublicList: true }));
  return json(200, { results, total: results.length });
}
