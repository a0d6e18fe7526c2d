import { z } from "zod";

const operator = z.enum(["is_set", "is_not_set", "equals", "not_equals", "contains", "one_of"]);

export const templateSchema = z.object({
  id: z.uuid().optional(),
  name: z.string().trim().min(1, "Give the template a name").max(80),
  body: z.string().min(1, "Write the message").max(5000),
});
export type TemplateInput = z.input<typeof templateSchema>;

export const conditionSchema = z
  .object({
    field: z.string().min(1, "Pick a field"),
    operator,
    value: z.string().max(500).optional(),
    // The editor holds "one of" values as one comma-separated string; the action gets a clean list.
    values: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
  })
  .superRefine((c, ctx) => {
    if ((c.operator === "equals" || c.operator === "not_equals" || c.operator === "contains") && !c.value?.trim()) {
      ctx.addIssue({ code: "custom", path: ["value"], message: "Enter a value" });
    }
    if (c.operator === "one_of" && !c.values?.length) ctx.addIssue({ code: "custom", path: ["values"], message: "List at least one value" });
  });

export const ruleSchema = z
  .object({
    id: z.uuid().optional(),
    name: z.string().trim().min(1, "Give the rule a name").max(80),
    match: z.enum(["all", "any"]),
    conditions: z.array(conditionSchema).min(1, "Add at least one condition").max(20),
    actionType: z.enum(["route_to_owner", "send_template"]),
    templateId: z.uuid().nullable().optional(),
    enabled: z.boolean().default(true),
  })
  .superRefine((r, ctx) => {
    if (r.actionType === "send_template" && !r.templateId) ctx.addIssue({ code: "custom", path: ["templateId"], message: "Pick the template to send" });
  });
export type RuleInput = z.input<typeof ruleSchema>;

export const idSchema = z.object({ id: z.uuid() });
export const leadIdSchema = z.object({ leadId: z.uuid() });

/** The rule editor's form: "one of" values typed as one comma-separated string, turned into a list on submit. */
export const ruleFormSchema = z
  .object({
    id: z.string().optional(),
    name: z.string().trim().min(1, "Give the rule a name").max(80),
    match: z.enum(["all", "any"]),
    conditions: z
      .array(z.object({ field: z.string().min(1, "Pick a field"), operator, value: z.string(), valuesText: z.string() }))
      .min(1, "Add at least one condition"),
    actionType: z.enum(["route_to_owner", "send_template"]),
    templateId: z.string(),
    enabled: z.boolean(),
  })
  .superRefine((r, ctx) => {
    r.conditions.forEach((c, i) => {
      if ((c.operator === "equals" || c.operator === "not_equals" || c.operator === "contains") && !c.value.trim()) {
        ctx.addIssue({ code: "custom", path: ["conditions", i, "value"], message: "Enter a value" });
      }
      if (c.operator === "one_of" && splitValues(c.valuesText).length === 0) ctx.addIssue({ code: "custom", path: ["conditions", i, "valuesText"], message: "List at least one value" });
    });
    if (r.actionType === "send_template" && !r.templateId) ctx.addIssue({ code: "custom", path: ["templateId"], message: "Pick the template to send" });
  });
export type RuleFormValues = z.infer<typeof ruleFormSchema>;

export function splitValues(text: string): string[] {
  return text.split(",").map((s) => s.trim()).filter(Boolean);
}

export function ruleFormToInput(f: RuleFormValues): RuleInput {
  return {
    id: f.id || undefined,
    name: f.name,
    match: f.match,
    enabled: f.enabled,
    actionType: f.actionType,
    templateId: f.actionType === "send_template" ? f.templateId : null,
    conditions: f.conditions.map((c) => ({ field: c.field, operator: c.operator, value: c.value || undefined, values: c.operator === "one_of" ? splitValues(c.valuesText) : undefined })),
  };
}
