/**
 * The lead data model: built-in fields, conversation insights and the read-only owner system fields.
 * Plain data (no server imports) so client components can render pickers from it.
 */
export const leadFieldTypes = ["text", "number", "boolean", "date", "datetime", "select", "multiselect"] as const;
export type LeadFieldType = (typeof leadFieldTypes)[number];

export type LeadFieldKind = "builtin" | "insight" | "custom" | "system";

export type LeadFieldDef = {
  key: string;
  label: string;
  type: LeadFieldType;
  kind: LeadFieldKind;
  options?: string[];
  /** System fields are filled by sync, never by a capture or a pull mapping. */
  readOnly?: boolean;
};

export const EMAIL_FIELD = "email";

export const builtinLeadFields: LeadFieldDef[] = [
  { key: "email", label: "Email", type: "text", kind: "builtin" },
  { key: "firstName", label: "First name", type: "text", kind: "builtin" },
  { key: "lastName", label: "Last name", type: "text", kind: "builtin" },
  { key: "phone", label: "Phone", type: "text", kind: "builtin" },
  { key: "company", label: "Company", type: "text", kind: "builtin" },
  { key: "jobTitle", label: "Job title", type: "text", kind: "builtin" },
  { key: "website", label: "Website", type: "text", kind: "builtin" },
  { key: "city", label: "City", type: "text", kind: "builtin" },
  { key: "country", label: "Country", type: "text", kind: "builtin" },
  { key: "companySize", label: "Company size", type: "number", kind: "builtin" },
  { key: "conversationSummary", label: "Conversation summary", type: "text", kind: "insight" },
  { key: "intent", label: "Intent", type: "select", kind: "insight", options: ["high", "medium", "low"] },
  { key: "meetingBooked", label: "Meeting booked", type: "boolean", kind: "insight" },
  { key: "lastConversationAt", label: "Last conversation time", type: "datetime", kind: "insight" },
];

export const ownerSystemFields: LeadFieldDef[] = [
  { key: "owner.id", label: "Owner ID", type: "text", kind: "system", readOnly: true },
  { key: "owner.firstName", label: "Owner first name", type: "text", kind: "system", readOnly: true },
  { key: "owner.lastName", label: "Owner last name", type: "text", kind: "system", readOnly: true },
  { key: "owner.fullName", label: "Owner full name", type: "text", kind: "system", readOnly: true },
  { key: "owner.email", label: "Owner email", type: "text", kind: "system", readOnly: true },
  { key: "owner.isActive", label: "Owner is active", type: "boolean", kind: "system", readOnly: true },
];

/** Every field of a workspace, in the order the Data Model page shows them. */
export function allLeadFields(custom: LeadFieldDef[]): LeadFieldDef[] {
  return [...builtinLeadFields, ...custom, ...ownerSystemFields];
}

/** Fields a mapping row may pick: everything but the read-only system fields. */
export function mappableLeadFields(custom: LeadFieldDef[]): LeadFieldDef[] {
  return [...builtinLeadFields, ...custom];
}
