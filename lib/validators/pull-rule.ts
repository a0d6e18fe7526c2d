import { z } from "zod";

export const pullOperators = ["EQ", "NEQ", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY", "GT", "LT", "BETWEEN", "CONTAINS_TOKEN"] as const;
export type PullOperator = (typeof pullOperators)[number];

export const pullOperatorLabels: Record<PullOperator, string> = {
  EQ: "equals",
  NEQ: "does not equal",
  IN: "is any of",
  NOT_IN: "is none of",
  HAS_PROPERTY: "is known",
  NOT_HAS_PROPERTY: "is unknown",
  GT: "is greater than",
  LT: "is less than",
  BETWEEN: "is between",
  CONTAINS_TOKEN: "contains",
};

/**
 * HubSpot allows 6 filters per filter group; the import adds one of its own (hs_object_id > last seen, to page past
 * the 10,000-result cap) and incremental runs a second (lastmodifieddate), so a rule may hold 4.
 */
export const MAX_RULE_FILTERS = 4;

export const pullFilterSchema = z
  .object({
    property: z.string().trim().min(1, "Pick a HubSpot property"),
    operator: z.enum(pullOperators),
    value: z.string().trim().max(500).optional().default(""),
    highValue: z.string().trim().max(500).optional().default(""),
  })
  .superRefine((f, ctx) => {
    const needsValue = !["HAS_PROPERTY", "NOT_HAS_PROPERTY"].includes(f.operator);
    if (needsValue && !f.value) ctx.addIssue({ code: "custom", path: ["value"], message: "Enter a value" });
    if (f.operator === "BETWEEN" && !f.highValue) ctx.addIssue({ code: "custom", path: ["highValue"], message: "Enter the upper bound" });
  });

export const pullRuleSchema = z.object({
  id: z.uuid().optional(),
  name: z.string().trim().min(1, "Give the rule a name").max(100, "At most 100 characters"),
  schedule: z.enum(["manual", "hourly", "daily"]),
  enabled: z.boolean(),
  filters: z.array(pullFilterSchema).min(1, "Add at least one filter").max(MAX_RULE_FILTERS, `At most ${MAX_RULE_FILTERS} filters per rule`),
});

export type PullRuleInput = z.input<typeof pullRuleSchema>;
export type PullRuleParsed = z.output<typeof pullRuleSchema>;
