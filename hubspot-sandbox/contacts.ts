// CRM v3 contacts: basic CRUD and batch endpoints (reference §2), with HubSpot's status codes and error bodies.
import type { Ctx } from "./context";
import { hsError, json, parseJsonBody, type SandboxRequest, type SandboxResponse } from "./http";
import { DEFAULT_PROPERTIES, LIFECYCLE_STAGES, PROPERTIES_BY_NAME } from "./properties-catalog";
import { validateProperties, validationError, type ValidationIssue, type ValidationRules } from "./validation";
import type { PublicObject } from "./store";

const MAX_BATCH = 100;
const MAX_PAGE = 100;

/** `properties=a,b` or repeated `properties=a&properties=b` (the SDK sends a comma list). */
export function requestedProperties(raw: unknown): string[] | undefined {
  const list: string[] = [];
  const add = (v: unknown) => {
    if (typeof v === "string") for (const p of v.split(",")) if (p.trim()) list.push(p.trim());
  };
  if (raw instanceof URLSearchParams) raw.getAll("properties").forEach(add);
  else if (Array.isArray(raw)) raw.forEach(add);
  else add(raw);
  return list.length ? list : undefined;
}

export function notFound(): never {
  throw hsError(404, "OBJECT_NOT_FOUND", "resource not found");
}

function bool(v: string | null): boolean {
  return v === "true";
}

function validationRules(ctx: Ctx): ValidationRules {
  return { isOwnerId: (id) => ctx.owners.some((o) => o.id === id), rejectSurroundingWhitespace: ctx.validation.rejectSurroundingWhitespace };
}

/** Resolves a path id (record id, or email when idProperty=email). Follows merges. */
function resolveRow(ctx: Ctx, key: string, idProperty: string | null, includeArchived: boolean): number | undefined {
  if (!idProperty || idProperty === "hs_object_id") return ctx.store.rowForId(key, includeArchived);
  if (idProperty === "email") return ctx.store.rowForEmail(key);
  if (!PROPERTIES_BY_NAME.has(idProperty)) throw hsError(400, "VALIDATION_ERROR", `Property "${idProperty}" does not exist`);
  throw hsError(400, "VALIDATION_ERROR", `Unable to perform get by non-unique 0-1 property: ${idProperty}`);
}

function validateOrThrow(ctx: Ctx, properties: unknown): Record<string, string | undefined> {
  const { values, issues } = validateProperties(properties, validationRules(ctx));
  if (issues.length) throw validationError(issues);
  return values;
}

/** HubSpot only lets lifecyclestage move forward through the API; a backward move is ignored (reference §3). */
function dropBackwardLifecycle(ctx: Ctx, row: number, values: Record<string, string | undefined>): void {
  const next = values.lifecyclestage;
  if (!next) return;
  const order = LIFECYCLE_STAGES as readonly string[];
  const cur = ctx.store.value(row, "lifecyclestage");
  if (!cur || next === "other" || cur === "other") return;
  if (order.indexOf(next) < order.indexOf(cur)) delete values.lifecyclestage;
}

function conflict(existingId: string): never {
  throw hsError(409, "CONFLICT", `Contact already exists. Existing ID: ${existingId}`);
}

function written(values: Record<string, string | undefined>): string[] {
  return Object.keys(values);
}

// ---------- basic ----------

export function listContacts(ctx: Ctx, req: SandboxRequest): SandboxResponse {
  const limit = req.query.has("limit") ? Number(req.query.get("limit")) : 10;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw hsError(400, "VALIDATION_ERROR", `limit must be between 1 and ${MAX_PAGE}`);
  const afterRaw = req.query.get("after");
  const after = afterRaw ? Number(afterRaw) : 0;
  if (!Number.isFinite(after)) throw hsError(400, "VALIDATION_ERROR", `Invalid after: ${afterRaw}`);
  const props = requestedProperties(req.query);
  const results: PublicObject[] = [];
  let nextAfter: string | undefined;
  for (const row of ctx.store.rowsFrom(after, bool(req.query.get("archived")))) {
    if (results.length === limit) {
      nextAfter = ctx.store.idOf(row); // paging.next.after is the next record's id
      break;
    }
    results.push(ctx.store.toObject(row, props));
  }
  const base = `/crm/v3/objects/contacts`;
  return json(200, nextAfter ? { results, paging: { next: { after: nextAfter, link: `${base}?after=${nextAfter}` } } } : { results });
}

