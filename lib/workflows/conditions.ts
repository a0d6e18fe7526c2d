/**
 * Workflow rules: conditions on lead variables (lead fields and owner fields) combined with all/any, and an action
 * label. Pure: evaluation returns which conditions matched and why, for the "test against lead" button, the lead page
 * and the matches recorded after a capture or a pull.
 */
import { isEmptyValue } from "./templates";
import type { LeadVariables, VariableValue } from "./variables";

export const conditionOperators = ["is_set", "is_not_set", "equals", "not_equals", "contains", "one_of"] as const;
export type ConditionOperator = (typeof conditionOperators)[number];

export const operatorLabels: Record<ConditionOperator, string> = {
  is_set: "is set",
  is_not_set: "is not set",
  equals: "equals",
  not_equals: "does not equal",
  contains: "contains",
  one_of: "is one of",
};

/** `value` is used by equals / not equals / contains, `values` by one of; is set / is not set use neither. */
export type Condition = { field: string; operator: ConditionOperator; value?: string; values?: string[] };

export type RuleAction = { type: "route_to_owner" } | { type: "send_template"; templateId: string; templateName?: string };

export type Rule = { name: string; match: "all" | "any"; conditions: Condition[]; action: RuleAction };

export type ConditionResult = { condition: Condition; matched: boolean; actual: VariableValue; reason: string };
export type RuleResult = { matched: boolean; reason: string; conditions: ConditionResult[] };

export function needsValue(op: ConditionOperator): "none" | "one" | "many" {
  return op === "is_set" || op === "is_not_set" ? "none" : op === "one_of" ? "many" : "one";
}

export function actionLabel(action: RuleAction): string {
  return action.type === "route_to_owner" ? "Route to owner" : `Send template “${action.templateName ?? action.templateId}”`;
}

export function describeCondition(c: Condition): string {
  const need = needsValue(c.operator);
  const rhs = need === "none" ? "" : need === "many" ? ` [${(c.values ?? []).map((v) => `“${v}”`).join(", ")}]` : ` “${c.value ?? ""}”`;
  return `${c.field} ${operatorLabels[c.operator]}${rhs}`;
}

// Comparison is what an admin expects from a CRM filter: trimmed, case-insensitive, numbers by value
// ("50" equals 50.0), booleans by yes/no/true/false; a multi-select value equals a list of the same options.
function norm(s: string): string {
  return s.trim().toLowerCase();
}

function scalarEquals(actual: string | number | boolean, expected: string): boolean {
  if (typeof actual === "boolean") {
    const e = norm(expected);
    return actual ? e === "true" || e === "yes" : e === "false" || e === "no";
  }
  if (typeof actual === "number" || (/^-?\d+(\.\d+)?$/.test(String(actual).trim()) && /^-?\d+(\.\d+)?$/.test(expected.trim()))) {
    return Number(actual) === Number(expected);
  }
  return norm(String(actual)) === norm(expected);
}

function equals(actual: VariableValue, expected: string): boolean {
  if (isEmptyValue(actual)) return false;
  if (Array.isArray(actual)) {
    const want = expected.split(/[;,]/).map(norm).filter(Boolean).sort();
    const have = actual.map(norm).sort();
    return want.length === have.length && want.every((w, i) => w === have[i]);
  }
  return scalarEquals(actual as string | number | boolean, expected);
}

function show(v: VariableValue): string {
  if (isEmptyValue(v)) return "empty";
  return Array.isArray(v) ? `[${v.join(", ")}]` : `“${String(v)}”`;
}

export function evaluateCondition(c: Condition, vars: LeadVariables): ConditionResult {
  const actual = vars[c.field] ?? null;
  const value = c.value ?? "";
  let matched: boolean;
  switch (c.operator) {
    case "is_set":
      matched = !isEmptyValue(actual);
      break;
    case "is_not_set":
      matched = isEmptyValue(actual);
      break;
    case "equals":
      matched = equals(actual, value);
      break;
    case "not_equals":
      // An empty field does not equal anything, so "not equals" holds for it (as in HubSpot's NEQ filter).
      matched = !equals(actual, value);
      break;
    case "contains":
      matched =
        !isEmptyValue(actual) && norm(value) !== "" && (Array.isArray(actual) ? actual.some((a) => norm(a).includes(norm(value))) : norm(String(actual)).includes(norm(value)));
      break;
    case "one_of": {
      const options = c.values ?? [];
      matched = !isEmptyValue(actual) && (Array.isArray(actual) ? actual.some((a) => options.some((o) => equals(a, o))) : options.some((o) => equals(actual, o)));
      break;
    }
  }
  return { condition: c, matched, actual, reason: `${c.field} is ${show(actual)}, so “${describeCondition(c)}” ${matched ? "holds" : "does not hold"}` };
}

/** `all`: every condition must hold; `any`: at least one. A rule without conditions never matches. */
export function evaluateRule(rule: Pick<Rule, "match" | "conditions">, vars: LeadVariables): RuleResult {
  const conditions = rule.conditions.map((c) => evaluateCondition(c, vars));
  const hits = conditions.filter((r) => r.matched).length;
  const matched = conditions.length > 0 && (rule.match === "all" ? hits === conditions.length : hits > 0);
  const reason =
    conditions.length === 0
      ? "The rule has no conditions"
      : rule.match === "all"
        ? matched
          ? conditions.length === 1
            ? "The condition holds"
            : `All ${conditions.length} conditions hold`
          : `${conditions.length - hits} of ${conditions.length} conditions do not hold`
        : matched
          ? `${hits} of ${conditions.length} conditions hold (any is enough)`
          : "None of the conditions holds";
  return { matched, reason, conditions };
}
