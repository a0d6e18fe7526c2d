import type { LeadFieldValue } from "@/drizzle/schema";

export type LeadLike = { email: string | null; fields: Record<string, LeadFieldValue> };

/** A lead field's value by key; the email lives in its own column. */
export function leadValue(lead: LeadLike, key: string): LeadFieldValue {
  return key === "email" ? lead.email : (lead.fields[key] ?? null);
}

export function normalizeEmail(email: string | null | undefined): string | null {
  const e = email?.trim().toLowerCase();
  return e ? e : null;
}