export function getContact(ctx: Ctx, req: SandboxRequest): SandboxResponse {
  const archived = bool(req.query.get("archived"));
  const row = resolveRow(ctx, req.params.contactId, req.query.get("idProperty"), archived);
  if (row === undefined) notFound();
  return json(200, ctx.store.toObject(row, requestedProperties(req.query)));
}

export function createContact(ctx: Ctx, req: SandboxRequest): SandboxResponse {
  const body = parseJsonBody(req);
  const values = validateOrThrow(ctx, body?.properties ?? {});
  if (values.email) {
    const existing = ctx.store.rowForEmail(values.email);
    if (existing !== undefined) conflict(ctx.store.idOf(existing));
  }
  const row = ctx.store.insert(values);
  return json(201, ctx.store.toObject(row, written(values)));
}

export function updateContact(ctx: Ctx, req: SandboxRequest): SandboxResponse {
  const body = parseJsonBody(req);
  const row = resolveRow(ctx, req.params.contactId, req.query.get("idProperty"), false);
  if (row === undefined) notFound();
  const values = validateOrThrow(ctx, body?.properties ?? {});
  if (values.email) {
    const other = ctx.store.rowForEmail(values.email);
    if (other !== undefined && other !== row) conflict(ctx.store.idOf(other));
  }
  dropBackwardLifecycle(ctx, row, values);
  ctx.store.update(row, values);
  return json(200, ctx.store.toObject(row, written(values)));
}

export function archiveContact(ctx: Ctx, req: SandboxRequest): SandboxResponse {
  const row = ctx.store.rowForId(req.params.contactId);
  if (row !== undefined) ctx.store.archive(row);
  return { status: 204 }; // HubSpot answers 204 whether or not the record existed
}

// ---------- batch ----------

type BatchError = { status: "error"; category: string; message: string; context: Record<string, string[]>; errors?: unknown[] };

function batchInputs(body: any): any[] {
  const inputs = body?.inputs;
  if (!Array.isArray(inputs)) throw hsError(400, "VALIDATION_ERROR", "Invalid input JSON: inputs is required and must be an array");
  if (inputs.length > MAX_BATCH) throw hsError(400, "VALIDATION_ERROR", `Batch input limit exceeded: ${inputs.length} inputs given, the maximum is ${MAX_BATCH}.`);
  return inputs;
}

function batchResponse(ctx: Ctx, okStatus: number, startedAt: number, results: unknown[], errors: BatchError[]): SandboxResponse {
  const body: Record<string, unknown> = { status: "COMPLETE", results, startedAt: new Date(startedAt).toISOString(), completedAt: new Date(ctx.clock.now()).toISOString() };
  if (errors.length) return json(207, { ...body, numErrors: errors.length, errors });
  return json(okStatus, body);
}

/**
 * Validation in batches is all-or-nothing (400, nothing written) unless every input carries an
 * objectWriteTraceId, in which case bad inputs become per-input errors in a 207 (reference §2, S27).
 */
function validateBatch(ctx: Ctx, inputs: any[]): { values: Array<Record<string, string | undefined> | undefined>; errors: BatchError[] } {
  const perInput = inputs.length > 0 && inputs.every((i) => typeof i?.objectWriteTraceId === "string" && i.objectWriteTraceId);
  const all: ValidationIssue[] = [];
  const values: Array<Record<string, string | undefined> | undefined> = [];
  const errors: BatchError[] = [];
  inputs.forEach((input, index) => {
    const r = validateProperties(input?.properties ?? {}, validationRules(ctx));
    if (r.issues.length === 0) {
      values.push(r.values);
      return;
    }
    values.push(undefined);
    if (perInput) {
      const e = validationError(r.issues).body as any;
      errors.push({ status: "error", category: "VALIDATION_ERROR", message: e.message, context: { objectWriteTraceId: [input.objectWriteTraceId] }, errors: e.errors });
    } else all.push(...r.issues.map((i) => ({ ...i, message: `${i.message} (input ${index})` })));
  });
  if (all.length) throw validationError(all);
  return { values, errors };
}

