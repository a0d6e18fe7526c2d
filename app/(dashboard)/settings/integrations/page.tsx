import Link from "next/link";
import { redirect } from "next/navigation";
import { getSessionContext } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { getConnection } from "@/lib/db/queries/connections";
import { DisconnectButton } from "./_components/disconnect-button";

export default async function IntegrationsPage({ searchParams }: { searchParams: Promise<{ connected?: string; portalChanged?: string; error?: string }> }) {
  const ctx = await getSessionContext();
  if (!ctx) redirect("/login");
  const params = await searchParams;
  const conn = await getConnection(await getDb(), ctx.workspaceId);
  const mayConnect = can(ctx.role, "hubspot.connect");
  const status = conn?.status ?? "disconnected";

  return (
    <>
      <h1>Integrations</h1>
      {params.error && <p className="banner banner-error">{params.error}</p>}
      {params.connected && status === "connected" && <p className="banner banner-ok">HubSpot is connected.</p>}
      {params.portalChanged && (
        <p className="banner banner-warn">
          You connected a different HubSpot portal. Your configuration is kept; links between leads and contacts of the previous portal, and their owners, were cleared.
        </p>
      )}
      <section className="card" aria-labelledby="hubspot-card">
        <div className="card-head">
          <h2 id="hubspot-card">HubSpot</h2>
          <span data-testid="hubspot-status" className={`badge ${status === "connected" ? "badge-ok" : status === "needs_reauth" ? "badge-error" : ""}`}>
            {status === "connected" ? "Connected" : status === "needs_reauth" ? "Needs reauthorization" : "Not connected"}
          </span>
        </div>
        {status === "connected" && conn ? (
          <p data-testid="hubspot-connection">
            Connected to portal {conn.portalId}
            {conn.hubDomain ? ` (${conn.hubDomain})` : ""} by {conn.connectedByEmail} on {conn.connectedAt?.toISOString().slice(0, 10)}
          </p>
        ) : status === "needs_reauth" ? (
          <p>{conn?.statusReason ?? "HubSpot no longer accepts Spara's access."} Syncing is stopped. An admin must click Authorize to reconnect; your configuration is kept.</p>
        ) : (
          <p>Not connected. Push leads into HubSpot contacts, import contacts as leads and show each lead’s HubSpot owner.</p>
        )}
        <div className="row">
          {mayConnect && status !== "connected" && (
            <a className="btn btn-primary" href="/api/hubspot/authorize">
              Authorize
            </a>
          )}
          {mayConnect && status === "connected" && <DisconnectButton />}
          <Link className="btn" href="/settings/integrations/hubspot">
            HubSpot settings
          </Link>
        </div>
        {!mayConnect && <p className="muted small">Only admins can connect or disconnect HubSpot.</p>}
      </section>
    </>
  );
}
