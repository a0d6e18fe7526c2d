import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getLead } from "@/lib/db/queries/leads";
import { listLeadSyncRecords } from "@/lib/db/queries/sync-runs";
import { getConnection } from "@/lib/db/queries/connections";
import { getHubSpotSettings } from "@/lib/db/queries/hubspot-settings";
import { allLeadFields } from "@/lib/data-model/fields";
import { displayValue, leadName } from "@/lib/data-model/lead-display";
import { listCustomLeadFields } from "@/lib/sync/settings";
import { env } from "@/lib/env";
import { listOwnersByIds, ownerLabel } from "@/lib/sync/owners";
import { OwnerCard } from "./_components/owner-card";
import { LeadWorkflows } from "./_components/lead-workflows";

export default async function LeadDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requirePermission("leads.read").catch(() => null);
  if (!ctx) redirect("/login");
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const db = await getDb();
  // Scoped to the caller's workspace: another workspace's lead id is simply not found.
  const lead = await getLead(db, ctx.workspaceId, id);
  if (!lead) notFound();
  const [history, conn, settings, custom] = await Promise.all([
    listLeadSyncRecords(db, ctx.workspaceId, lead.id),
    getConnection(db, ctx.workspaceId),
    getHubSpotSettings(db, ctx.workspaceId),
    listCustomLeadFields(db, ctx.workspaceId),
  ]);
  // Owner names for the card's teams and for owner changes in the history (old → new by name, not only by id).
  const owners = await listOwnersByIds(db, ctx.workspaceId, [lead.ownerId, ...history.flatMap((r) => (r.direction === "owners" ? r.changes.flatMap((c) => [c.old, c.new]) : []))]);
  const fields = allLeadFields(custom).filter((f) => f.kind !== "system" && f.key !== "conversationSummary");
  const portal = lead.hubspotPortalId ?? conn?.portalId;
  const contactUrl = lead.hubspotContactId && portal ? `${env().HUBSPOT_APP_URL}/contacts/${portal}/record/0-1/${lead.hubspotContactId}` : null;

  return (
    <>
      <p>
        <Link href="/leads">← Leads</Link>
      </p>
      <h1>{leadName(lead)}</h1>
      <div className="grid-2">
        <section className="card" aria-labelledby="fields">
          <h2 id="fields">Fields</h2>
          <dl className="kv">
            {fields.map((f) => (
              <div key={f.key} style={{ display: "contents" }}>
                <dt>{f.label}</dt>
                <dd data-testid={`field-${f.key}`}>{f.key === "email" ? (lead.email ?? "—") : displayValue(lead.fields[f.key])}</dd>
              </div>
            ))}
            <dt>Source</dt>
            <dd>{lead.source === "hubspot" ? "HubSpot" : "Conversation"}</dd>
          </dl>
        </section>
        <div>
          <section className="card" aria-labelledby="hubspot-contact">
            <h2 id="hubspot-contact">HubSpot contact</h2>
            {lead.hubspotContactId ? (
              <p>
                Contact <strong data-testid="hubspot-contact-id">{lead.hubspotContactId}</strong>
                {contactUrl && (
                  <>
                    {" · "}
                    <a href={contactUrl} target="_blank" rel="noreferrer">
                      Open in HubSpot
                    </a>
                  </>
                )}
              </p>
            ) : (
              <p className="muted" data-testid="hubspot-contact-id">
                Not linked to a HubSpot contact{lead.pushPending ? " yet (sync pending)" : ""}.
              </p>
            )}
            {lead.pushPending && <span className="badge badge-warn">Push pending</span>}
          </section>
          <OwnerCard lead={lead} syncOwner={settings.syncOwner} teams={owners.get(lead.ownerId ?? "")?.teams ?? []} />
          <section className="card" aria-labelledby="summary">
            <h2 id="summary">Conversation summary</h2>
            <p>{displayValue(lead.fields.conversationSummary)}</p>
          </section>
        </div>
      </div>
      <LeadWorkflows db={db} workspaceId={ctx.workspaceId} lead={lead} />
      <section className="card" aria-labelledby="sync-history">
        <h2 id="sync-history">Sync history</h2>
        {history.length === 0 ? (
          <p className="muted">Nothing synced yet.</p>
        ) : (
          <table className="table" aria-label="Sync history">
            <thead>
              <tr>
                <th>When</th>
                <th>Direction</th>
                <th>Outcome</th>
                <th>Fields</th>
              </tr>
            </thead>
            <tbody>
              {history.map((r) => (
                <tr key={r.id} data-testid="sync-history-row">
                  <td className="small">{r.at.toISOString().slice(0, 19).replace("T", " ")}</td>
                  <td>{r.direction}</td>
                  <td>
                    <span className={`badge ${r.status === "failed" ? "badge-error" : r.status === "skipped" ? "badge-warn" : "badge-ok"}`}>{r.status}</span>
                    {r.contactId && <div className="small muted">contact {r.contactId}</div>}
                    {(r.reason || r.status === "failed") && (
                      <div className="small" data-testid="sync-reason">
                        {r.reasonCode && r.status === "failed" && <code>{r.reasonCode}</code>} {r.reason ?? "No reason was recorded"}
                      </div>
                    )}
                  </td>
                  <td className="small">
                    {r.changes.map((c) =>
                      c.field === "owner" ? (
                        <div key={`${c.field}-${c.property}`} data-testid="owner-change">
                          owner: {ownerLabel(c.old, owners)} → {ownerLabel(c.new, owners)}
                        </div>
                      ) : (
                        <div key={`${c.field}-${c.property}`}>
                          {c.field} → {c.property}: {c.old ?? "(empty)"} → {c.new ?? "(empty)"}
                        </div>
                      ),
                    )}
                    {r.fieldErrors.map((e) => (
                      <div key={`${e.field}-${e.property}`} className="field-error">
                        {e.field} → {e.property}: {e.code} — {e.message}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
