import type { PullFilter } from "@/drizzle/schema";
import type { PullRuleInput } from "@/lib/validators/pull-rule";

/** A contact property as the rule editor needs it: its type picks the operators, its options the values. */
export type PullPropertyOption = { name: string; label: string; type: string; fieldType: string; options: { label: string; value: string }[] | null };
export type PullListOption = { listId: string; name: string; size: number | null; processingType: string };

export type PullRuleView = {
  id: string;
  name: string;
  schedule: "manual" | "hourly" | "daily";
  enabled: boolean;
  filters: PullFilter[];
  filtersText: string;
  listId: string | null;
  listName: string | null;
  lastRun: { status: string; startedAt: string; countsText: string; error: string | null } | null;
};

export type PullRuleFormValues = PullRuleInput;

/** Stored (search-ready) filters back into what the editor shows: dates as YYYY-MM-DD, options by value. */
export function toEditorValues(rule: PullRuleView, properties: PullPropertyOption[]): PullRuleFormValues {
  const byName = new Map(properties.map((p) => [p.name, p]));
  const shown = (type: string | undefined, v: string | undefined) => {
    if (!v) return "";
    if (type === "date") return new Date(Number(v)).toISOString().slice(0, 10);
    if (type === "datetime") return new Date(Number(v)).toISOString().slice(0, 16);
    return v;
  };
  return {
    id: rule.id,
    name: rule.name,
    schedule: rule.schedule,
    enabled: rule.enabled,
    listId: rule.listId ?? "",
    filters: rule.filters.map((f) => {
      const p = byName.get(f.property);
      const isEnum = p?.type === "enumeration" && p.options;
      return {
        property: f.property,
        operator: f.operator,
        value: f.values && !isEnum ? f.values.join(", ") : shown(p?.type, f.value),
        highValue: shown(p?.type, f.highValue),
        values: f.values && isEnum ? f.values : [],
      };
    }),
  };
}
