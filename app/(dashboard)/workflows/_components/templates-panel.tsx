"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMemo, useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { useRouter } from "next/navigation";
import { templateSchema, type TemplateInput } from "@/lib/validators/workflows";
import { renderTemplate, validateTemplate } from "@/lib/workflows/templates";
import { saveTemplateAction } from "../_actions/save-template";
import { deleteTemplateAction } from "../_actions/delete-template";
import type { PreviewLead, TemplateRow, VariableDef } from "./types";

const EXAMPLE = `Hi {{lead.firstName | "there"}}, {{owner.firstName | "our team"}} will reach out shortly.`;

export function TemplatesPanel({ canEdit, variables, templates, lead }: { canEdit: boolean; variables: VariableDef[]; templates: TemplateRow[]; lead: PreviewLead }) {
  const router = useRouter();
  const known = useMemo(() => new Set(variables.map((v) => v.name)), [variables]);
  const form = useForm<TemplateInput>({ resolver: zodResolver(templateSchema), defaultValues: { name: "", body: EXAMPLE } });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const body = form.watch("body") ?? "";
  // A save error describes the text as it was: once the text changes, it no longer applies.
  const [failedBody, setFailedBody] = useState<string | null>(null);
  const shownMessage = message && !message.ok && failedBody !== null && failedBody !== body ? null : message;
  const issues = validateTemplate(body, known);
  const preview = lead ? renderTemplate(body, lead.vars, { escape: false }) : null;
  const e = form.formState.errors;

  const edit = (t: TemplateRow | null) => {
    form.reset(t ? { id: t.id, name: t.name, body: t.body } : { name: "", body: EXAMPLE });
    setMessage(null);
  };

  return (
    <section className="card stack" aria-labelledby="templates-h">
      <h2 id="templates-h">Message templates</h2>
      {templates.length === 0 ? (
        <p className="muted">No templates yet.</p>
      ) : (
        <table className="table" aria-label="Message templates">
          <thead>
            <tr>
              <th>Name</th>
              <th>Template</th>
              <th>Preview{lead ? ` for ${lead.name}` : ""}</th>
              {canEdit && <th />}
            </tr>
          </thead>
          <tbody>
            {templates.map((t) => (
              <tr key={t.id} data-testid="template-row">
                <td>{t.name}</td>
                <td className="small">
                  <code>{t.body}</code>
                </td>
                <td data-testid="template-row-preview">{lead ? renderTemplate(t.body, lead.vars, { escape: false }).text : "—"}</td>
                {canEdit && (
                  <td>
                    <button type="button" className="btn" onClick={() => edit(t)}>
                      Edit
                    </button>{" "}
                    <button
                      type="button"
                      className="btn btn-danger"
                      aria-label={`Delete template ${t.name}`}
                      onClick={() =>
                        start(async () => {
                          const res = await deleteTemplateAction({ id: t.id });
                          setMessage(res.ok ? { ok: true, text: `Template “${t.name}” deleted.` } : { ok: false, text: res.error });
                          if (res.ok) router.refresh();
                        })
                      }
                    >
                      Delete
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit ? (
        <form
          className="stack"
          aria-label="Template editor"
          noValidate
          onSubmit={form.handleSubmit((values) =>
            start(async () => {
              const res = await saveTemplateAction(values);
              if (res.ok) {
                form.reset({ name: "", body: EXAMPLE });
                setMessage({ ok: true, text: `Template “${values.name}” saved.` });
                router.refresh();
              } else {
                for (const [p, m] of Object.entries(res.fieldErrors ?? {})) form.setError(p as never, { message: m });
                setFailedBody(values.body);
                setMessage({ ok: false, text: res.error });
              }
            }),
          )}
        >
          <h3>{form.watch("id") ? "Edit template" : "New template"}</h3>
          <div className="field">
            <label htmlFor="tpl-name">Template name</label>
            <input id="tpl-name" type="text" aria-invalid={Boolean(e.name)} {...form.register("name")} />
            {e.name && <span className="field-error">{e.name.message}</span>}
          </div>
          <div className="field">
            <label htmlFor="tpl-body">Message</label>
            <textarea id="tpl-body" rows={4} aria-invalid={Boolean(e.body) || issues.length > 0} aria-describedby="tpl-help" {...form.register("body")} />
            <span id="tpl-help" className="small muted">
              Variables: {"{{lead.firstName}}"}, {"{{owner.firstName}}"}; a fallback for empty values: {'{{owner.firstName | "our team"}}'}.
            </span>
            {issues.map((i) => (
              <span key={`${i.index}-${i.code}`} className="field-error" data-testid="template-issue">
                {i.message} (line {i.line}, column {i.column})
              </span>
            ))}
            {e.body && <span className="field-error">{e.body.message}</span>}
          </div>
          <details>
            <summary className="small">Available variables ({variables.length})</summary>
            <ul className="small">
              {variables.map((v) => (
                <li key={v.name}>
                  <code>{`{{${v.name}}}`}</code> — {v.label}
                </li>
              ))}
            </ul>
          </details>
          <div className="card" aria-label="Live preview" data-testid="template-preview">
            <div className="small muted">Live preview{lead ? ` for ${lead.name}` : ""}</div>
            <p data-testid="template-preview-text">{preview ? preview.text : "Pick a lead above to preview."}</p>
            {preview && preview.emptyWithoutFallback.length > 0 && (
              <p className="small banner banner-warn">Empty for this lead and without a fallback: {preview.emptyWithoutFallback.join(", ")}</p>
            )}
          </div>
          {shownMessage && (
            <p role="status" className={`banner ${shownMessage.ok ? "banner-ok" : "banner-error"}`}>
              {shownMessage.text}
            </p>
          )}
          <div className="row">
            <button className="btn btn-primary" type="submit" disabled={pending}>
              Save template
            </button>
            {form.watch("id") && (
              <button type="button" className="btn" onClick={() => edit(null)}>
                Cancel
              </button>
            )}
          </div>
        </form>
      ) : (
        <p className="muted small">Templates are edited by admins.</p>
      )}
    </section>
  );
}
