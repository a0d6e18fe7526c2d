import type { HubSpotClient } from "./client";
import { HubSpotError, toHubSpotError } from "./errors";
import type { HubSpotContact, HubSpotProperty } from "./types";

/** HubSpot accepts at most 100 inputs per batch call. */
export const BATCH_LIMIT = 100;
/** Search pages hold at most 200 results. */
export const SEARCH_PAGE_LIMIT = 200;

/**
 * traceIds: the objectWriteTraceId of each failed input, which is how HubSpot names inputs that have no id yet.
 * codes: the per-property error codes HubSpot gave (PROPERTY_DOESNT_EXIST, INVALID_OPTION, …), when it gave any.
 */
export type BatchFailure = { ids: string[]; emails: string[]; traceIds: string[]; category: string; message: string; codes: string[]; retryable: boolean };
export type BatchResult = { contacts: HubSpotContact[]; failures: BatchFailure[] };

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toHubSpotError(err);
  }
}

type SdkObject = { id: string; properties: Record<string, string | null>; updatedAt?: Date | string };
type SdkErrorDetail = { message?: string; code?: string; subCategory?: string; context?: Record<string, string[]> };
type SdkBatch = {
  results: SdkObject[];
  errors?: { category: string; message: string; context?: Record<string, string[]>; errors?: SdkErrorDetail[]; subCategory?: string }[];
};

/**
 * A failed input's reason in words, for the sync history: HubSpot's per-property details ("hubspot_owner_id: Sam is
 * not a valid owner id (INVALID_OWNER_ID)") when it gave them, else its message, else the category. Never empty.
 */
export function failureReason(e: { category?: string; message?: string; errors?: SdkErrorDetail[] }): string {
  const details = (e.errors ?? [])
    .filter((d) => d.message)
    .map((d) => {
      const property = d.context?.propertyName?.join(", ");
      const code = d.code ?? d.subCategory;
      return `${property ? `${property}: ` : ""}${d.message}${code ? ` (${code})` : ""}`;
    });
  if (details.length > 0) return details.join("; ");
  const message = e.message?.trim();
  if (message) return message;
  return e.category ? `HubSpot refused the record (${e.category}) without a message` : "HubSpot refused the record without a reason";
}

function toContact(o: SdkObject): HubSpotContact {
  const updatedAt = o.updatedAt instanceof Date ? o.updatedAt.toISOString() : o.updatedAt;
  return { id: String(o.id), properties: o.properties ?? {}, updatedAt };
}

// The SDK resolves a 207 instead of throwing: the per-input errors must be read from the body.
function toBatchResult(res: SdkBatch): BatchResult {
  return {
    contacts: res.results.map(toContact),
    failures: (res.errors ?? []).map((e) => ({
      ids: e.context?.ids ?? e.context?.id ?? [],
      emails: e.context?.emails ?? e.context?.email ?? [],
      traceIds: e.context?.objectWriteTraceId ?? [],
      codes: [...new Set((e.errors ?? []).map((x) => x.code ?? x.subCategory).concat(e.subCategory).filter((c): c is string => Boolean(c)))],
      category: e.category || "UNKNOWN",
      message: failureReason(e),
      retryable: !["VALIDATION_ERROR", "OBJECT_NOT_FOUND", "CONFLICT"].includes(e.category),
    })),
  };
}

/** Reads contacts by primary email (case-insensitive at HubSpot) or by id. Missing ones are simply absent. */
export async function batchReadContacts(
  client: HubSpotClient,
  ids: string[],
  properties: string[],
  idProperty?: "email",
): Promise<HubSpotContact[]> {
  if (ids.length === 0) return [];
  if (ids.length > BATCH_LIMIT) throw new Error(`batch read of ${ids.length} exceeds ${BATCH_LIMIT}`);
  const res = await call(() =>
    client.crm.contacts.batchApi.read({ inputs: ids.map((id) => ({ id })), properties, propertiesWithHistory: [], idProperty }),
  );
  return toBatchResult(res as SdkBatch).contacts;
}

/**
 * Batch writes name every input with an objectWriteTraceId (the caller's record id). With it HubSpot reports a value
 * it refuses, or an email that already exists, as a per-input error in a 207; without it one bad input fails the
 * whole batch (400 / 409) and every other record of the batch with it.
 */
export async function batchUpdateContacts(
  client: HubSpotClient,
  inputs: { id: string; properties: Record<string, string>; traceId: string }[],
): Promise<BatchResult> {
  if (inputs.length === 0) return { contacts: [], failures: [] };
  const sdkInputs = inputs.map((i) => ({ id: i.id, properties: i.properties, objectWriteTraceId: i.traceId }));
  return toBatchResult((await call(() => client.crm.contacts.batchApi.update({ inputs: sdkInputs }))) as SdkBatch);
}

