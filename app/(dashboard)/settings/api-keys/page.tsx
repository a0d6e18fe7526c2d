import { redirect } from "next/navigation";
import { getSessionContext } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { listApiKeys } from "@/lib/api-keys/keys";
import { ApiKeysPanel } from "./_components/api-keys-panel";

const fmt = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") + " UTC" : null);

export default async function ApiKeysPage() {
  const ctx = await getSessionContext();
  if (!ctx) redirect("/login");
  const keys = await listApiKeys(await getDb(), ctx.workspaceId);
  return (
    <>
      <h1>API keys</h1>
      <p className="muted">
        Agents record conversation captures with <code>POST {env().APP_URL}/api/v1/captures</code> and <code>Authorization: Bearer &lt;key&gt;</code>. Keys belong to this workspace; only admins manage them.
      </p>
      <ApiKeysPanel
        canManage={can(ctx.role, "apikeys.manage")}
        keys={keys.map((k) => ({ id: k.id, name: k.name, prefix: k.prefix, createdBy: k.createdByEmail, createdAt: fmt(k.createdAt)!, lastUsedAt: fmt(k.lastUsedAt), revoked: Boolean(k.revokedAt) }))}
      />
    </>
  );
}
