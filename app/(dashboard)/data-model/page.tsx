import { redirect } from "next/navigation";
import { getSessionContext } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { allLeadFields } from "@/lib/data-model/fields";
import { listCustomLeadFields } from "@/lib/sync/settings";
import { AddFieldForm } from "./_components/add-field-form";

const kindLabel = { builtin: "Built-in", insight: "Conversation insight", custom: "Custom", system: "System (read-only)" } as const;

export default async function DataModelPage() {
  const ctx = await getSessionContext();
  if (!ctx) redirect("/login");
  const fields = allLeadFields(await listCustomLeadFields(await getDb(), ctx.workspaceId));
  return (
    <>
      <h1>Data Model</h1>
      <p className="muted">Every lead field. Map them to HubSpot in Integrations › HubSpot › Data Model Sync; use them in workflows and message templates.</p>
      <div className="card">
        <table className="table" aria-label="Lead fields">
          <thead>
            <tr>
              <th>Label</th>
              <th>Key</th>
              <th>Type</th>
              <th>Kind</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <tr key={f.key} data-testid="data-model-row">
                <td>{f.label}</td>
                <td>
                  <code>{f.key}</code>
                </td>
                <td>
                  {f.type}
                  {f.options?.length ? <span className="muted small"> ({f.options.join(", ")})</span> : null}
                </td>
                <td>{kindLabel[f.kind]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {can(ctx.role, "datamodel.edit") && <AddFieldForm />}
    </>
  );
}
