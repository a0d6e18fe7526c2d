import Link from "next/link";
import type { Db } from "@/lib/db/client";
import { renderTemplate } from "@/lib/workflows/templates";
import { actionLabel, evaluateRule } from "@/lib/workflows/conditions";
import { leadVariables, type LeadForVariables } from "@/lib/workflows/variables";
import { listTemplates } from "@/lib/workflows/store";
import { listLeadMatches, loadRules } from "@/lib/workflows/evaluate";

const triggerLabel = { capture: "on capture", pull: "on pull import", owner_sync: "after an owner change", manual: "on evaluation" } as const;

function when(d: Date) {
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** PRODUCT.md screen 6 on the lead page: each template rendered for this lead, and which rules match it and why. */
export async function LeadWorkflows({ db, workspaceId, lead }: { db: Db; workspaceId: string; lead: LeadForVariables & { id: string } }) {
  const [templates, rules, recorded] = await Promise.all([listTemplates(db, workspaceId), loadRules(db, workspaceId), listLeadMatches(db, workspaceId, lead.id)]);
  const vars = leadVariables(lead);
  const recordedByRule = new Map(recorded.map((m) => [m.ruleId, m]));
  return (
    <section className="card" aria-labelledby="lead-workflows">
      <h2 id="lead-workflows">Workflows and messages</h2>
      {templates.length === 0 && rules.length === 0 && (
        <p className="muted">
          No templates or rules yet. <Link href="/workflows">Set them up</Link>.
        </p>
      )}
      {templates.length > 0 && (
        <>
          <h3>Message previews</h3>
          <ul>
            {templates.map((t) => {
              const r = renderTemplate(t.body, vars, { escape: false });
              return (
                <li key={t.id} data-testid="lead-template-preview">
                  <strong>{t.name}:</strong> {r.text}
                  {r.emptyWithoutFallback.length > 0 && <span className="small muted"> (empty: {r.emptyWithoutFallback.join(", ")})</span>}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {rules.length > 0 && (
        <>
          <h3>Workflow rules</h3>
          <ul>
            {rules.map((rule) => {
              const res = evaluateRule(rule, vars);
              const rec = recordedByRule.get(rule.id);
              return (
                <li key={rule.id} data-testid="lead-rule" data-matched={res.matched}>
                  <span className={`badge ${res.matched ? "badge-ok" : "badge-warn"}`}>{res.matched ? "Matches" : "No match"}</span> <strong>{rule.name}</strong> →{" "}
                  {actionLabel(rule.action)}
                  <div className="small">{res.reason}: {res.conditions.map((c) => c.reason).join("; ")}</div>
                  {rec && (
                    <div className="small muted" data-testid="lead-rule-recorded">
                      Recorded {triggerLabel[rec.trigger]} at {when(rec.matchedAt)}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
          <p className="small">
            <Link href={`/workflows?lead=${lead.id}`}>Test and edit in Workflows</Link>
          </p>
        </>
      )}
    </section>
  );
}
