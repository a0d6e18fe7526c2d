import type { FieldChange, FieldError } from "@/drizzle/schema";
import type { FieldMapping } from "@/lib/db/queries/hubspot-settings";
import { sameHubSpotValue, toHubSpotValue } from "@/lib/hubspot/property-values";
import type { HubSpotContact, HubSpotProperty } from "@/lib/hubspot/types";
import { isWritable } from "@/lib/hubspot/types";
import { leadValue, type LeadLike } from "./lead-values";
import { decideWrite } from "./write-rules";

export type PushPlan =
  | { action: "update"; contactId: string; properties: Record<string, string>; changes: FieldChange[]; fieldErrors: FieldError[] }
  | { action: "unchanged"; contactId: string; fieldErrors: FieldError[] }
  | { action: "create"; properties: Record<string, string>; changes: FieldChange[]; fieldErrors: FieldError[] }
  | { action: "skip"; reasonCode: string; reason: string };

/**
 * What one lead's push should send, from the mapping rows, the live property types and the matched contact (if any).
 * Pure, so the write rules hold the same wherever the push runs.
 */
export function planPush(
  lead: LeadLike,
  mappings: FieldMapping[],
  properties: Map<string, HubSpotProperty>,
  match: HubSpotContact | null,
  createAllowed: boolean,
): PushPlan {
  if (!match && !createAllowed) {
    return { action: "skip", reasonCode: "no_match", reason: "No matching HubSpot contact, and creating contacts is off" };
  }
  const out: Record<string, string> = {};
  const changes: FieldChange[] = [];
  const fieldErrors: FieldError[] = [];
  for (const m of mappings) {
    // The Email row identifies the contact: it is sent on create and never replaces an existing primary email.
    if (m.locked && match) continue;
    const property = properties.get(m.hubspotProperty);
    if (!property || !isWritable(property)) {
      fieldErrors.push({ field: m.leadField, property: m.hubspotProperty, code: "PROPERTY_UNAVAILABLE", message: `HubSpot property ${m.hubspotProperty} does not exist or is read-only` });
      continue;
    }
    const converted = toHubSpotValue(property, leadValue(lead, m.leadField));
    if (converted.kind === "error") {
      fieldErrors.push({ field: m.leadField, property: m.hubspotProperty, code: converted.code, message: converted.message });
      continue;
    }
    const current = match?.properties[m.hubspotProperty] ?? null;
    const next = converted.kind === "value" ? converted.value : null;
    const decision = decideWrite(m.writeRule, next === null, !current, next !== null && sameHubSpotValue(property, next, current));
    if (decision === "write" && next !== null) {
      out[m.hubspotProperty] = next;
      changes.push({ field: m.leadField, property: m.hubspotProperty, old: current, new: next });
    }
  }
  if (!match) return { action: "create", properties: out, changes, fieldErrors };
  if (changes.length === 0) return { action: "unchanged", contactId: match.id, fieldErrors };
  return { action: "update", contactId: match.id, properties: out, changes, fieldErrors };
}
