import { redirect } from "next/navigation";
import { getSessionContext } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { getConnection } from "@/lib/db/queries/connections";
import { getHubSpotSettings, listFieldMappings } from "@/lib/db/queries/hubspot-settings";
import { listPullRules } from "@/lib/db/queries/pull-rules";
import { listRecentRecords, listRecentRuns } from "@/lib/db/queries/sync-runs";
import { mappableLeadFields } from "@/lib/data-model/fields";
import { listCustomLeadFields } from "@/lib/sync/settings";
import { loadPortalProperties, writableProperties } from "@/lib/sync/portal-properties";
import { countsText, filtersText } from "@/lib/sync/format";
import { AutoRefresh } from "@/components/auto-refresh";
import { SettingsForm } from "./_components/settings-form";
import { PullRules, type PullRuleView } from "./_components/pull-rules";
import { listPullRuleAudit } from "@/lib/sync/pull-rules";
import { loadPortalLists } from "@/lib/sync/pull-rule-lists";
import type { PullListOption, PullPropertyOption } from "./_components/pull-rule-types";
import { SyncOwnersButton } from "./_components/sync-owners-button";
import { ResyncLeads } from "./_components/resync-leads";

export default async function HubSpotSettingsPage() {
  const ctx = await getSessionContext();
  if (!ctx) redirect("/login");
  const db = await getDb();
  const [settings, mappings, custom, conn, rules, runs, records, audit] = await Promise.all([
    getHubSpotSettings(db, ctx.workspaceId),
    listFieldMappings(db, ctx.workspaceId),
    listCustomLeadFields(db, ctx.workspaceId),
    getConnection(db, ctx.workspaceId),
    listPullRules(db, ctx.workspaceId),
    listRecentRuns(db, ctx.workspaceId, 15),
    listRecentRecords(db, ctx.workspaceId, 20),
    listPullRuleAudit(db, ctx.workspaceId, 15),
  ]);
  const canEditPullRules = can(ctx.role, "pullrules.edit");
  let properties = null;
  let propertiesError: string | null = null;
  try {
    properties = await loadPortalProperties(db, ctx.workspaceId);
  } catch (err) {
    propertiesError = `HubSpot's property list could not be loaded (${(err as Error).message}).`;
  }
  const propertyOptions = properties ? writableProperties(properties).map((p) => ({ name: p.name, label: p.label, type: p.type, fieldType: p.fieldType })) : null;
  // The rule editor offers every contact property (read-only ones like createdate filter fine), with its options.
  const pullPropertyOptions: PullPropertyOption[] | null = properties
    ? [...properties]
        .sort((a, b) => a.label.localeCompare(b.label))
        .map((p) => ({ name: p.name, label: p.label, type: p.type, fieldType: p.fieldType, options: p.type === "enumeration" && !p.externalOptions ? p.options.filter((o) => !o.hidden).map((o) => ({ label: o.label, value: o.value })) : null }))
    : null;
  let lists: PullListOption[] | null = null;
  if (canEditPullRules && properties) {
    try {
      lists = await loadPortalLists(db, ctx.workspaceId);
    } catch {
      lists = null; // the editor says the lists could not be loaded; filters still work
    }
  }
  const listNames = new Map((lists ?? []).map((l) => [l.listId, l.name]));
  const auditNames = new Map<string, string>();
  for (const a of [...audit].reverse()) {
    const d = JSON.parse(a.details) as { id?: string; name?: string; listId?: string | null; listName?: string | null };
    if (d.id && d.name) auditNames.set(d.id, d.name);
    if (d.listId && d.listName) listNames.set(d.listId, d.listName);
  }
  const runsById = new Map(runs.map((r) => [r.id, r]));
  const ruleViews: PullRuleView[] = rules.map((r) => {
    const last = r.lastRunId ? runsById.get(r.lastRunId) : runs.find((run) => run.pullRuleId === r.id);
    const latest = runs.find((run) => run.pullRuleId === r.id) ?? last;
    return {
      id: r.id,
      name: r.name,
      schedule: r.schedule,
      enabled: r.enabled,
      filters: r.filters,
      filtersText: filtersText(r.filters),
      listId: r.listId,
      listName: r.listId ? (listNames.get(r.listId) ?? `list ${r.listId}`) : null,
      lastRun: latest ? { status: latest.status, startedAt: latest.startedAt.toISOString().replace("T", " ").slice(0, 19) + " UTC", countsText: countsText(latest.counts), error: latest.error } : null,
    };
  });
  const anyRunning = runs.some((r) => r.status === "running");

  return (
    <>
      <AutoRefresh active={anyRunning} />
      <h1>HubSpot settings</h1>
      <p className="muted">
        {conn?.status === "connected" ? `Connected to portal ${conn.portalId}${conn.hubDomain ? ` (${conn.hubDomain})` : ""}.` : conn?.status === "needs_reauth" ? "HubSpot needs reauthorization: syncing is stopped." : "HubSpot is not connected: nothing is synced. Your configuration is kept."}
        {!can(ctx.role, "hubspot.settings.edit") && " You can view these settings; only admins can change them."}
      </p>
      {propertiesError && <p className="banner banner-error">{propertiesError}</p>}
      <SettingsForm
        initial={{
          updateExisting: settings.updateExisting,
          createNew: settings.createNew,
          syncOwner: settings.syncOwner,
          mappings: mappings.filter((m) => !m.locked).map((m) => ({ leadField: m.leadField, hubspotProperty: m.hubspotProperty, writeRule: m.writeRule })),
        }}
        leadFields={mappableLeadFields(custom).map((f) => ({ key: f.key, label: f.label, type: f.type }))}
        properties={propertyOptions}
        canEdit={can(ctx.role, "hubspot.settings.edit")}
      />
      {can(ctx.role, "sync.run") && settings.syncOwner && conn?.status === "connected" && (
        <section className="card">
          <h3>Owner sync</h3>
          <p className="muted small">Owners are re-read daily. Run it now to pick up owner changes made in HubSpot.</p>
          <SyncOwnersButton />
        </section>
      )}
      {can(ctx.role, "sync.run") && <ResyncLeads workspaceId={ctx.workspaceId} />}
      <PullRules
        rules={ruleViews}
        canEdit={canEditPullRules}
        properties={pullPropertyOptions}
        lists={lists}
        audit={audit.map((a) => {
          const d = JSON.parse(a.details) as { id?: string; name?: string };
          const name = d.name ?? (d.id ? auditNames.get(d.id) : undefined);
          return { id: a.id, at: a.at.toISOString().replace("T", " ").slice(0, 19) + " UTC", actorEmail: a.actorEmail, action: a.action, summary: name ? `“${name}”` : "" };
        })}
      />
      <section className="card" aria-labelledby="sync-activity">
        <h2 id="sync-activity">Sync activity</h2>
        {runs.length === 0 ? (
          <p className="muted">No sync runs yet.</p>
        ) : (
          <table className="table" aria-label="Recent sync runs">
            <thead>
              <tr>
                <th>Started</th>
                <th>Kind</th>
                <th>Status</th>
                <th>Counts</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id} data-testid="sync-run-row">
                  <td>{r.startedAt.toISOString().replace("T", " ").slice(0, 19)}</td>
                  <td>{r.kind}</td>
                  <td>
                    <span className={`badge ${r.status === "completed" ? "badge-ok" : r.status === "failed" ? "badge-error" : "badge-warn"}`}>{r.status}</span>
                    {r.error && <div className="field-error">{r.error}</div>}
                  </td>
                  <td>{countsText(r.counts)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {records.length > 0 && (
          <>
            <h3 style={{ marginTop: 16 }}>Recent records</h3>
            <table className="table" aria-label="Recent sync records">
              <thead>
                <tr>
                  <th>When</th>
                  <th>Direction</th>
                  <th>Outcome</th>
                  <th>Contact</th>
                  <th>Details</th>
                </tr>
              </thead>
              <tbody>
                {records.map((r) => (
                  <tr key={r.id}>
                    <td>{r.at.toISOString().replace("T", " ").slice(0, 19)}</td>
                    <td>{r.direction}</td>
                    <td>
                      {r.leadId ? <a href={`/leads/${r.leadId}`}>{r.status}</a> : r.status}
                    </td>
                    <td>{r.contactId ?? "—"}</td>
                    <td className="small">
                      {r.status === "failed" && r.reasonCode && <code>{r.reasonCode}</code>} {r.reason ?? (r.status === "failed" ? "No reason was recorded" : "")}
                      {r.changes.length > 0 && ` ${r.changes.length} field(s) written`}
                      {r.fieldErrors.length > 0 && <span className="field-error"> {r.fieldErrors.map((e) => `${e.property}: ${e.code}`).join(", ")}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
    </>
  );
}
