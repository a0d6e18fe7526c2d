"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { actionLabel, describeCondition, evaluateRule, type RuleResult } from "@/lib/workflows/conditions";
import { deleteRuleAction } from "../_actions/delete-rule";
import { RuleForm } from "./rule-form";
import type { PreviewLead, RuleRow, TemplateRow, VariableDef } from "./types";

function ruleAction(r: RuleRow, templates: TemplateRow[]) {
  return r.actionType === "send_template" && r.templateId
    ? actionLabel({ type: "send_template", templateId: r.templateId, templateName: templates.find((t) => t.id === r.templateId)?.name })
    : actionLabel({ type: "route_to_owner" });
}

export function RulesPanel(props: { canEdit: boolean; variables: VariableDef[]; templates: TemplateRow[]; rules: RuleRow[]; lead: PreviewLead }) {
  const { canEdit, templates, rules, lead } = props;
  const router = useRouter();
  const [editing, setEditing] = useState<RuleRow | null>(null);
  const [results, setResults] = useState<{ leadName: string; byRule: Map<string, RuleResult> } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();

  return (
    <section className="card stack" aria-labelledby="rules-h">
      <div className="card-head">
        <h2 id="rules-h">Workflow rules</h2>
        <button
          type="button"
          className="btn"
          disabled={!lead || rules.length === 0}
          onClick={() => lead && setResults({ leadName: lead.name, byRule: new Map(rules.map((r) => [r.id, evaluateRule(r, lead.vars)])) })}
        >
          Test against lead
        </button>
      </div>
      {results && (
        <p role="status" className="small" data-testid="rule-test-summary">
          {results.leadName} matches {[...results.byRule.values()].filter((r) => r.matched).length} of {results.byRule.size} rules.
        </p>
      )}
      {rules.length === 0 ? (
        <p className="muted">No rules yet.</p>
      ) : (
        <table className="table" aria-label="Workflow rules">
          <thead>
            <tr>
              <th>Rule</th>
              <th>Conditions</th>
              <th>Action</th>
              {results && <th>Test result</th>}
              {canEdit && <th />}
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => {
              const res = results?.byRule.get(r.id);
              return (
                <tr key={r.id} data-testid="rule-row">
                  <td>
                    {r.name}
                    {!r.enabled && <span className="badge badge-warn"> off</span>}
                  </td>
                  <td className="small">
                    {r.match === "all" ? "All of" : "Any of"}:
                    <ul>
                      {r.conditions.map((c, i) => (
                        <li key={i}>{describeCondition(c)}</li>
                      ))}
                    </ul>
                  </td>
                  <td>{ruleAction(r, templates)}</td>
                  {results && (
                    <td data-testid="rule-test-result">
                      {res && (
                        <>
                          <span className={`badge ${res.matched ? "badge-ok" : "badge-warn"}`}>{res.matched ? "Matches" : "No match"}</span>
                          <div className="small">{res.reason}</div>
                          <ul className="small">
                            {res.conditions.map((c, i) => (
                              <li key={i}>
                                {c.matched ? "✓" : "✗"} {c.reason}
                              </li>
                            ))}
                          </ul>
                        </>
                      )}
                    </td>
                  )}
                  {canEdit && (
                    <td>
                      <button type="button" className="btn" onClick={() => setEditing(r)}>
                        Edit
                      </button>{" "}
                      <button
                        type="button"
                        className="btn btn-danger"
                        aria-label={`Delete rule ${r.name}`}
                        disabled={pending}
                        onClick={() =>
                          start(async () => {
                            const res = await deleteRuleAction({ id: r.id });
                            setMessage(res.ok ? `Rule “${r.name}” deleted.` : res.error);
                            if (res.ok) router.refresh();
                          })
                        }
                      >
                        Delete
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {message && <p className="small">{message}</p>}
      {canEdit ? (
        <RuleForm key={editing?.id ?? "new"} rule={editing} variables={props.variables} templates={templates} lead={lead} onDone={() => setEditing(null)} />
      ) : (
        <p className="muted small">Rules are edited by admins.</p>
      )}
    </section>
  );
}
