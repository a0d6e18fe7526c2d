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

/** The operators that make sense for a HubSpot property type (ranges for numbers and dates, contains for text). */
export function operatorsForType(type: string): PullOperator[] {
  switch (type) {
    case "number":
    case "date":
    case "datetime":
      return ["EQ", "NEQ", "GT", "LT", "BETWEEN", "HAS_PROPERTY", "NOT_HAS_PROPERTY"];
    case "enumeration":
      return ["EQ", "NEQ", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY"];
    case "bool":
      return ["EQ", "NEQ", "HAS_PROPERTY", "NOT_HAS_PROPERTY"];
    default:
      return ["EQ", "NEQ", "IN", "NOT_IN", "CONTAINS_TOKEN", "HAS_PROPERTY", "NOT_HAS_PROPERTY"];
  }
}

export const valuelessOperators: readonly PullOperator[] = ["HAS_PROPERTY", "NOT_HAS_PROPERTY"];
export const multiValueOperators: readonly PullOperator[] = ["IN", "NOT_IN"];

/**
 * HubSpot allows 6 filters per filter group; the import adds one of its own (hs_object_id > last seen, to page past
 * the 10,000-result cap) and incremental runs a second (lastmodifieddate), so a rule may hold 4.
 */
export const MAX_RULE_FILTERS = 4;
/** HubSpot's IN / NOT_IN take at most 100 values. */
export const MAX_IN_VALUES = 100;
/**
 * Search refuses a request body over 3,000 characters. The import's own filters and the requested properties take
 * up to ~1,500 of them, which leaves this much for the rule's filters (measured as their JSON).
 */
export const MAX_FILTERS_JSON = 1_500;

export const pullFilterSchema = z
  .object({
    property: z.string().trim().min(1, "Pick a HubSpot property"),
    operator: z.enum(pullOperators),
    value: z.string().trim().max(500, "At most 500 characters").optional().default(""),
    highValue: z.string().trim().max(500, "At most 500 characters").optional().default(""),
    /** IN / NOT_IN: the chosen options (enumerations) or the entered values; `value` may carry them comma-separated. */
    values: z.array(z.string().trim().min(1).max(500)).max(MAX_IN_VALUES, `At most ${MAX_IN_VALUES} values`).optional().default([]),
  })
  .superRefine((f, ctx) => {
    if (valuelessOperators.includes(f.operator)) return;
    if (multiValueOperators.includes(f.operator)) {
      const n = f.values.length || f.value.split(",").filter((s) => s.trim()).length;
      if (n === 0) ctx.addIssue({ code: "custom", path: ["value"], message: "Choose at least one value" });
      if (n > MAX_IN_VALUES) ctx.addIssue({ code: "custom", path: ["value"], message: `At most ${MAX_IN_VALUES} values` });
      return;
    }
    if (!f.value) ctx.addIssue({ code: "custom", path: ["value"], message: "Enter a value" });
    if (f.operator === "BETWEEN" && !f.highValue) ctx.addIssue({ code: "custom", path: ["highValue"], message: "Enter the upper bound" });
  });

export const pullRuleSchema = z
  .object({
    id: z.uuid().optional(),
    name: z.string().trim().min(1, "Give the rule a name").max(100, "At most 100 characters"),
    schedule: z.enum(["manual", "hourly", "daily"]),
    enabled: z.boolean(),
    /** A HubSpot list (ILS id) the contacts must belong to; empty = no list condition. */
    listId: z.string().trim().regex(/^\d*$/, "Pick a list").optional().default(""),
    filters: z.array(pullFilterSchema).max(MAX_RULE_FILTERS, `At most ${MAX_RULE_FILTERS} filters per rule (HubSpot allows 6 per search; the import uses 2)`),
  })
  .superRefine((r, ctx) => {
    if (r.filters.length === 0 && !r.listId) ctx.addIssue({ code: "custom", path: ["filters"], message: "Add at least one filter or choose a list" });
  });

export type PullRuleInput = z.input<typeof pullRuleSchema>;
export type PullRuleParsed = z.output<typeof pullRuleSchema>;
export type PullFilterParsed = z.output<typeof pullFilterSchema>;
