import type { LeadFieldValue } from "@/drizzle/schema";

export function leadName(l: { email: string | null; fields: Record<string, LeadFieldValue> }): string {
  const name = [l.fields.firstName, l.fields.lastName].filter(Boolean).join(" ");
  return name || l.email || "Anonymous visitor";
}

export function displayValue(v: LeadFieldValue | undefined): string {
  if (v === null || v === undefined || v === "") return "—";
  if (Array.isArray(v)) return v.join(", ");
  if (typeof v === "boolean") return v ? "Yes" : "No";
  return String(v);
}
