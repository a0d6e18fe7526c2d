"use client";

import { createColumnHelper, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table/data-table";
import { useMemo } from "react";
import type { UseFieldArrayReturn, UseFormReturn } from "react-hook-form";
import { LockIcon } from "@/components/ui/lock-icon";
import { writeRuleLabels, writeRules, type HubSpotSettingsInput } from "@/lib/validators/hubspot-settings";

export type PropertyOption = { name: string; label: string; type: string; fieldType: string };
export type LeadFieldOption = { key: string; label: string; type: string };

type Row = { index: number; locked: boolean };

const col = createColumnHelper<Row>();

/** The Data Model Sync table: the locked Email row first, then the editable rows of the form. */
export function MappingTable({
  form,
  rows,
  leadFields,
  properties,
  disabled,
}: {
  form: UseFormReturn<HubSpotSettingsInput>;
  rows: UseFieldArrayReturn<HubSpotSettingsInput, "mappings">;
  leadFields: LeadFieldOption[];
  properties: PropertyOption[];
  disabled: boolean;
}) {
  const errors = form.formState.errors.mappings;
  const data = useMemo<Row[]>(() => [{ index: -1, locked: true }, ...rows.fields.map((_, index) => ({ index, locked: false }))], [rows.fields]);

  const columns = useMemo(
    () => [
      col.display({
        id: "leadField",
        header: "Spara Lead Field",
        cell: ({ row }) => {
          if (row.original.locked) return (
            <span>
              <LockIcon />
              Email
            </span>
          );
          const i = row.original.index;
          const err = errors?.[i]?.leadField?.message;
          return (
            <div className="field">
              <select aria-label={`Spara field, row ${i + 2}`} aria-invalid={Boolean(err)} disabled={disabled} {...form.register(`mappings.${i}.leadField`)}>
                <option value="">Choose a field…</option>
                {leadFields.filter((f) => f.key !== "email").map((f) => (
                  <option key={f.key} value={f.key}>
                    {f.label} ({f.type})
                  </option>
                ))}
              </select>
              {err && <span className="field-error">{err}</span>}
            </div>
          );
        },
      }),
      col.display({
        id: "hubspotProperty",
        header: "HubSpot Contact Field",
        cell: ({ row }) => {
          if (row.original.locked) return (
            <span>
              <LockIcon />
              Email (email)
            </span>
          );
          const i = row.original.index;
          const err = errors?.[i]?.hubspotProperty?.message;
          return (
            <div className="field">
              <input
                type="text"
                list="hubspot-contact-properties"
                placeholder="Search properties…"
                aria-label={`HubSpot property, row ${i + 2}`}
                aria-invalid={Boolean(err)}
                disabled={disabled}
                autoComplete="off"
                {...form.register(`mappings.${i}.hubspotProperty`)}
              />
              {err && <span className="field-error">{err}</span>}
            </div>
          );
        },
      }),
      col.display({
        id: "writeRule",
        header: "Write rule",
        cell: ({ row }) => {
          if (row.original.locked) return <span className="muted">{writeRuleLabels.overwrite} (locked)</span>;
          const i = row.original.index;
          return (
            <select aria-label={`Write rule, row ${i + 2}`} disabled={disabled} {...form.register(`mappings.${i}.writeRule`)}>
              {writeRules.map((r) => (
                <option key={r} value={r}>
                  {writeRuleLabels[r]}
                </option>
              ))}
            </select>
          );
        },
      }),
      col.display({
        id: "remove",
        header: "",
        cell: ({ row }) =>
          row.original.locked ? (
            <span className="muted small">Locked</span>
          ) : (
            <button type="button" className="btn btn-icon" aria-label={`Remove row ${row.original.index + 2}`} disabled={disabled} onClick={() => rows.remove(row.original.index)}>
              Remove
            </button>
          ),
      }),
    ],
    [form, rows, leadFields, disabled, errors],
  );

  const table = useReactTable({ data, columns, getCoreRowModel: getCoreRowModel(), getRowId: (r) => (r.locked ? "email" : rows.fields[r.index]?.id ?? String(r.index)) });

  return (
    <>
      <datalist id="hubspot-contact-properties">
        {properties.map((p) => (
          <option key={p.name} value={p.name}>
            {p.label} · {p.type}
            {p.fieldType === "checkbox" ? " (multi-select)" : ""}
          </option>
        ))}
      </datalist>
      <DataTable table={table} label="Data Model Sync mappings" rowTestId={(row) => (row.locked ? "mapping-row-email" : "mapping-row")} />
    </>
  );
}
