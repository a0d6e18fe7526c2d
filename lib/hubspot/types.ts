/** The parts of a HubSpot contact property definition the product uses. */
export type HubSpotProperty = {
  name: string;
  label: string;
  type: string; // string | number | bool | date | datetime | enumeration | …
  fieldType: string; // text | textarea | checkbox | booleancheckbox | select | radio | …
  options: { label: string; value: string; hidden?: boolean }[];
  externalOptions: boolean;
  readOnly: boolean;
  calculated: boolean;
};

export type HubSpotContact = {
  id: string;
  properties: Record<string, string | null>;
  updatedAt?: string;
};

/** A property the product may write: HubSpot refuses read-only and calculated ones. */
export function isWritable(p: HubSpotProperty): boolean {
  return !p.readOnly && !p.calculated;
}

export function isMultiSelect(p: HubSpotProperty): boolean {
  return p.type === "enumeration" && p.fieldType === "checkbox";
}
