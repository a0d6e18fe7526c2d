import { redirect } from "next/navigation";
import { desc, eq } from "drizzle-orm";
import { getSessionContext } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { leads } from "@/drizzle/schema";
import { leadName } from "@/lib/data-model/lead-display";
import { listRules, listTemplates, listWorkflowVariables } from "@/lib/workflows/store";
import { Workbench } from "./_components/workbench";

export default async function WorkflowsPage({ searchParams }: { searchParams: Promise<{ lead?: string }> }) {
  const ctx = await getSessionContext();
  if (!ctx) redirect("/login");
  const db = await getDb();
  const [variables, templates, rules, recent] = await Promise.all([
    listWorkflowVariables(db, ctx.workspaceId),
    listTemplates(db, ctx.workspaceId),
    listRules(db, ctx.workspaceId),
    // The preview picker offers the most recently active leads of this workspace.
    db.select().from(leads).where(eq(leads.workspaceId, ctx.workspaceId)).orderBy(desc(leads.updatedAt)).limit(100),
  ]);
  const { lead } = await searchParams;
  return (
    <>
      <h1>Workflows and personalization</h1>
      <p className="muted">
        Message templates personalize what the agent says; workflow rules route leads. Both use lead fields and the owner fields from HubSpot
        (see the Data Model). Pick a lead to preview templates and test rules against it.
      </p>
      <Workbench
        canEdit={can(ctx.role, "workflows.edit")}
        variables={variables}
        templates={templates.map((t) => ({ id: t.id, name: t.name, body: t.body }))}
        rules={rules.map((r) => ({ id: r.id, name: r.name, match: r.match, conditions: r.conditions, actionType: r.actionType, templateId: r.templateId, enabled: r.enabled }))}
        leads={recent.map((l) => ({ id: l.id, name: leadName(l), email: l.email }))}
        initialLeadId={recent.some((l) => l.id === lead) ? lead : recent[0]?.id}
      />
    </>
  );
}
