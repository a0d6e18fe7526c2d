/**
 * The names templates and conditions can use, and their values for one lead. Lead fields are `lead.<key>` (built-in,
 * insight and custom fields of the data model); owner fields are the data model's read-only `owner.*` system fields.
 * Plain data, no server imports: the editors run it in the browser too.
 */
import { allLeadFields, type LeadFieldDef, type LeadFieldType } from "@/lib/data-model/fields";

export type VariableValue = string | number | boolean | string[] | null;
export type LeadVariables = Record<string, VariableValue>;

export type VariableDef = { name: string; label: string; type: LeadFieldType; options?: string[] };

/** Every variable of a workspace, in data-model order. */
export function workflowVariables(custom: LeadFieldDef[]): VariableDef[] {
  return allLeadFields(custom).map((f) => ({
    name: f.kind === "system" ? f.key : `lead.${f.key}`,
    label: f.kind === "system" ? f.label : `Lead ${f.label.charAt(0).toLowerCase()}${f.label.slice(1)}`,
    type: f.type,
    options: f.options,
  }));
}

export type LeadForVariables = {
  email: string | null;
  fields: Record<string, VariableValue>;
  ownerId: string | null;
  ownerFirstName: string | null;
  ownerLastName: string | null;
  ownerEmail: string | null;
};

/** A lead's values by variable name. The owner fields are empty when the lead has no active owner. */
export function leadVariables(lead: LeadForVariables): LeadVariables {
  const vars: LeadVariables = {};
  for (const [k, v] of Object.entries(lead.fields)) vars[`lead.${k}`] = v;
  vars["lead.email"] = lead.email;
  const fullName = [lead.ownerFirstName, lead.ownerLastName].filter(Boolean).join(" ");
  vars["owner.id"] = lead.ownerId;
  vars["owner.firstName"] = lead.ownerFirstName;
  vars["owner.lastName"] = lead.ownerLastName;
  vars["owner.fullName"] = fullName || null;
  vars["owner.email"] = lead.ownerEmail;
  vars["owner.isActive"] = lead.ownerId !== null;
  return vars;
}
