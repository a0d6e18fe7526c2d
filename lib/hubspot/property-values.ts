import type { HubSpotProperty } from "./types";
import { isMultiSelect } from "./types";

export type LeadValue = string | number | boolean | string[] | null | undefined;

export type Converted =
  | { kind: "empty" }
  | { kind: "value"; value: string }
  | { kind: "error"; code: string; message: string };

const STRING_LIMIT = 65_536; // HubSpot's maximum length of a string property value

function isEmpty(v: LeadValue): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "") || (Array.isArray(v) && v.length === 0);
}

function matchOption(p: HubSpotProperty, raw: string): string | undefined {
  const wanted = raw.trim();
  const exact = p.options.find((o) => o.value === wanted);
  if (exact) return exact.value;
  const lower = wanted.toLowerCase();
  return p.options.find((o) => o.value.toLowerCase() === lower || o.label.toLowerCase() === lower)?.value;
}

function toDate(v: LeadValue): Date | undefined {
  if (typeof v === "number") return new Date(v);
  if (typeof v !== "string") return undefined;
  const s = v.trim();
  const d = /^\d+$/.test(s) ? new Date(Number(s)) : new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/**
 * Converts a lead value to the string HubSpot expects for the property's type, or says why HubSpot would refuse it.
 * Catching refusals here keeps one bad field from failing a whole batch request.
 */
export function toHubSpotValue(p: HubSpotProperty, v: LeadValue): Converted {
  if (isEmpty(v)) return { kind: "empty" };
  const text = Array.isArray(v) ? v.join(";") : String(v).trim();
  switch (p.type) {
    case "number": {
      const n = typeof v === "number" ? v : Number(text.replace(/,/g, ""));
      if (typeof v === "boolean" || !Number.isFinite(n)) return { kind: "error", code: "INVALID_NUMBER", message: `"${text}" is not a number` };
      return { kind: "value", value: String(n) };
    }
    case "bool": {
      const t = text.toLowerCase();
      if (v === true || ["true", "yes", "1", "on"].includes(t)) return { kind: "value", value: "true" };
      if (v === false || ["false", "no", "0", "off"].includes(t)) return { kind: "value", value: "false" };
      return { kind: "error", code: "INVALID_BOOLEAN", message: `"${text}" is not true or false` };
    }
    case "date": {
      // HubSpot date properties hold a UTC midnight; keep the calendar day the value names in UTC.
      const d = toDate(v);
      if (!d) return { kind: "error", code: "INVALID_DATE", message: `"${text}" is not a date` };
      return { kind: "value", value: d.toISOString().slice(0, 10) };
    }
    case "datetime": {
      const d = toDate(v);
      if (!d) return { kind: "error", code: "INVALID_DATETIME", message: `"${text}" is not a date and time` };
      return { kind: "value", value: d.toISOString() };
    }
    case "enumeration": {
      // Owner- or pipeline-backed enumerations list no options; HubSpot validates those itself.
      if (p.externalOptions) return { kind: "value", value: text };
      const parts = isMultiSelect(p) ? (Array.isArray(v) ? v : text.split(/[;,]/)).map((s) => String(s).trim()).filter(Boolean) : [text];
      const values: string[] = [];
      for (const part of parts) {
        const match = matchOption(p, part);
        if (!match) {
          const allowed = p.options.map((o) => o.value).join(", ");
          return { kind: "error", code: "INVALID_OPTION", message: `"${part}" is not one of the allowed options of ${p.label}: ${allowed}` };
        }
        if (!values.includes(match)) values.push(match);
      }
      return { kind: "value", value: values.join(";") };
    }
    default: {
      if (text.length > STRING_LIMIT) return { kind: "error", code: "TOO_LONG", message: `longer than ${STRING_LIMIT} characters` };
      return { kind: "value", value: text };
    }
  }
}

/** Whether two HubSpot values of this property mean the same (so nothing needs sending). */
export function sameHubSpotValue(p: HubSpotProperty, a: string | null | undefined, b: string | null | undefined): boolean {
  const x = (a ?? "").trim();
  const y = (b ?? "").trim();
  if (x === y) return true;
  if (x === "" || y === "") return false;
  if (p.type === "number") return Number(x) === Number(y);
  if (p.type === "date") return x.slice(0, 10) === y.slice(0, 10);
  if (p.type === "datetime") return new Date(x).getTime() === new Date(y).getTime();
  if (p.type === "enumeration" && isMultiSelect(p)) return [...x.split(";")].sort().join(";") === [...y.split(";")].sort().join(";");
  if (p.type === "string") return false;
  return x.toLowerCase() === y.toLowerCase();
}
