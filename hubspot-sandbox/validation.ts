// Property value validation and normalisation for contact writes, with HubSpot's error shape
// ("Property values were not valid: [...]", category VALIDATION_ERROR, one entry per bad property).
import { hsError, type HttpError } from "./http";
import { PROPERTIES_BY_NAME, type PropertyDefinition } from "./properties-catalog";
import { PORTAL } from "./portal";

export type ValidationIssue = { name: string; code: string; message: string };
export type Validated = { values: Record<string, string | undefined>; issues: ValidationIssue[] };

/** HubSpot caps string property values at 65,536 characters (reference §3, S17). */
export const STRING_LIMIT = 65_536;

export type ValidationRules = { isOwnerId: (id: string) => boolean; rejectSurroundingWhitespace: boolean };

const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Parses a date/datetime input (epoch millis or ISO 8601) to epoch millis. */
export function parseTime(raw: string): number {
  const s = raw.trim();
  if (/^-?\d+$/.test(s)) return Number(s);
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return Date.parse(`${s}T00:00:00Z`);
  if (/^\d{4}-\d{2}-\d{2}T/.test(s)) return Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(s) ? s : `${s}Z`);
  return NaN;
}

function stringify(v: unknown): string | undefined {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return undefined;
}

/**
 * Validates a `properties` object. `rules.isOwnerId` checks hubspot_owner_id values (an enumeration with external options).
 * Empty string means "clear the value", as HubSpot documents; it is valid for every type.
 */
export function validateProperties(input: unknown, rules: ValidationRules): Validated {
  const values: Record<string, string | undefined> = {};
  const issues: ValidationIssue[] = [];
  if (input === undefined || input === null) return { values, issues };
  if (typeof input !== "object" || Array.isArray(input)) {
    throw hsError(400, "VALIDATION_ERROR", "Invalid input JSON: properties must be an object of string values");
  }
  for (const [name, rawValue] of Object.entries(input as Record<string, unknown>)) {
    const def = PROPERTIES_BY_NAME.get(name);
    if (!def) {
      issues.push({ name, code: "PROPERTY_DOESNT_EXIST", message: `Property "${name}" does not exist` });
      continue;
    }
    if (def.calculated || def.modificationMetadata.readOnlyValue) {
      issues.push({ name, code: "READ_ONLY_VALUE", message: `"${name}" is a read only property; its value cannot be set.` });
      continue;
    }
    const raw = stringify(rawValue);
    if (raw === undefined) {
      issues.push({ name, code: "INVALID_STRING", message: `${JSON.stringify(rawValue)} is not a valid value for ${name}` });
      continue;
    }
    if (raw === "") {
      values[name] = "";
      continue;
    }
    if (raw.length > STRING_LIMIT) {
      issues.push({ name, code: "INVALID_STRING_LENGTH", message: `Value for ${name} is ${raw.length} characters; the limit is ${STRING_LIMIT}.` });
      continue;
    }
    if (rules.rejectSurroundingWhitespace && def.type !== "string" && raw !== raw.trim()) {
      issues.push({ name, code: "LEADING_TRAILING_WHITESPACE", message: `${JSON.stringify(raw)} has leading or trailing whitespace.` });
      continue;
    }
    const r = normalise(def, raw, rules.isOwnerId);
    if ("issue" in r) issues.push({ name, ...r.issue });
    else values[name] = r.value;
  }
  return { values, issues };
}

function normalise(def: PropertyDefinition, raw: string, isOwnerId: (id: string) => boolean): { value: string } | { issue: { code: string; message: string } } {
  // Non-string values are trimmed: HubSpot cancelled its plan to reject surrounding whitespace (reference §3).
  const s = def.type === "string" ? raw : raw.trim();
  switch (def.type) {
    case "string":
      if (def.name === "email") {
        const e = s.trim().toLowerCase(); // HubSpot stores primary emails lower-cased
        if (!EMAIL_RE.test(e)) return { issue: { code: "INVALID_EMAIL", message: `Email address ${s} is invalid` } };
        return { value: e };
      }
      return { value: s };
    case "number":
      if (!NUMBER_RE.test(s)) {
        return s.includes(".")
          ? { issue: { code: "INVALID_DOUBLE", message: `${s} was not a valid double.` } }
          : { issue: { code: "INVALID_LONG", message: `${s} was not a valid long.` } };
      }
      return { value: s };
    case "bool": {
      const b = s.toLowerCase();
      if (b !== "true" && b !== "false") return { issue: { code: "INVALID_BOOLEAN", message: `${s} was not a valid boolean.` } };
      return { value: b };
    }
    case "date": {
      const ms = parseTime(s);
      if (!Number.isFinite(ms)) return { issue: { code: "INVALID_DATE", message: `${s} was not a valid date.` } };
      const d = new Date(ms);
      if (ms % 86_400_000 !== 0) {
        const t = d.toISOString().slice(11, 23);
        return { issue: { code: "INVALID_DATE", message: `${s} is at ${t} UTC, not midnight!` } };
      }
      return { value: d.toISOString().slice(0, 10) };
    }
    case "datetime": {
      const ms = parseTime(s);
      if (!Number.isFinite(ms)) return { issue: { code: "INVALID_DATETIME", message: `${s} was not a valid datetime.` } };
      return { value: new Date(ms).toISOString() };
    }
    case "enumeration": {
      if (def.externalOptions) {
        if (def.name === "hubspot_owner_id" && !isOwnerId(s)) {
          return { issue: { code: "INVALID_OWNER_ID", message: `${s} is not a valid owner id` } };
        }
        return { value: s };
      }
      const allowed = def.options.map((o) => o.value);
      const parts = def.fieldType === "checkbox" ? s.split(";").map((p) => p.trim()).filter(Boolean) : [s];
      for (const p of parts) {
        if (!allowed.includes(p)) {
          return { issue: { code: "INVALID_OPTION", message: `${p} was not one of the allowed options: [${allowed.join(", ")}]` } };
        }
      }
      return { value: parts.join(";") };
    }
  }
}

/** HubSpot's 400 body for invalid property values. */
export function validationError(issues: ValidationIssue[], extraContext?: Record<string, string[]>): HttpError {
  const legacy = issues.map((i) => ({
    isValid: false,
    message: i.message,
    error: i.code,
    name: i.name,
    localizedErrorMessage: i.message,
    portalId: PORTAL.hubId,
  }));
  return hsError(400, "VALIDATION_ERROR", `Property values were not valid: ${JSON.stringify(legacy)}`, {
    errors: issues.map((i) => ({ message: i.message, code: i.code, context: { propertyName: [i.name], ...extraContext } })),
  });
}
