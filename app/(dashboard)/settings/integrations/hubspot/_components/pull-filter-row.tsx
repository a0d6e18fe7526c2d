"use client";

import { useFormContext } from "react-hook-form";
import { multiValueOperators, operatorsForType, pullOperatorLabels, valuelessOperators, type PullOperator } from "@/lib/validators/pull-rule";
import type { PullPropertyOption, PullRuleFormValues } from "./pull-rule-types";

const typeNames: Record<string, string> = { string: "text", number: "number", date: "date", datetime: "date & time", enumeration: "options", bool: "yes/no" };

/** One filter: property (with its type) → the operators that fit it → a value widget that fits the type. */
export function PullFilterRow({ index, properties, onRemove, canRemove }: { index: number; properties: PullPropertyOption[]; onRemove: () => void; canRemove: boolean }) {
  const form = useFormContext<PullRuleFormValues>();
  const n = index + 1;
  const name = form.watch(`filters.${index}.property`);
  const op = form.watch(`filters.${index}.operator`) as PullOperator;
  const p = properties.find((x) => x.name === name);
  const ops = p ? operatorsForType(p.type) : [];
  const fe = form.formState.errors.filters?.[index];
  const err = (m?: { message?: string }) => (m?.message ? <span className="field-error">{m.message}</span> : null);
  const inputType = p?.type === "number" ? "number" : p?.type === "date" ? "date" : p?.type === "datetime" ? "datetime-local" : "text";
  const enumOptions = p?.type === "enumeration" && p.options ? p.options : null;

  const propertyField = form.register(`filters.${index}.property`, {
    onChange: (e) => {
      // A new property resets what depended on the old one's type.
      const next = properties.find((x) => x.name === e.target.value);
      form.setValue(`filters.${index}.operator`, next ? operatorsForType(next.type)[0] : "EQ");
      form.setValue(`filters.${index}.value`, "");
      form.setValue(`filters.${index}.highValue`, "");
      form.setValue(`filters.${index}.values`, []);
    },
  });

  const valueWidget = (field: "value" | "highValue", label: string) => {
    if (enumOptions || p?.type === "bool") {
      const opts = enumOptions ?? [
        { label: "Yes (true)", value: "true" },
        { label: "No (false)", value: "false" },
      ];
      return (
        <select aria-label={label} aria-invalid={Boolean(fe?.[field])} {...form.register(`filters.${index}.${field}`)}>
          <option value="">Choose…</option>
          {opts.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
    }
    return <input type={inputType} step={p?.type === "number" ? "any" : undefined} aria-label={label} aria-invalid={Boolean(fe?.[field])} placeholder={field === "highValue" ? "upper bound" : "value"} {...form.register(`filters.${index}.${field}`)} />;
  };

  return (
    <div className="row" data-testid="filter-row" style={{ alignItems: "flex-start" }}>
      <div className="field">
        <select aria-label={`Filter ${n} property`} aria-invalid={Boolean(fe?.property)} {...propertyField}>
          <option value="">HubSpot property…</option>
          {properties.map((o) => (
            <option key={o.name} value={o.name}>
              {o.label} · {typeNames[o.type] ?? o.type}
            </option>
          ))}
        </select>
        {p && <span className="muted small">{p.name} ({typeNames[p.type] ?? p.type})</span>}
        {err(fe?.property)}
      </div>
      <div className="field">
        <select aria-label={`Filter ${n} operator`} aria-invalid={Boolean(fe?.operator)} disabled={!p} {...form.register(`filters.${index}.operator`)}>
          {(ops.length ? ops : (["EQ"] as PullOperator[])).map((o) => (
            <option key={o} value={o}>
              {pullOperatorLabels[o]}
            </option>
          ))}
        </select>
        {err(fe?.operator)}
      </div>
      {p && !valuelessOperators.includes(op) && (
        <div className="field">
          {multiValueOperators.includes(op) && enumOptions ? (
            <select multiple size={Math.min(6, enumOptions.length)} aria-label={`Filter ${n} values`} aria-invalid={Boolean(fe?.value || fe?.values)} {...form.register(`filters.${index}.values`)}>
              {enumOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          ) : multiValueOperators.includes(op) ? (
            <input type="text" aria-label={`Filter ${n} value`} placeholder="values, comma-separated" aria-invalid={Boolean(fe?.value)} {...form.register(`filters.${index}.value`)} />
          ) : (
            valueWidget("value", `Filter ${n} value`)
          )}
          {err(fe?.value)}
          {err(fe?.values as { message?: string } | undefined)}
        </div>
      )}
      {p && op === "BETWEEN" && (
        <div className="field">
          {valueWidget("highValue", `Filter ${n} upper bound`)}
          {err(fe?.highValue)}
        </div>
      )}
      <button type="button" className="btn btn-icon" aria-label={`Remove filter ${n}`} onClick={onRemove} disabled={!canRemove}>
        Remove
      </button>
    </div>
  );
}
