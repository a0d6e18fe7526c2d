"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useFieldArray, useForm } from "react-hook-form";
import { MAX_RULE_FILTERS, pullOperatorLabels, pullOperators, pullRuleSchema, type PullRuleInput } from "@/lib/validators/pull-rule";
import { savePullRuleAction } from "../_actions/save-pull-rule";
import { deletePullRuleAction } from "../_actions/delete-pull-rule";
import { runPullRuleAction } from "../_actions/run-pull-rule";
import type { PropertyOption } from "./mapping-table";

export type PullRuleView = {
  id: string;
  name: string;
  schedule: "manual" | "hourly" | "daily";
  enabled: boolean;
  filtersText: string;
  lastRun: { status: string; startedAt: string; countsText: string; error: string | null } | null;
};

export function PullRules({ rules, canEdit, properties }: { rules: PullRuleView[]; canEdit: boolean; properties: PropertyOption[] | null }) {
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [pending, start] = useTransition();

  const act = (fn: () => Promise<{ ok: boolean; error?: string }>, ok: string) =>
    start(async () => {
      const res = await fn();
      setMessage(res.ok ? { kind: "ok", text: ok } : { kind: "error", text: res.error ?? "Failed" });
    });

  return (
    <section className="card" aria-labelledby="pull-rules">
      <div className="card-head">
        <h2 id="pull-rules">Pull Rules</h2>
        {canEdit && !editing && (
          <button className="btn" onClick={() => setEditing(true)} disabled={!properties}>
            + Add pull rule
          </button>
        )}
      </div>
      {!canEdit && <p className="muted small">Configured by your Spara customer success representative.</p>}
      {canEdit && !properties && <p className="banner banner-warn">Connect HubSpot to add or run pull rules.</p>}
      {message && (
        <p role="status" className={`banner ${message.kind === "ok" ? "banner-ok" : "banner-error"}`}>
          {message.text}
        </p>
      )}
      {editing && properties && (
        <PullRuleEditor
          properties={properties}
          onDone={(text) => {
            setEditing(false);
            if (text) setMessage({ kind: "ok", text });
          }}
        />
      )}
      {rules.length === 0 ? (
        <p className="muted">No pull rules yet.</p>
      ) : (
        <table className="table" aria-label="Pull rules">
          <thead>
            <tr>
              <th>Name</th>
              <th>Filters</th>
              <th>Schedule</th>
              <th>Last run</th>
              {canEdit && <th />}
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr key={r.id} data-testid="pull-rule-row">
                <td>
                  {r.name} {!r.enabled && <span className="badge">disabled</span>}
                </td>
                <td>
                  <code>{r.filtersText}</code>
                </td>
                <td>{r.schedule}</td>
                <td data-testid="pull-rule-last-run">
                  {r.lastRun ? (
                    <>
                      <span className={`badge ${r.lastRun.status === "completed" ? "badge-ok" : r.lastRun.status === "failed" ? "badge-error" : "badge-warn"}`}>{r.lastRun.status}</span>{" "}
                      <span className="small">{r.lastRun.countsText}</span>
                      {r.lastRun.error && <div className="field-error">{r.lastRun.error}</div>}
                      <div className="muted small">{r.lastRun.startedAt}</div>
                    </>
                  ) : (
                    <span className="muted">Never run</span>
                  )}
                </td>
                {canEdit && (
                  <td>
                    <div className="row">
                      <button className="btn" disabled={pending || !properties} onClick={() => act(() => runPullRuleAction({ id: r.id }), `Started “${r.name}”. Progress shows below.`)}>
                        Run now
                      </button>
                      <button
                        className="btn btn-danger"
                        disabled={pending}
                        onClick={() => {
                          if (confirm(`Delete the pull rule “${r.name}”? Leads it imported stay.`)) act(() => deletePullRuleAction({ id: r.id }), "Rule deleted.");
                        }}
                      >
                        Delete
                      </button>
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function PullRuleEditor({ properties, onDone }: { properties: PropertyOption[]; onDone: (message?: string) => void }) {
  const form = useForm<PullRuleInput>({
    resolver: zodResolver(pullRuleSchema),
    defaultValues: { name: "", schedule: "manual", enabled: true, filters: [{ property: "", operator: "EQ", value: "", highValue: "" }] },
  });
  const filters = useFieldArray({ control: form.control, name: "filters" });
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const errs = form.formState.errors;

  const submit = form.handleSubmit((values) =>
    start(async () => {
      setError(null);
      const res = await savePullRuleAction(values);
      if (res.ok) return onDone(`Pull rule “${values.name}” saved.`);
      for (const [path, message] of Object.entries(res.fieldErrors ?? {})) form.setError(path as never, { type: "server", message });
      setError(res.error);
    }),
  );

  return (
    <form onSubmit={submit} noValidate className="card stack" aria-label="Pull rule editor" style={{ background: "#fafbfc" }}>
      <div className="row">
        <div className="field" style={{ flex: 1 }}>
          <label htmlFor="rule-name">Rule name</label>
          <input id="rule-name" type="text" aria-invalid={Boolean(errs.name)} {...form.register("name")} />
          {errs.name && <span className="field-error">{errs.name.message}</span>}
        </div>
        <div className="field">
          <label htmlFor="rule-schedule">Schedule</label>
          <select id="rule-schedule" {...form.register("schedule")}>
            <option value="manual">Manual</option>
            <option value="hourly">Hourly</option>
            <option value="daily">Daily</option>
          </select>
        </div>
        <label className="switch" style={{ alignSelf: "end" }}>
          <input type="checkbox" role="switch" {...form.register("enabled")} />
          <span>Enabled</span>
        </label>
      </div>
      <datalist id="pull-properties">
        {properties.map((p) => (
          <option key={p.name} value={p.name}>
            {p.label} · {p.type}
          </option>
        ))}
      </datalist>
      <div className="stack">
        <strong>Contacts matching all of these filters</strong>
        {filters.fields.map((f, i) => {
          const fe = errs.filters?.[i];
          const op = form.watch(`filters.${i}.operator`);
          return (
            <div key={f.id} className="row" data-testid="filter-row">
              <div className="field">
                <input type="text" list="pull-properties" placeholder="HubSpot property" aria-label={`Filter ${i + 1} property`} aria-invalid={Boolean(fe?.property)} {...form.register(`filters.${i}.property`)} />
                {fe?.property && <span className="field-error">{fe.property.message}</span>}
              </div>
              <div className="field">
                <select aria-label={`Filter ${i + 1} operator`} aria-invalid={Boolean(fe?.operator)} {...form.register(`filters.${i}.operator`)}>
                  {pullOperators.map((o) => (
                    <option key={o} value={o}>
                      {pullOperatorLabels[o]}
                    </option>
                  ))}
                </select>
                {fe?.operator && <span className="field-error">{fe.operator.message}</span>}
              </div>
              {op !== "HAS_PROPERTY" && op !== "NOT_HAS_PROPERTY" && (
                <div className="field">
                  <input type="text" placeholder={op === "IN" || op === "NOT_IN" ? "values, comma-separated" : "value"} aria-label={`Filter ${i + 1} value`} aria-invalid={Boolean(fe?.value)} {...form.register(`filters.${i}.value`)} />
                  {fe?.value && <span className="field-error">{fe.value.message}</span>}
                </div>
              )}
              {op === "BETWEEN" && (
                <div className="field">
                  <input type="text" placeholder="upper bound" aria-label={`Filter ${i + 1} upper bound`} aria-invalid={Boolean(fe?.highValue)} {...form.register(`filters.${i}.highValue`)} />
                  {fe?.highValue && <span className="field-error">{fe.highValue.message}</span>}
                </div>
              )}
              <button type="button" className="btn btn-icon" onClick={() => filters.remove(i)} disabled={filters.fields.length === 1}>
                Remove
              </button>
            </div>
          );
        })}
        {errs.filters?.message && <span className="field-error">{errs.filters.message}</span>}
        <div>
          <button type="button" className="btn" disabled={filters.fields.length >= MAX_RULE_FILTERS} onClick={() => filters.append({ property: "", operator: "EQ", value: "", highValue: "" })}>
            + Add filter
          </button>
        </div>
      </div>
      {error && <p className="banner banner-error">{error}</p>}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={pending}>
          {pending ? "Saving…" : "Save rule"}
        </button>
        <button type="button" className="btn" onClick={() => onDone()}>
          Cancel
        </button>
      </div>
    </form>
  );
}
