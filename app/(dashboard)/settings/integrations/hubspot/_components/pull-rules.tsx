"use client";

import { createColumnHelper, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table/data-table";
import { useMemo, useState, useTransition } from "react";
import { deletePullRuleAction } from "../_actions/delete-pull-rule";
import { runPullRuleAction } from "../_actions/run-pull-rule";
import { togglePullRuleAction } from "../_actions/toggle-pull-rule";
import { PullRuleAudit, type PullRuleAuditView } from "./pull-rule-audit";
import { PullRuleEditor } from "./pull-rule-editor";
import { toEditorValues, type PullListOption, type PullPropertyOption, type PullRuleView } from "./pull-rule-types";

export type { PullRuleView } from "./pull-rule-types";

const col = createColumnHelper<PullRuleView>();

export function PullRules({
  rules,
  canEdit,
  properties,
  lists,
  audit,
}: {
  audit: PullRuleAuditView[];
  rules: PullRuleView[];
  canEdit: boolean;
  properties: PullPropertyOption[] | null;
  lists: PullListOption[] | null;
}) {
  const [editing, setEditing] = useState<"new" | PullRuleView | null>(null);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [pending, start] = useTransition();

  const columns = useMemo(() => {
    const act = (fn: () => Promise<{ ok: boolean; error?: string }>, ok: string) =>
      start(async () => {
        const res = await fn();
        setMessage(res.ok ? { kind: "ok", text: ok } : { kind: "error", text: res.error ?? "Failed" });
      });
    return [
      col.accessor("name", {
        header: "Name",
        cell: ({ row: { original: r } }) => (
          <>
            {r.name} {!r.enabled && <span className="badge">disabled</span>}
          </>
        ),
      }),
      col.accessor("filtersText", {
        header: "Filters",
        cell: ({ row: { original: r } }) => (
          <>
            {r.filtersText && <code>{r.filtersText}</code>}
            {r.listName && (
              <div className="small">
                {r.filtersText ? "AND " : ""}in list <strong>{r.listName}</strong>
              </div>
            )}
          </>
        ),
      }),
      col.accessor("schedule", { header: "Schedule" }),
      col.display({
        id: "lastRun",
        header: "Last run",
        cell: ({ row: { original: r } }) =>
          r.lastRun ? (
            <div data-testid="pull-rule-last-run">
              <span className={`badge ${r.lastRun.status === "completed" ? "badge-ok" : r.lastRun.status === "failed" ? "badge-error" : "badge-warn"}`}>{r.lastRun.status}</span>{" "}
              <span className="small">{r.lastRun.countsText}</span>
              {r.lastRun.error && <div className="field-error">{r.lastRun.error}</div>}
              <div className="muted small">{r.lastRun.startedAt}</div>
            </div>
          ) : (
            <span className="muted" data-testid="pull-rule-last-run">
              Never run
            </span>
          ),
      }),
      ...(canEdit
        ? [
            col.display({
              id: "actions",
              header: "",
              cell: ({ row: { original: r } }) => (
                <div className="row">
                  <button className="btn" disabled={pending || !properties} onClick={() => act(() => runPullRuleAction({ id: r.id }), `Started “${r.name}”. Progress shows below.`)}>
                    Run now
                  </button>
                  <button className="btn" disabled={pending || !properties} onClick={() => setEditing(r)}>
                    Edit
                  </button>
                  <label className="switch" style={{ padding: 0 }}>
                    <input
                      type="checkbox"
                      role="switch"
                      aria-label={`Enabled: ${r.name}`}
                      checked={r.enabled}
                      disabled={pending}
                      onChange={(e) => act(() => togglePullRuleAction({ id: r.id, enabled: e.target.checked }), `“${r.name}” ${e.target.checked ? "enabled" : "disabled"}.`)}
                    />
                  </label>
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
              ),
            }),
          ]
        : []),
    ];
  }, [canEdit, pending, properties]);

  const table = useReactTable({ data: rules, columns, getCoreRowModel: getCoreRowModel(), getRowId: (r) => r.id });

  return (
    <section className="card" aria-labelledby="pull-rules">
      <div className="card-head">
        <h2 id="pull-rules">Pull Rules</h2>
        {canEdit && !editing && (
          <button className="btn" onClick={() => setEditing("new")} disabled={!properties}>
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
          key={editing === "new" ? "new" : editing.id}
          properties={properties}
          lists={lists}
          initial={editing === "new" ? undefined : toEditorValues(editing, properties)}
          onDone={(text) => {
            setEditing(null);
            if (text) setMessage({ kind: "ok", text });
          }}
        />
      )}
      {rules.length === 0 ? (
        <p className="muted">No pull rules yet.</p>
      ) : (
        <DataTable table={table} label="Pull rules" rowTestId={() => "pull-rule-row"} />
      )}
      <PullRuleAudit entries={audit} />
    </section>
  );
}
