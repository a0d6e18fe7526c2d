import { z } from "zod";

export const writeRules = ["overwrite", "fill_empty"] as const;
export const writeRuleLabels: Record<(typeof writeRules)[number], string> = {
  overwrite: "Overwrite existing value",
  fill_empty: "Update if field is empty",
};

export const mappingRowSchema = z.object({
  leadField: z.string().trim().min(1, "Pick a Spara lead field"),
  hubspotProperty: z.string().trim().min(1, "Pick a HubSpot contact property"),
  writeRule: z.enum(writeRules),
});

/** The HubSpot settings form. The locked Email row is not part of it: the server keeps that row as it is. */
export const hubspotSettingsSchema = z
  .object({
    updateExisting: z.boolean(),
    createNew: z.boolean(),
    syncOwner: z.boolean(),
    mappings: z.array(mappingRowSchema).max(500, "At most 500 mappings"),
  })
  .superRefine((v, ctx) => {
    if (v.createNew && !v.updateExisting) {
      ctx.addIssue({ code: "custom", path: ["createNew"], message: "Creating contacts needs “Update matching contacts” on" });
    }
    const seenProperty = new Map<string, number>();
    const seenField = new Map<string, number>();
    v.mappings.forEach((m, i) => {
      if (m.hubspotProperty === "email") {
        ctx.addIssue({ code: "custom", path: ["mappings", i, "hubspotProperty"], message: "email is already mapped by the locked Email row" });
      } else if (seenProperty.has(m.hubspotProperty)) {
        ctx.addIssue({ code: "custom", path: ["mappings", i, "hubspotProperty"], message: `${m.hubspotProperty} is already mapped in row ${seenProperty.get(m.hubspotProperty)! + 2}` });
      } else seenProperty.set(m.hubspotProperty, i);
      if (m.leadField === "email") {
        ctx.addIssue({ code: "custom", path: ["mappings", i, "leadField"], message: "Email is already mapped by the locked Email row" });
      } else if (seenField.has(m.leadField)) {
        ctx.addIssue({ code: "custom", path: ["mappings", i, "leadField"], message: `This Spara field is already mapped in row ${seenField.get(m.leadField)! + 2}` });
      } else seenField.set(m.leadField, i);
    });
  });

export type HubSpotSettingsInput = z.infer<typeof hubspotSettingsSchema>;
