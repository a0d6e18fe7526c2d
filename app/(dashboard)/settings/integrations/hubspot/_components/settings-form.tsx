"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useState, useTransition } from "react";
import { useFieldArray, useForm } from "react-hook-form";
import { hubspotSettingsSchema, type HubSpotSettingsInput } from "@/lib/validators/hubspot-settings";
import { saveHubSpotSettingsAction } from "../_actions/save-hubspot-settings";
import { MappingTable, type PropertyOption, type LeadFieldOption } from "./mapping-table";

export type SettingsFormProps = {
  initial: HubSpotSettingsInput;
  leadFields: LeadFieldOption[];
  properties: PropertyOption[] | null;
  canEdit: boolean;
};

export function SettingsForm({ initial, leadFields, properties, canEdit }: SettingsFormProps) {
  const form = useForm<HubSpotSettingsInput>({ resolver: zodResolver(hubspotSettingsSchema), defaultValues: initial, mode: "onSubmit" });
  const rows = useFieldArray({ control: form.control, name: "mappings" });
  const [banner, setBanner] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [pending, start] = useTransition();
  // Marks the form interactive once hydrated, so a click before hydration is never silently undone.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const updateOn = form.watch("updateExisting");
  const disabled = !canEdit || pending;

  const submit = form.handleSubmit(
    (values) =>
      start(async () => {
        setBanner(null);
        const res = await saveHubSpotSettingsAction(values);
        if (res.ok) {
          setBanner({ kind: "ok", text: "Settings saved." });
          form.reset(values);
          return;
        }
        for (const [path, message] of Object.entries(res.fieldErrors ?? {})) {
          form.setError(path as never, { type: "server", message });
        }
        setBanner({ kind: "error", text: res.fieldErrors?.mappings ?? res.error });
      }),
    () => setBanner({ kind: "error", text: "Please fix the highlighted fields; nothing was saved." }),
  );

  return (
    <form onSubmit={submit} noValidate aria-label="HubSpot settings" data-ready={ready}>
      <section className="card" aria-labelledby="push-rules">
        <h2 id="push-rules">Push Rules</h2>
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            disabled={disabled}
            {...form.register("updateExisting", {
              onChange: (e) => {
                if (!e.target.checked) form.setValue("createNew", false);
              },
            })}
          />
          <span>
            Update matching, pre-existing HubSpot Contact
            <br />
            <span className="muted small">When a lead gives an email, Spara finds the contact by email (then by its stored contact id) and writes the mapped fields.</span>
          </span>
        </label>
        <label className="switch">
          <input type="checkbox" role="switch" disabled={disabled || !updateOn} {...form.register("createNew")} />
          <span>
            Create HubSpot Contact when no match is found
            <br />
            <span className="muted small" data-testid="create-hint">
              {updateOn ? "New contacts get the email and every mapped value." : "Turn on “Update matching, pre-existing HubSpot Contact” first: creating needs updating."}
            </span>
          </span>
        </label>
        {form.formState.errors.createNew && <p className="field-error">{form.formState.errors.createNew.message}</p>}
      </section>

      <section className="card" aria-labelledby="data-model-sync">
        <div className="card-head">
          <h2 id="data-model-sync">Data Model Sync</h2>
          <a href="/data-model">View your Data Model</a>
        </div>
        <p className="muted small">Each row maps a Spara lead field to a HubSpot contact property, for push and pull alike. The write rule decides whether an existing value is replaced.</p>
        {!properties && <p className="banner banner-warn">Connect HubSpot to choose contact properties. Existing mappings are kept.</p>}
        <MappingTable form={form} rows={rows} leadFields={leadFields} properties={properties ?? []} disabled={disabled || !properties} />
        {form.formState.errors.mappings?.message && <p className="field-error">{form.formState.errors.mappings.message}</p>}
        <div className="row" style={{ marginTop: 10 }}>
          <button type="button" className="btn" disabled={disabled || !properties} onClick={() => rows.append({ leadField: "", hubspotProperty: "", writeRule: "overwrite" })}>
            + Add mapping
          </button>
        </div>
      </section>

      <section className="card" aria-labelledby="owner-data">
        <h2 id="owner-data">Owner Data</h2>
        <label className="switch">
          <input type="checkbox" role="switch" disabled={disabled} {...form.register("syncOwner")} />
          <span>
            Sync contact owner
            <br />
            <span className="muted small">Shows each lead’s active HubSpot owner, usable in workflows and message templates.</span>
          </span>
        </label>
      </section>

      {banner && (
        <p role="status" className={`banner ${banner.kind === "ok" ? "banner-ok" : "banner-error"}`}>
          {banner.text}
        </p>
      )}
      {canEdit && (
        <div className="row" style={{ marginBottom: 18 }}>
          <button type="submit" className="btn btn-primary" disabled={pending}>
            {pending ? "Saving…" : "Save settings"}
          </button>
          {form.formState.isDirty && <span className="muted small">Unsaved changes</span>}
        </div>
      )}
    </form>
  );
}
