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
