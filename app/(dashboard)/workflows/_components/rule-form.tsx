"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useFieldArray, useForm } from "react-hook-form";
import { useRouter } from "next/navigation";
import { ruleFormSchema, ruleFormToInput, type RuleFormValues } from "@/lib/validators/workflows";
import { conditionOperators, evaluateRule, needsValue, operatorLabels } from "@/lib/workflows/conditions";
import { saveRuleAction } from "../_actions/save-rule";
import type { PreviewLead, RuleRow, TemplateRow, VariableDef } from "./types";

function toForm(rule: RuleRow | null): RuleFormValues {
  if (!rule) return { name: "", match: "all", conditions: [{ field: "owner.email", operator: "is_set", value: "", valuesText: "" }], actionType: "route_to_owner", templateId: "", enabled: true };
  return {
    id: rule.id,
    name: rule.name,
    match: rule.match,
    enabled: rule.enabled,
    actionType: rule.actionType,
    templateId: rule.templateId ?? "",
    conditions: rule.conditions.map((c) => ({ field: c.field, operator: c.operator, value: c.value ?? "", valuesText: (c.values ?? []).join(", ") })),
  };
}

export function RuleForm({ rule, variables, templates, lead, onDone }: { rule: RuleRow | null; variables: VariableDef[]; templates: TemplateRow[]; lead: PreviewLead; onDone: () => void }) {
  const router = useRouter();
  const form = useForm<RuleFormValues>({ resolver: zodResolver(ruleFormSchema), defaultValues: toForm(rule) });
  const conditions = useFieldArray({ control: form.control, name: "conditions" });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const values = form.watch();
  const e = form.formState.errors;
  // Testing the draft needs no save: the evaluation is the same pure function the server records matches with.
  const draft = lead && values.conditions?.length ? evaluateRule(ruleFormToInput(values) as Parameters<typeof evaluateRule>[0], lead.vars) : null;

  return (
    <form
      className="stack"
      aria-label="Rule editor"
      noValidate
      onSubmit={form.handleSubmit((v) =>
        start(async () => {
          const res = await saveRuleAction(ruleFormToInput(v));
          if (res.ok) {
            setMessage({ ok: true, text: `Rule “${v.name}” saved.` });
            form.reset(toForm(null));
            onDone();
            router.refresh();
          } else {
            for (const [p, m] of Object.entries(res.fieldErrors ?? {})) form.setError(p.replace(/\.values$/, ".valuesText") as never, { message: m });
            setMessage({ ok: false, text: res.error });
          }
        }),
      )}
    >
      <h3>{rule ? `Edit rule “${rule.name}”` : "New rule"}</h3>
      <div className="row">
        <div className="field">
          <label htmlFor="rule-name">Rule name</label>
          <input id="rule-name" type="text" aria-invalid={Boolean(e.name)} {...form.register("name")} />
          {e.name && <span className="field-error">{e.name.message}</span>}
        </div>
        <div className="field">
          <label htmlFor="rule-match">Match</label>
          <select id="rule-match" {...form.register("match")}>
            <option value="all">All conditions</option>
            <option value="any">Any condition</option>
          </select>
        </div>
      </div>
      {conditions.fields.map((f, i) => {
        const op = values.conditions?.[i]?.operator ?? "is_set";
        const ce = e.conditions?.[i];
        return (
          <div className="row" key={f.id} data-testid="condition-row">
            <div className="field">
              <label htmlFor={`c-field-${i}`}>Field, condition {i + 1}</label>
              <select id={`c-field-${i}`} {...form.register(`conditions.${i}.field`)}>
                {variables.map((v) => (
                  <option key={v.name} value={v.name}>
                    {v.name}
                  </option>
                ))}
              </select>
              {ce?.field && <span className="field-error">{ce.field.message}</span>}
            </div>
            <div className="field">
              <label htmlFor={`c-op-${i}`}>Operator, condition {i + 1}</label>
              <select id={`c-op-${i}`} {...form.register(`conditions.${i}.operator`)}>
                {conditionOperators.map((o) => (
                  <option key={o} value={o}>
                    {operatorLabels[o]}
                  </option>
                ))}
              </select>
            </div>
            {needsValue(op) === "one" && (
              <div className="field">
                <label htmlFor={`c-value-${i}`}>Value, condition {i + 1}</label>
                <input id={`c-value-${i}`} type="text" aria-invalid={Boolean(ce?.value)} {...form.register(`conditions.${i}.value`)} />
                {ce?.value && <span className="field-error">{ce.value.message}</span>}
              </div>
            )}
            {needsValue(op) === "many" && (
              <div className="field">
                <label htmlFor={`c-values-${i}`}>Values, condition {i + 1}</label>
                <input id={`c-values-${i}`} type="text" placeholder="high, medium" aria-invalid={Boolean(ce?.valuesText)} {...form.register(`conditions.${i}.valuesText`)} />
                {ce?.valuesText && <span className="field-error">{ce.valuesText.message}</span>}
              </div>
            )}
            {draft?.conditions[i] && <span className={`badge ${draft.conditions[i].matched ? "badge-ok" : "badge-warn"}`}>{draft.conditions[i].matched ? "holds" : "does not hold"}</span>}
            <button type="button" className="btn btn-icon" aria-label={`Remove condition ${i + 1}`} disabled={conditions.fields.length === 1} onClick={() => conditions.remove(i)}>
              ×
            </button>
          </div>
        );
      })}
      {e.conditions?.message && <span className="field-error">{e.conditions.message}</span>}
      <div>
        <button type="button" className="btn" onClick={() => conditions.append({ field: "lead.email", operator: "is_set", value: "", valuesText: "" })}>
          + Add condition
        </button>
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor="rule-action">Action</label>
          <select id="rule-action" {...form.register("actionType")}>
            <option value="route_to_owner">Route to owner</option>
            <option value="send_template">Send template</option>
          </select>
        </div>
        {values.actionType === "send_template" && (
          <div className="field">
            <label htmlFor="rule-template">Template</label>
            <select id="rule-template" aria-invalid={Boolean(e.templateId)} {...form.register("templateId")}>
              <option value="">Pick a template…</option>
              {templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
            {e.templateId && <span className="field-error">{e.templateId.message}</span>}
          </div>
        )}
        <label className="small">
          <input type="checkbox" {...form.register("enabled")} /> Enabled
        </label>
      </div>
      {draft && lead && (
        <p className="small" data-testid="rule-draft-result">
          Against {lead.name}: {draft.matched ? "matches" : "does not match"} — {draft.reason}.
        </p>
      )}
      {message && (
        <p role="status" className={`banner ${message.ok ? "banner-ok" : "banner-error"}`}>
          {message.text}
        </p>
      )}
      <div className="row">
        <button className="btn btn-primary" type="submit" disabled={pending}>
          Save rule
        </button>
        {rule && (
          <button type="button" className="btn" onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
