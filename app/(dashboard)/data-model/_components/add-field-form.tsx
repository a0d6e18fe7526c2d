"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { customFieldSchema, type CustomFieldInput } from "@/lib/validators/custom-field";
import { addCustomFieldAction } from "../_actions/add-custom-field";

export function AddFieldForm() {
  const form = useForm<CustomFieldInput>({ resolver: zodResolver(customFieldSchema), defaultValues: { label: "", key: "", type: "text", options: "" } });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const type = form.watch("type");
  const e = form.formState.errors;
  return (
    <form
      className="card stack"
      aria-label="Add custom field"
      noValidate
      onSubmit={form.handleSubmit((values) =>
        start(async () => {
          const res = await addCustomFieldAction(values);
          if (res.ok) {
            setMessage({ ok: true, text: `Field “${values.label}” added.` });
            form.reset();
          } else {
            for (const [p, m] of Object.entries(res.fieldErrors ?? {})) form.setError(p as never, { message: m });
            setMessage({ ok: false, text: res.error });
          }
        }),
      )}
    >
      <h2>Add a custom field</h2>
      <div className="row">
        <div className="field">
          <label htmlFor="cf-label">Label</label>
          <input id="cf-label" type="text" aria-invalid={Boolean(e.label)} {...form.register("label")} />
          {e.label && <span className="field-error">{e.label.message}</span>}
        </div>
        <div className="field">
          <label htmlFor="cf-key">Key</label>
          <input id="cf-key" type="text" aria-invalid={Boolean(e.key)} {...form.register("key")} />
          {e.key && <span className="field-error">{e.key.message}</span>}
        </div>
        <div className="field">
          <label htmlFor="cf-type">Type</label>
          <select id="cf-type" {...form.register("type")}>
            <option value="text">Text</option>
            <option value="number">Number</option>
            <option value="boolean">Boolean</option>
            <option value="date">Date</option>
            <option value="select">Select</option>
            <option value="multiselect">Multi-select</option>
          </select>
        </div>
        {(type === "select" || type === "multiselect") && (
          <div className="field">
            <label htmlFor="cf-options">Options</label>
            <input id="cf-options" type="text" placeholder="small, medium, large" aria-invalid={Boolean(e.options)} {...form.register("options")} />
            {e.options && <span className="field-error">{e.options.message}</span>}
          </div>
        )}
      </div>
      {message && <p className={`banner ${message.ok ? "banner-ok" : "banner-error"}`}>{message.text}</p>}
      <div>
        <button className="btn btn-primary" type="submit" disabled={pending}>
          Add field
        </button>
      </div>
    </form>
  );
}
