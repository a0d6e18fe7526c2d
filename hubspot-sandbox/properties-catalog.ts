// The contact property definitions of the sandbox portal: HubSpot's standard properties that a lead sync
// touches, plus one custom property of every type/fieldType pair so type conversion can be exercised.
export type PropertyType = "string" | "number" | "bool" | "date" | "datetime" | "enumeration";
export type PropertyOption = { label: string; value: string; hidden: boolean; displayOrder: number; description?: string };

export type PropertyDefinition = {
  name: string;
  label: string;
  description: string;
  groupName: string;
  type: PropertyType;
  fieldType: string;
  options: PropertyOption[];
  displayOrder: number;
  calculated: boolean;
  externalOptions: boolean;
  hasUniqueValue: boolean;
  hidden: boolean;
  hubspotDefined?: boolean;
  formField: boolean;
  archived: boolean;
  dataSensitivity: "non_sensitive";
  modificationMetadata: { archivable: boolean; readOnlyDefinition: boolean; readOnlyValue: boolean; readOnlyOptions?: boolean };
  createdAt: string;
  updatedAt: string;
  calculationFormula?: string;
  /** Sandbox-internal: value is derived from the record, not stored in a column. */
  derived?: boolean;
};

const HS_CREATED = "2019-08-06T02:43:14.491Z";
const CUSTOM_CREATED = "2025-01-14T09:30:00.000Z";

function opts(pairs: Array<[string, string]>): PropertyOption[] {
  return pairs.map(([value, label], i) => ({ label, value, hidden: false, displayOrder: i, description: "" }));
}

type Def = Partial<PropertyDefinition> & Pick<PropertyDefinition, "name" | "label" | "type" | "fieldType">;

function hs(d: Def): PropertyDefinition {
  return build(d, true);
}
function custom(d: Def): PropertyDefinition {
  return build({ groupName: "spara", ...d }, false);
}
function build(d: Def, hubspotDefined: boolean): PropertyDefinition {
  const readOnly = d.modificationMetadata?.readOnlyValue ?? false;
  return {
    description: "",
    groupName: "contactinformation",
    options: [],
    displayOrder: -1,
    calculated: false,
    externalOptions: false,
    hasUniqueValue: false,
    hidden: false,
    formField: !readOnly,
    archived: false,
    dataSensitivity: "non_sensitive",
    createdAt: hubspotDefined ? HS_CREATED : CUSTOM_CREATED,
    updatedAt: hubspotDefined ? HS_CREATED : CUSTOM_CREATED,
    ...d,
    // HubSpot only sends hubspotDefined on its own properties (custom ones omit it).
    ...(hubspotDefined ? { hubspotDefined: true } : {}),
    modificationMetadata: {
      archivable: !hubspotDefined,
      readOnlyDefinition: hubspotDefined,
      readOnlyValue: false,
      ...d.modificationMetadata,
    },
  };
}

const RO = { modificationMetadata: { archivable: false, readOnlyDefinition: true, readOnlyValue: true } };

export const LIFECYCLE_STAGES = [
  "subscriber",
  "lead",
  "marketingqualifiedlead",
  "salesqualifiedlead",
  "opportunity",
  "customer",
  "evangelist",
  "other",
] as const;