/** An email that already exists comes back as a per-input CONFLICT failure (see batchUpdateContacts). */
export async function batchCreateContacts(client: HubSpotClient, inputs: { properties: Record<string, string>; traceId: string }[]): Promise<BatchResult> {
  if (inputs.length === 0) return { contacts: [], failures: [] };
  const sdkInputs = inputs.map((i) => ({ properties: i.properties, objectWriteTraceId: i.traceId, associations: [] }));
  const res = await call(() => client.crm.contacts.batchApi.create({ inputs: sdkInputs }));
  return toBatchResult(res as SdkBatch);
}

export type SearchFilter = { propertyName: string; operator: string; value?: string; values?: string[]; highValue?: string };

export async function searchContacts(
  client: HubSpotClient,
  request: { filterGroups: { filters: SearchFilter[] }[]; properties: string[]; limit: number; after?: string; sortAscendingBy?: string },
): Promise<{ total: number; contacts: HubSpotContact[]; nextAfter?: string }> {
  const res = await call(() =>
    client.crm.contacts.searchApi.doSearch({
      filterGroups: request.filterGroups as never,
      properties: request.properties,
      limit: request.limit,
      after: request.after,
      sorts: request.sortAscendingBy ? [request.sortAscendingBy] : undefined,
    }),
  );
  return { total: res.total, contacts: (res.results as SdkObject[]).map(toContact), nextAfter: res.paging?.next?.after };
}

export async function listContactProperties(client: HubSpotClient): Promise<HubSpotProperty[]> {
  const res = await call(() => client.crm.properties.coreApi.getAll("contacts", false));
  return res.results.map((p) => ({
    name: p.name,
    label: p.label,
    type: p.type,
    fieldType: p.fieldType,
    options: (p.options ?? []).map((o) => ({ label: o.label, value: o.value, hidden: o.hidden })),
    externalOptions: Boolean(p.externalOptions),
    readOnly: Boolean(p.modificationMetadata?.readOnlyValue),
    calculated: Boolean(p.calculated),
  }));
}

export type HubSpotOwner = {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  active: boolean;
  type: string;
  teams: { id: string; name: string; primary: boolean }[];
};

/** Every owner, active and deactivated: HubSpot returns deactivated ones only when asked with archived=true. */
export async function listAllOwners(client: HubSpotClient): Promise<{ owners: HubSpotOwner[]; requests: number }> {
  const owners: HubSpotOwner[] = [];
  let requests = 0;
  for (const archived of [false, true]) {
    let after: string | undefined;
    do {
      const page = await call(() => client.crm.owners.ownersApi.getPage(undefined, after, 500, archived));
      requests++;
      for (const o of page.results) {
        owners.push({
          id: String(o.id),
          firstName: o.firstName ?? null,
          lastName: o.lastName ?? null,
          email: o.email ?? null,
          active: !archived && !o.archived,
          type: String(o.type ?? "PERSON"),
          teams: (o.teams ?? []).map((t) => ({ id: String(t.id), name: t.name, primary: Boolean(t.primary) })),
        });
      }
      after = page.paging?.next?.after;
    } while (after);
  }
  return { owners, requests };
}

export { HubSpotError };

/** List memberships pages hold at most 250 records (lists v3). */
export const MEMBERSHIPS_PAGE_LIMIT = 250;

export type HubSpotList = { listId: string; name: string; processingType: string; size: number | null };

/** Contact lists (objectTypeId 0-1) whose name contains `query`; an empty query pages through every list. */
export async function searchContactLists(client: HubSpotClient, query = "", offset = 0, count = 100): Promise<{ lists: HubSpotList[]; hasMore: boolean; offset: number }> {
  const res = await call(() => client.crm.lists.listsApi.doSearch({ query, offset, count, additionalProperties: ["hs_list_size"] }));
  const lists = (res.lists ?? [])
    .filter((l) => !l.objectTypeId || l.objectTypeId === "0-1")
    .map((l) => {
      const size = (l.additionalProperties as Record<string, string> | undefined)?.hs_list_size;
      return { listId: String(l.listId), name: l.name, processingType: String(l.processingType), size: size === undefined ? null : Number(size) };
    });
  return { lists, hasMore: Boolean(res.hasMore), offset: Number(res.offset ?? offset + lists.length) };
}

/** One page of a list's members, ordered by record id; `after` is HubSpot's opaque paging cursor. */
export async function listMembershipsPage(
  client: HubSpotClient,
  listId: string,
  after?: string,
  limit = MEMBERSHIPS_PAGE_LIMIT,
): Promise<{ recordIds: string[]; total: number | null; nextAfter?: string }> {
  const res = await call(() => client.crm.lists.membershipsApi.getPage(listId, after, undefined, limit));
  const total = (res as { total?: number }).total;
  return { recordIds: res.results.map((r) => String(r.recordId)), total: total ?? null, nextAfter: res.paging?.next?.after };
}
