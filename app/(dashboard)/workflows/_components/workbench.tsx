"use client";

import { useEffect, useState } from "react";
import { leadVariablesAction } from "../_actions/lead-variables";
import { TemplatesPanel } from "./templates-panel";
import { RulesPanel } from "./rules-panel";
import type { LeadOption, PreviewLead, RuleRow, TemplateRow, VariableDef } from "./types";

export function Workbench(props: { canEdit: boolean; variables: VariableDef[]; templates: TemplateRow[]; rules: RuleRow[]; leads: LeadOption[]; initialLeadId?: string }) {
  const [leadId, setLeadId] = useState(props.initialLeadId ?? "");
  const [lead, setLead] = useState<PreviewLead>(null);
  const [error, setError] = useState<string | null>(null);

  // The lead's values come from the server (scoped to the workspace); rendering and evaluation then run here, live.
  useEffect(() => {
    if (!leadId) return;
    let current = true;
    leadVariablesAction({ leadId }).then((res) => {
      if (!current) return;
      if (res.ok) {
        setLead({ id: leadId, ...res.data });
        setError(null);
      } else setError(res.error);
    });
    return () => {
      current = false;
    };
  }, [leadId]);

  return (
    <div className="stack">
      <div className="card row">
        <div className="field">
          <label htmlFor="preview-lead">Preview with lead</label>
          <select id="preview-lead" value={leadId} onChange={(e) => setLeadId(e.target.value)}>
            {props.leads.length === 0 && <option value="">No leads yet</option>}
            {props.leads.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
                {l.email && l.email !== l.name ? ` (${l.email})` : ""}
              </option>
            ))}
          </select>
        </div>
        {lead && (
          <p className="small muted" data-testid="preview-owner">
            Owner: {lead.vars["owner.fullName"] ? `${lead.vars["owner.fullName"]} (${lead.vars["owner.email"]})` : "No active owner"}
          </p>
        )}
        {error && <p className="banner banner-error">{error}</p>}
      </div>
      <TemplatesPanel canEdit={props.canEdit} variables={props.variables} templates={props.templates} lead={lead} />
      <RulesPanel canEdit={props.canEdit} variables={props.variables} templates={props.templates} rules={props.rules} lead={lead} />
    </div>
  );
}