export const PROPERTY_DEFINITIONS: PropertyDefinition[] = [
  hs({ name: "email", label: "Email", type: "string", fieldType: "text", hasUniqueValue: false, description: "A contact's email address" }),
  hs({ name: "hs_additional_emails", label: "Additional email addresses", type: "enumeration", fieldType: "checkbox", ...RO, description: "Secondary email addresses (filled by merges)" }),
  hs({ name: "firstname", label: "First Name", type: "string", fieldType: "text" }),
  hs({ name: "lastname", label: "Last Name", type: "string", fieldType: "text" }),
  hs({ name: "phone", label: "Phone Number", type: "string", fieldType: "phonenumber" }),
  hs({ name: "mobilephone", label: "Mobile Phone Number", type: "string", fieldType: "phonenumber" }),
  hs({ name: "company", label: "Company Name", type: "string", fieldType: "text" }),
  hs({ name: "jobtitle", label: "Job Title", type: "string", fieldType: "text" }),
  hs({ name: "website", label: "Website URL", type: "string", fieldType: "text" }),
  hs({ name: "city", label: "City", type: "string", fieldType: "text" }),
  hs({ name: "state", label: "State/Region", type: "string", fieldType: "text" }),
  hs({ name: "country", label: "Country/Region", type: "string", fieldType: "text" }),
  hs({
    name: "lifecyclestage",
    label: "Lifecycle Stage",
    type: "enumeration",
    fieldType: "radio",
    description: "The qualification of contacts to sales readiness. It can be set through imports, forms, workflows, and manually on a per contact basis.",
    options: opts([
      ["subscriber", "Subscriber"],
      ["lead", "Lead"],
      ["marketingqualifiedlead", "Marketing Qualified Lead"],
      ["salesqualifiedlead", "Sales Qualified Lead"],
      ["opportunity", "Opportunity"],
      ["customer", "Customer"],
      ["evangelist", "Evangelist"],
      ["other", "Other"],
    ]),
  }),
  hs({
    name: "hs_lead_status",
    label: "Lead Status",
    type: "enumeration",
    fieldType: "radio",
    groupName: "sales_properties",
    options: opts([
      ["NEW", "New"],
      ["OPEN", "Open"],
      ["IN_PROGRESS", "In Progress"],
      ["OPEN_DEAL", "Open Deal"],
      ["UNQUALIFIED", "Unqualified"],
      ["ATTEMPTED_TO_CONTACT", "Attempted to Contact"],
      ["CONNECTED", "Connected"],
      ["BAD_TIMING", "Bad Timing"],
    ]),
  }),
  hs({
    name: "hubspot_owner_id",
    label: "Contact owner",
    type: "enumeration",
    fieldType: "select",
    groupName: "sales_properties",
    externalOptions: true, // options come from the owners API, so options[] is empty (reference §3, I18)
    description: "The owner of a contact. This can be any HubSpot user or Salesforce integration user, and can be set manually or via Workflows.",
  }),
  hs({
    name: "numemployees",
    label: "Number of Employees",
    type: "enumeration",
    fieldType: "select",
    groupName: "companyinformation",
    options: opts([
      ["1-5", "1-5"],
      ["5-25", "5-25"],
      ["25-50", "25-50"],
      ["50-100", "50-100"],
      ["100-500", "100-500"],
      ["500-1000", "500-1000"],
      ["1000+", "1000+"],
    ]),
  }),
  hs({ name: "annualrevenue", label: "Annual Revenue", type: "string", fieldType: "text", groupName: "companyinformation" }),
  hs({ name: "message", label: "Message", type: "string", fieldType: "textarea" }),
  hs({ name: "createdate", label: "Create Date", type: "datetime", fieldType: "date", ...RO, derived: true }),
  hs({ name: "lastmodifieddate", label: "Last Modified Date", type: "datetime", fieldType: "date", ...RO, derived: true }),
  hs({ name: "hs_object_id", label: "Record ID", type: "number", fieldType: "number", ...RO, derived: true, hasUniqueValue: true }),
  hs({ name: "hs_merged_object_ids", label: "Merged Contact IDs", type: "enumeration", fieldType: "checkbox", ...RO }),
  hs({
    name: "hs_analytics_num_visits",
    label: "Number of Sessions",
    type: "number",
    fieldType: "number",
    groupName: "analyticsinformation",
    calculated: true,
    calculationFormula: "count(page_sessions)",
    ...RO,
  }),
  hs({
    name: "num_contacted_notes",
    label: "Number of times contacted",
    type: "number",
    fieldType: "number",
    groupName: "sales_properties",
    calculated: true,
    ...RO,
  }),
  // Custom properties: one of every type/fieldType pair.
  custom({ name: "spara_lead_score", label: "Spara lead score", type: "number", fieldType: "number" }),
  custom({ name: "spara_qualified", label: "Spara qualified", type: "bool", fieldType: "booleancheckbox", options: opts([["true", "Yes"], ["false", "No"]]) }),
  custom({ name: "spara_demo_date", label: "Spara demo date", type: "date", fieldType: "date" }),
  custom({ name: "spara_last_conversation_at", label: "Spara last conversation at", type: "datetime", fieldType: "date" }),
  custom({
    name: "spara_source",
    label: "Spara source",
    type: "enumeration",
    fieldType: "select",
    options: opts([
      ["website_chat", "Website chat"],
      ["email_agent", "Email agent"],
      ["phone_agent", "Phone agent"],
      ["webinar", "Webinar"],
      ["referral", "Referral"],
    ]),
  }),
  custom({
    name: "spara_interests",
    label: "Spara interests",
    type: "enumeration",
    fieldType: "checkbox",
    options: opts([
      ["pricing", "Pricing"],
      ["integrations", "Integrations"],
      ["security", "Security"],
      ["onboarding", "Onboarding"],
      ["api", "API"],
    ]),
  }),
  custom({
    name: "spara_region",
    label: "Spara region",
    type: "enumeration",
    fieldType: "radio",
    options: opts([
      ["amer", "Americas"],
      ["emea", "EMEA"],
      ["apac", "APAC"],
    ]),
  }),
  custom({ name: "spara_conversation_summary", label: "Spara conversation summary", type: "string", fieldType: "textarea" }),
].map((p, i) => ({ ...p, displayOrder: p.displayOrder === -1 ? i : p.displayOrder }));

export const PROPERTIES_BY_NAME = new Map(PROPERTY_DEFINITIONS.map((p) => [p.name, p]));

/** Properties held in store columns (everything that is not derived from the record itself). */
export const STORED_PROPERTY_NAMES = PROPERTY_DEFINITIONS.filter((p) => !p.derived).map((p) => p.name);

/** Returned when a read names no `properties` (HubSpot's default set). */
export const DEFAULT_PROPERTIES = ["createdate", "email", "firstname", "lastname", "hs_object_id", "lastmodifieddate"];

/** HubSpot adds these to every object it returns, whatever was requested. */
export const ALWAYS_RETURNED = ["createdate", "hs_object_id", "lastmodifieddate"];

export function publicDefinition(p: PropertyDefinition): Omit<PropertyDefinition, "derived"> {
  const { derived: _derived, ...rest } = p;
  return rest;
}
