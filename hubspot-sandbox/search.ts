// CRM search (reference §2 "Search"): filter groups (AND inside, OR across), HubSpot's operators and case rules,
// one sort, limit ≤ 200, offset paging capped at 10,000, request-size and filter-count limits. Archived and
// merged-away records never match; writes become visible after the configured index lag.
import type { Ctx } from "./context";
import { hsError, json, parseJsonBody, type SandboxRequest, type SandboxResponse } from "./http";
import { PROPERTIES_BY_NAME, type PropertyDefinition } from "./properties-catalog";
import { parseTime } from "./validation";
import { requestedProperties } from "./contacts";

const MAX_LIMIT = 200;
const MAX_RESULTS = 10_000;
const MAX_BODY_CHARS = 3_000;
const MAX_GROUPS = 5;
const MAX_FILTERS_PER_GROUP = 6;
const MAX_FILTERS_TOTAL = 18;
const QUERY_PROPERTIES = ["email", "hs_additional_emails", "phone", "mobilephone", "firstname", "lastname", "company"];
const OPERATORS = new Set(["EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN"]);

type Get = (name: string) => string | undefined;
type Predicate = (get: Get) => boolean;

function invalid(message: string): never {
  throw hsError(400, "VALIDATION_ERROR", message);
}

function kind(def: PropertyDefinition): "number" | "time" | "enum" | "bool" | "string" {
  if (def.type === "number") return "number";
  if (def.type === "date" || def.type === "datetime") return "time";
  if (def.type === "enumeration") return "enum";
  if (def.type === "bool") return "bool";
  return "string";
}

/** Comparable form of a stored or filter value for the property's type. */
function comparable(def: PropertyDefinition, v: string): number | string {
  switch (kind(def)) {
    case "number":
      return Number(v);
    case "time":
      return parseTime(v);
    case "enum":
      return v; // enumeration filters are case-sensitive
    default:
      return v.toLowerCase(); // other values compare case-insensitively
  }
}

