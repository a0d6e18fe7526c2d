"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { simulateCaptureAction } from "../_actions/capture";

type FieldOption = { key: string; label: string; type: string; options: string[] };
type Result = { leadId: string; created: boolean; changedFields: string[]; pushQueued: boolean };

function newConversationId() {
  return `sim-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

export function SimulatorForm({ fields }: { fields: FieldOption[] }) {
  const [conversationId, setConversationId] = useState(newConversationId);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [results, setResults] = useState<Result[]>([]);
  const [pending, start] = useTransition();

  const submit = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const values: Record<string, string | number | boolean> = {};
    for (const f of fields) {
      const raw = String(data.get(f.key) ?? "").trim();
      if (f.type === "boolean") {
        if (data.get(f.key)) values[f.key] = true;
      } else if (raw) values[f.key] = f.type === "number" && Number.isFinite(Number(raw)) ? Number(raw) : raw;
    }
    const summary = String(data.get("insight.summary") ?? "").trim();
    const intent = String(data.get("insight.intent") ?? "");
    const insights = {
      ...(summary ? { summary } : {}),
      ...(intent ? { intent } : {}),
      ...(data.get("insight.meetingBooked") ? { meetingBooked: true } : {}),
      lastConversationAt: new Date().toISOString(),
    };
    start(async () => {
      setError(null);
      setErrors({});
      const res = await simulateCaptureAction({ conversationId, fields: values, insights });
      if (res.ok) setResults((r) => [res.data, ...r]);
      else {
        setError(res.error);
        setErrors(res.fieldErrors ?? {});
      }
    });
  };

  return (
    <div className="grid-2">
      <form
        className="card stack"
        aria-label="Capture"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit(e.currentTarget);
        }}
      >
        <div className="field">
          <label htmlFor="conversationId">Conversation</label>
          <div className="row">
            <input id="conversationId" type="text" value={conversationId} onChange={(e) => setConversationId(e.target.value)} style={{ flex: 1 }} />
            <button type="button" className="btn" onClick={() => setConversationId(newConversationId())}>
              New conversation
            </button>
          </div>
          {errors.conversationId && <span className="field-error">{errors.conversationId}</span>}
        </div>
        {fields.map((f) => {
          const err = errors[`fields.${f.key}`];
          return (
            <div className="field" key={f.key}>
              <label htmlFor={`f-${f.key}`}>{f.label}</label>
              {f.type === "boolean" ? (
                <input id={`f-${f.key}`} name={f.key} type="checkbox" />
              ) : f.type === "select" ? (
                <select id={`f-${f.key}`} name={f.key} defaultValue="">
                  <option value="" />
                  {f.options.map((o) => (
                    <option key={o}>{o}</option>
                  ))}
                </select>
              ) : (
                <input id={`f-${f.key}`} name={f.key} type={f.key === "email" ? "email" : "text"} aria-invalid={Boolean(err)} />
              )}
              {err && <span className="field-error">{err}</span>}
            </div>
          );
        })}
        <fieldset className="stack">
          <legend>Insights</legend>
          <div className="field">
            <label htmlFor="insight-summary">Conversation summary</label>
            <textarea id="insight-summary" name="insight.summary" rows={3} />
          </div>
          <div className="field">
            <label htmlFor="insight-intent">Intent</label>
            <select id="insight-intent" name="insight.intent" defaultValue="">
              <option value="" />
              <option value="high">high</option>
              <option value="medium">medium</option>
              <option value="low">low</option>
            </select>
          </div>
          <label className="row">
            <input type="checkbox" name="insight.meetingBooked" /> Meeting booked
          </label>
        </fieldset>
        {error && <p className="banner banner-error">{error}</p>}
        <button className="btn btn-primary" type="submit" disabled={pending}>
          {pending ? "Sending…" : "Send capture"}
        </button>
      </form>
      <section className="card" aria-labelledby="captures">
        <h2 id="captures">Captures sent</h2>
        {results.length === 0 && <p className="muted">Nothing sent yet.</p>}
        <ul>
          {results.map((r, i) => (
            <li key={i} data-testid="capture-result">
              {r.created ? "New lead" : "Lead updated"} — changed: {r.changedFields.join(", ") || "nothing"}; {r.pushQueued ? "queued for HubSpot" : "not pushed"} ·{" "}
              <Link href={`/leads/${r.leadId}`}>Open lead</Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
