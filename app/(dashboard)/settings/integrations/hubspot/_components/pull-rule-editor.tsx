"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { FormProvider, useFieldArray, useForm } from "react-hook-form";
import { MAX_RULE_FILTERS, pullRuleSchema } from "@/lib/validators/pull-rule";
import type { PullPreview } from "@/lib/sync/pull-preview";
import { savePullRuleAction } from "../_actions/save-pull-rule";
import { previewPullRuleAction } from "../_actions/preview-pull-rule";
import { PullFilterRow } from "./pull-filter-row";
import { PullPreviewPanel } from "./pull-preview-panel";
import type { PullListOption, PullPropertyOption, PullRuleFormValues } from "./pull-rule-types";

const emptyFilter = { property: "", operator: "EQ" as const, value: "", highValue: "", values: [] };

export function PullRuleEditor({
  properties,
  lists,
  initial,
  onDone,
}: {
  properties: PullPropertyOption[];
  lists: PullListOption[] | null;
  initial?: PullRuleFormValues;
  onDone: (message?: string) => void;
}) {
  const form = useForm<PullRuleFormValues>({
    resolver: zodResolver(pullRuleSchema),
    defaultValues: initial ?? { name: "", schedule: "manual", enabled: true, listId: "", filters: [emptyFilter] },
  });
  const filters = useFieldArray({ control: form.control, name: "filters" });
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<PullPreview | null>(null);
  const [pending, start] = useTransition();
  const [previewing, startPreview] = useTransition();
  const errs = form.formState.errors;

  const applyServerErrors = (fieldErrors?: Record<string, string>) => {
    for (const [path, message] of Object.entries(fieldErrors ?? {})) form.setError(path as never, { type: "server", message });
  };

  const submit = form.handleSubmit((values) =>
    start(async () => {
      setError(null);
      const res = await savePullRuleAction(values);
      if (res.ok) return onDone(`Pull rule “${values.name}” saved.`);
      applyServerErrors(res.fieldErrors);
      setError(res.error);
    }),
  );

  const runPreview = form.handleSubmit((values) =>
    startPreview(async () => {
      setError(null);
      setPreview(null);
      const res = await previewPullRuleAction(values);
      if (res.ok) return setPreview(res.data);
      applyServerErrors(res.fieldErrors);
      setError(res.error);
    }),
  );

  return (
    <FormProvider {...form}>
      <form onSubmit={submit} noValidate className="card stack" aria-label="Pull rule editor" style={{ background: "#fafbfc" }}>
        <strong>{initial?.id ? `Edit “${initial.name}”` : "New pull rule"}</strong>
        <div className="row" style={{ alignItems: "flex-start" }}>
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
        <div className="field">
          <label htmlFor="rule-list">HubSpot list (optional)</label>
          <select id="rule-list" aria-invalid={Boolean(errs.listId)} {...form.register("listId")} disabled={!lists}>
            <option value="">Any contact (no list condition)</option>
            {(lists ?? []).map((l) => (
              <option key={l.listId} value={l.listId}>
                {l.name} · {l.processingType.toLowerCase()}
                {l.size !== null ? ` · ${l.size} contacts` : ""}
              </option>
            ))}
          </select>
          {errs.listId && <span className="field-error">{errs.listId.message}</span>}
          {!lists && <span className="muted small">The portal&apos;s lists could not be loaded.</span>}
        </div>
        <div className="stack">
          <strong>Contacts matching all of these filters</strong>
          <span className="muted small">Filters in a rule are ANDed; a contact that matches any rule is pulled.</span>
          {filters.fields.map((f, i) => (
            <PullFilterRow key={f.id} index={i} properties={properties} onRemove={() => filters.remove(i)} canRemove={filters.fields.length > 1 || Boolean(form.watch("listId"))} />
          ))}
          {(errs.filters?.message || errs.filters?.root?.message) && <span className="field-error">{errs.filters?.message ?? errs.filters?.root?.message}</span>}
          <div>
            <button type="button" className="btn" disabled={filters.fields.length >= MAX_RULE_FILTERS} onClick={() => filters.append(emptyFilter)}>
              + Add filter
            </button>
            {filters.fields.length >= MAX_RULE_FILTERS && <span className="muted small"> At most {MAX_RULE_FILTERS} filters: HubSpot allows 6 per search and the import uses 2.</span>}
          </div>
        </div>
        {error && <p className="banner banner-error">{error}</p>}
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={pending}>
            {pending ? "Saving…" : "Save rule"}
          </button>
          <button type="button" className="btn" disabled={previewing} onClick={runPreview}>
            {previewing ? "Previewing…" : "Preview"}
          </button>
          <button type="button" className="btn" onClick={() => onDone()}>
            Cancel
          </button>
        </div>
        {preview && <PullPreviewPanel preview={preview} />}
      </form>
    </FormProvider>
  );
}
