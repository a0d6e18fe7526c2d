import type { LeadFieldValue } from "@/drizzle/schema";
import type { LeadFieldType } from "@/lib/data-model/fields";

/** A HubSpot property value (always a string on the wire) as the Spara lead field's type holds it. */
export function fromHubSpotValue(type: LeadFieldType, raw: string | null | undefined): LeadFieldValue {
  const v = raw?.trim();
  if (!v) return null;
  switch (type) {
    case "number": {
      const n = Number(v);
      return Number.isFinite(n) ? n : null;
    }
    case "boolean":
      return v.toLowerCase() === "true";
    case "multiselect":
      return v.split(";").map((s) => s.trim()).filter(Boolean);
    default:
      return v;
  }
}

export function isEmptyLeadValue(v: LeadFieldValue | undefined): boolean {
  return v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
}