export function batchRead(ctx: Ctx, req: SandboxRequest): SandboxResponse {
  const started = ctx.clock.now();
  const body = parseJsonBody(req);
  const inputs = batchInputs(body);
  const idProperty: string | null = body.idProperty ?? null;
  const archived = bool(req.query.get("archived"));
  const props = requestedProperties(body.properties);
  const results: PublicObject[] = [];
  const seen = new Set<number>();
  const missing: string[] = [];
  for (const input of inputs) {
    const key = String(input?.id ?? "");
    const row = resolveRow(ctx, key, idProperty, archived);
    if (row === undefined || (archived && !ctx.store.isArchived(row))) {
      missing.push(key);
      continue;
    }
    if (seen.has(row)) continue;
    seen.add(row);
    results.push(ctx.store.toObject(row, props));
  }
  const errors: BatchError[] = missing.length
    ? [{ status: "error", category: "OBJECT_NOT_FOUND", message: "Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.", context: { ids: missing } }]
    : [];
  return batchResponse(ctx, 200, started, results, errors);
}

export function batchCreate(ctx: Ctx, req: SandboxRequest): SandboxResponse {
  const started = ctx.clock.now();
  const inputs = batchInputs(parseJsonBody(req));
  const { values, errors } = validateBatch(ctx, inputs);
  const perInput = errors.length > 0;
  // Duplicate emails (against existing contacts or inside the batch): HubSpot fails the whole batch with the
  // first conflict only (reference §2, I8, I9) unless per-input errors were requested.
  const inBatch = new Map<string, number>();
  const skip = new Set<number>();
  values.forEach((v, i) => {
    const email = v?.email;
    if (!email) return;
    const existing = ctx.store.rowForEmail(email);
    if (existing === undefined && !inBatch.has(email)) {
      inBatch.set(email, i);
      return;
    }
    const message = existing !== undefined ? `Contact already exists. Existing ID: ${ctx.store.idOf(existing)}` : `Duplicate email in batch input: ${email} (inputs ${inBatch.get(email)} and ${i})`;
    if (!perInput && !inputs.every((x) => x?.objectWriteTraceId)) throw hsError(409, "CONFLICT", message);
    skip.add(i);
    errors.push({ status: "error", category: "CONFLICT", message, context: { objectWriteTraceId: [inputs[i].objectWriteTraceId] } });
  });
  const results: PublicObject[] = [];
  values.forEach((v, i) => {
    if (!v || skip.has(i)) return;
    const row = ctx.store.insert(v);
    results.push(ctx.store.toObject(row, written(v)));
  });
  return batchResponse(ctx, 201, started, results, errors);
}

export function batchUpdate(ctx: Ctx, req: SandboxRequest): SandboxResponse {
  const started = ctx.clock.now();
  const inputs = batchInputs(parseJsonBody(req));
  if (inputs.some((i) => i?.idProperty && i.idProperty !== "hs_object_id")) {
    // What HubSpot answers for batch update by email (reference §2, I10): use batch/upsert instead.
    throw hsError(400, "VALIDATION_ERROR", "Unable to perform update/upsert by non-unique 0-1 property");
  }
  const ids = inputs.map((i) => String(i?.id ?? ""));
  const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (dupes.length) throw hsError(400, "VALIDATION_ERROR", `Duplicate IDs found in batch input: [${[...new Set(dupes)].join(", ")}]. IDs must be unique`);
  const { values, errors } = validateBatch(ctx, inputs);
  const missing: string[] = [];
  const results: PublicObject[] = [];
  inputs.forEach((input, i) => {
    const v = values[i];
    if (!v) return;
    const key = ids[i];
    // A non-numeric id (e.g. an email without idProperty) is silently ignored, as HubSpot does (I10).
    if (!/^\d+$/.test(key)) return;
    const row = ctx.store.rowForId(key);
    if (row === undefined) {
      missing.push(key);
      return;
    }
    if (v.email) {
      const other = ctx.store.rowForEmail(v.email);
      if (other !== undefined && other !== row) {
        errors.push({ status: "error", category: "CONFLICT", message: `Contact already exists. Existing ID: ${ctx.store.idOf(other)}`, context: { ids: [key] } });
        return;
      }
    }
    dropBackwardLifecycle(ctx, row, v);
    ctx.store.update(row, v);
    results.push(ctx.store.toObject(row, written(v)));
  });
  if (missing.length) errors.push({ status: "error", category: "OBJECT_NOT_FOUND", message: "Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.", context: { ids: missing } });
  return batchResponse(ctx, 200, started, results, errors);
}