function tokenMatcher(pattern: string): (value: string) => boolean {
  const p = pattern.toLowerCase();
  if (p.includes("*")) {
    const re = new RegExp(`^${p.split("*").map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
    return (value) => {
      const v = value.toLowerCase();
      return re.test(v) || v.split(/\s+/).some((t) => re.test(t));
    };
  }
  return (value) => {
    const v = value.toLowerCase();
    return v === p || v.split(/[\s;,]+/).includes(p) || v.split(/[^\p{L}\p{N}]+/u).includes(p);
  };
}

function compileFilter(f: any): Predicate {
  const name = String(f?.propertyName ?? "");
  const op = String(f?.operator ?? "");
  if (!OPERATORS.has(op)) invalid(`Invalid filter operator: ${op}`);
  const def = PROPERTIES_BY_NAME.get(name);
  if (!def) {
    // Unknown properties behave as "never set" (HAS_PROPERTY false).
    return op === "NOT_HAS_PROPERTY" || op === "NEQ" || op === "NOT_IN" || op === "NOT_CONTAINS_TOKEN" ? () => true : () => false;
  }
  const multi = def.type === "enumeration" && def.fieldType === "checkbox";
  const values = (v: string) => (multi ? v.split(";") : [v]);
  const needValue = () => {
    if (f.value === undefined || f.value === null) invalid(`Filter on ${name} with operator ${op} requires a value`);
    return comparable(def, String(f.value));
  };
  switch (op) {
    case "HAS_PROPERTY":
      return (get) => get(name) !== undefined;
    case "NOT_HAS_PROPERTY":
      return (get) => get(name) === undefined;
    case "EQ":
    case "NEQ": {
      const want = needValue();
      const eq: Predicate = (get) => {
        const v = get(name);
        return v !== undefined && values(v).some((x) => comparable(def, x) === want);
      };
      return op === "EQ" ? eq : (get) => !eq(get);
    }
    case "LT":
    case "LTE":
    case "GT":
    case "GTE": {
      const want = needValue();
      return (get) => {
        const v = get(name);
        if (v === undefined) return false;
        const c = comparable(def, v);
        return op === "LT" ? c < want : op === "LTE" ? c <= want : op === "GT" ? c > want : c >= want;
      };
    }
    case "BETWEEN": {
      const lo = needValue();
      if (f.highValue === undefined || f.highValue === null) invalid(`BETWEEN on ${name} requires highValue`);
      const hi = comparable(def, String(f.highValue));
      return (get) => {
        const v = get(name);
        if (v === undefined) return false;
        const c = comparable(def, v);
        return c >= lo && c <= hi;
      };
    }
    case "IN":
    case "NOT_IN": {
      if (!Array.isArray(f.values)) invalid(`${op} on ${name} requires values[]`);
      // String properties need lower-case values for IN/NOT_IN (reference §2): an upper-case value never matches.
      const k = kind(def);
      const set = new Set(f.values.map((x: unknown) => (k === "number" ? Number(x) : k === "time" ? parseTime(String(x)) : String(x))));
      const inSet: Predicate = (get) => {
        const v = get(name);
        if (v === undefined) return false;
        return values(v).some((x) => set.has(k === "number" ? Number(x) : k === "time" ? parseTime(x) : k === "string" ? x.toLowerCase() : x));
      };
      return op === "IN" ? inSet : (get) => !inSet(get);
    }
    case "CONTAINS_TOKEN":
    case "NOT_CONTAINS_TOKEN": {
      if (f.value === undefined || f.value === null) invalid(`${op} on ${name} requires a value`);
      const m = tokenMatcher(String(f.value));
      const has: Predicate = (get) => {
        const v = get(name);
        return v !== undefined && m(v);
      };
      return op === "CONTAINS_TOKEN" ? has : (get) => !has(get);
    }
  }
  return invalid(`Invalid filter operator: ${op}`);
}

function compile(body: any): Predicate {
  const groups = body.filterGroups ?? [];
  if (!Array.isArray(groups)) invalid("filterGroups must be an array");
  if (groups.length > MAX_GROUPS) invalid(`Too many filter groups: ${groups.length} given, the maximum is ${MAX_GROUPS}.`);
  let total = 0;
  const compiled = groups.map((g: any) => {
    const filters = g?.filters ?? [];
    if (!Array.isArray(filters)) invalid("filters must be an array");
    if (filters.length > MAX_FILTERS_PER_GROUP) invalid(`Too many filters in a filter group: ${filters.length} given, the maximum is ${MAX_FILTERS_PER_GROUP}.`);
    total += filters.length;
    const preds = filters.map(compileFilter);
    return (get: Get) => preds.every((p: Predicate) => p(get));
  });
  if (total > MAX_FILTERS_TOTAL) invalid(`Too many filters: ${total} given, the maximum is ${MAX_FILTERS_TOTAL} in total.`);
  const query = typeof body.query === "string" && body.query.trim() ? body.query.trim().toLowerCase() : undefined;
  return (get) => {
    if (compiled.length && !compiled.some((g: Predicate) => g(get))) return false;
    if (query && !QUERY_PROPERTIES.some((p) => get(p)?.toLowerCase().includes(query))) return false;
    return true;
  };
}

function parseSort(sorts: unknown): { name: string; desc: boolean } | undefined {
  if (sorts === undefined || sorts === null) return undefined;
  if (!Array.isArray(sorts)) invalid("sorts must be an array");
  if (sorts.length === 0) return undefined;
  if (sorts.length > 1) invalid("Only one sort is allowed.");
  const s = sorts[0];
  if (typeof s === "string") return s.startsWith("-") ? { name: s.slice(1), desc: true } : { name: s, desc: false };
  const dir = String(s?.direction ?? "ASCENDING");
  if (dir !== "ASCENDING" && dir !== "DESCENDING") invalid(`Invalid sort direction: ${dir}`);
  return { name: String(s?.propertyName ?? ""), desc: dir === "DESCENDING" };
}

export function searchContacts(ctx: Ctx, req: SandboxRequest): SandboxResponse {
  const chars = req.rawBody.toString("utf8").length;
  if (chars > MAX_BODY_CHARS) invalid(`The request body is ${chars} characters, the maximum is ${MAX_BODY_CHARS}.`);
  const body = parseJsonBody(req);
  const limit = body.limit === undefined ? 10 : Number(body.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) invalid(`limit must be between 1 and ${MAX_LIMIT}`);
  const afterRaw = body.after === undefined || body.after === null || body.after === "" ? "0" : String(body.after);
  if (!/^\d+$/.test(afterRaw)) invalid(`after must be an integer-formatted string, got "${afterRaw}"`);
  const after = Number(afterRaw);
  if (after >= MAX_RESULTS) invalid(`Paging beyond ${MAX_RESULTS} results is not supported (after=${after}); narrow the query, e.g. by hs_object_id or a date window.`);
  const predicate = compile(body);
  const sort = parseSort(body.sorts);
  const now = ctx.clock.now();
  const store = ctx.store;
  const matched: number[] = [];
  for (let row = 0; row < store.rowCount; row++) {
    const get = store.indexedReader(row, now);
    if (get && predicate(get)) matched.push(row);
  }
  if (sort && sort.name !== "createdate" && sort.name !== "hs_object_id") {
    const def = PROPERTIES_BY_NAME.get(sort.name);
    if (def) {
      const keyed = matched.map((row) => {
        const v = store.value(row, sort.name);
        return { row, k: v === undefined ? undefined : comparable(def, v) };
      });
      keyed.sort((x, y) => {
        if (x.k === undefined || y.k === undefined) return x.k === y.k ? x.row - y.row : x.k === undefined ? 1 : -1;
        const c = x.k < y.k ? -1 : x.k > y.k ? 1 : x.row - y.row;
        return sort.desc ? -c : c;
      });
      matched.splice(0, matched.length, ...keyed.map((x) => x.row));
    }
  } else {
    // Default order is creation (oldest first); rows are stored in creation/id order already.
    if (sort?.name === "createdate") matched.sort((x, y) => store.createdAt(x) - store.createdAt(y) || x - y);
    if (sort?.desc) matched.reverse();
  }
  const props = requestedProperties(body.properties);
  const end = Math.min(after + limit, MAX_RESULTS);
  const page = matched.slice(after, end).map((row) => store.toObject(row, props));
  const res: Record<string, unknown> = { total: matched.length, results: page };
  if (end < Math.min(matched.length, MAX_RESULTS)) res.paging = { next: { after: String(end) } };
  return json(200, res);
}