export function batchArchive(ctx: Ctx, req: SandboxRequest): SandboxResponse {
  const inputs = batchInputs(parseJsonBody(req));
  for (const input of inputs) {
    const row = ctx.store.rowForId(String(input?.id ?? ""));
    if (row !== undefined) ctx.store.archive(row);
  }
  return { status: 204 };
}

/** batch/upsert by email (reference §2): update the contact with that email, or create it. `new` tells which. */
export function batchUpsert(ctx: Ctx, req: SandboxRequest): SandboxResponse {
  const started = ctx.clock.now();
  const inputs = batchInputs(parseJsonBody(req));
  for (const i of inputs) {
    if (i?.idProperty !== "email") throw hsError(400, "VALIDATION_ERROR", `Unable to perform update/upsert by non-unique 0-1 property: ${i?.idProperty ?? "(none)"}. Upsert needs idProperty "email" or a unique property.`);
  }
  const keys = inputs.map((i) => String(i.id ?? "").trim().toLowerCase());
  const dupes = keys.filter((k, i) => keys.indexOf(k) !== i);
  if (dupes.length) throw hsError(400, "VALIDATION_ERROR", `Duplicate IDs found in batch input: [${[...new Set(dupes)].join(", ")}]. IDs must be unique`);
  const { values, errors } = validateBatch(ctx, inputs.map((i, n) => ({ ...i, properties: { ...(i.properties ?? {}), email: i.properties?.email ?? keys[n] } })));
  const results: Array<PublicObject & { new: boolean }> = [];
  inputs.forEach((_, i) => {
    const v = values[i];
    if (!v) return;
    const row = ctx.store.rowForEmail(keys[i]);
    if (row === undefined) {
      const created = ctx.store.insert(v);
      results.push({ ...ctx.store.toObject(created, written(v)), new: true });
    } else {
      if (v.email && v.email !== keys[i]) {
        const other = ctx.store.rowForEmail(v.email);
        if (other !== undefined && other !== row) {
          errors.push({ status: "error", category: "CONFLICT", message: `Contact already exists. Existing ID: ${ctx.store.idOf(other)}`, context: { ids: [keys[i]] } });
          return;
        }
      }
      dropBackwardLifecycle(ctx, row, v);
      ctx.store.update(row, v);
      results.push({ ...ctx.store.toObject(row, written(v)), new: false });
    }
  });
  return batchResponse(ctx, 200, started, results, errors);
}

/**
 * Merge (reference §7, S28): a new record with a new id; both old ids resolve to it; primary values win;
 * hs_merged_object_ids lists the absorbed ids; the secondary's email moves to hs_additional_emails.
 */
export function mergeContacts(ctx: Ctx, req: SandboxRequest): SandboxResponse {
  const body = parseJsonBody(req);
  const primaryId = String(body?.primaryObjectId ?? "");
  const otherId = String(body?.objectIdToMerge ?? "");
  if (!primaryId || !otherId) throw hsError(400, "VALIDATION_ERROR", "primaryObjectId and objectIdToMerge are required");
  const a = ctx.store.rowForId(primaryId);
  const b = ctx.store.rowForId(otherId);
  if (a === undefined || b === undefined) notFound();
  if (a === b) throw hsError(400, "VALIDATION_ERROR", "Cannot merge a contact with itself");
  const primary = ctx.store.storedValues(a);
  const secondary = ctx.store.storedValues(b);
  const merged: Record<string, string | undefined> = { ...secondary, ...primary };
  const additional = new Set([primary.hs_additional_emails, secondary.hs_additional_emails, secondary.email].flatMap((s) => (s ? s.split(";") : [])));
  additional.delete(merged.email ?? "");
  merged.hs_additional_emails = [...additional].join(";") || undefined;
  const absorbed = [
    ...ctx.store.idsMergedInto(a), ...ctx.store.idsMergedInto(b), Number(ctx.store.idOf(a)), Number(ctx.store.idOf(b)),
  ].sort((x, y) => x - y);
  merged.hs_merged_object_ids = absorbed.join(";");
  const row = ctx.store.mergeRows([a, b], merged);
  // The merge response carries the survivor's set values (incl. hs_merged_object_ids), plus the default set.
  return json(200, ctx.store.toObject(row, [...DEFAULT_PROPERTIES, ...Object.keys(ctx.store.storedValues(row))]));
}
