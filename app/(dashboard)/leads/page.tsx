import Link from "next/link";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listLeadOwners, listLeads } from "@/lib/db/queries/leads";
import { leadName } from "@/lib/data-model/lead-display";

const PAGE_SIZE = 25;
const paramsSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  source: z.enum(["conversation", "hubspot"]).optional().catch(undefined),
  link: z.enum(["linked", "unlinked"]).optional().catch(undefined),
  owner: z.string().max(320).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export default async function LeadsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const ctx = await requirePermission("leads.read").catch(() => null);
  if (!ctx) redirect("/login");
  const f = paramsSchema.parse(await searchParams);
  const db = await getDb();
  const [{ rows, total }, owners] = await Promise.all([listLeads(db, ctx.workspaceId, { ...f, pageSize: PAGE_SIZE }), listLeadOwners(db, ctx.workspaceId)]);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const link = (page: number) => {
    const p = new URLSearchParams(Object.entries({ ...f, page: String(page) }).filter(([, v]) => v !== undefined && v !== "") as [string, string][]);
    return `/leads?${p}`;
  };

  return (
    <>
      <h1>Leads</h1>
      <form className="row card" role="search" method="get">
        <input type="search" name="q" defaultValue={f.q} placeholder="Search email, name, company" aria-label="Search leads" />
        <select name="source" defaultValue={f.source ?? ""} aria-label="Source">
          <option value="">Any source</option>
          <option value="conversation">Conversation</option>
          <option value="hubspot">HubSpot</option>
        </select>
        <select name="link" defaultValue={f.link ?? ""} aria-label="HubSpot link">
          <option value="">Linked or not</option>
          <option value="linked">Linked to a contact</option>
          <option value="unlinked">Not linked</option>
        </select>
        <select name="owner" defaultValue={f.owner ?? ""} aria-label="Owner">
          <option value="">Any owner</option>
          <option value="none">No active owner</option>
          {owners.map((o) => (
            <option key={o.email} value={o.email ?? ""}>
              {[o.firstName, o.lastName].filter(Boolean).join(" ")} ({o.email})
            </option>
          ))}
        </select>
        <button className="btn" type="submit">
          Filter
        </button>
      </form>
      <div className="card">
        <p className="muted small" data-testid="lead-count">
          {total} lead{total === 1 ? "" : "s"}
        </p>
        <table className="table" aria-label="Leads">
          <thead>
            <tr>
              <th>Lead</th>
              <th>Email</th>
              <th>Source</th>
              <th>HubSpot contact</th>
              <th>Owner</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((l) => (
              <tr key={l.id} data-testid="lead-row">
                <td>
                  <Link href={`/leads/${l.id}`}>{leadName(l)}</Link>
                </td>
                <td>{l.email ?? <span className="muted">no email yet</span>}</td>
                <td>{l.source === "hubspot" ? "HubSpot" : "Conversation"}</td>
                <td>{l.hubspotContactId ?? <span className="muted">—</span>}</td>
                <td>{l.ownerEmail ? [l.ownerFirstName, l.ownerLastName].filter(Boolean).join(" ") : <span className="muted">—</span>}</td>
                <td className="small">{l.updatedAt.toISOString().slice(0, 16).replace("T", " ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="muted">No leads match.</p>}
        <div className="row" style={{ marginTop: 10 }}>
          {f.page > 1 && <Link className="btn" href={link(f.page - 1)}>Previous</Link>}
          <span className="muted small">
            Page {f.page} of {pages}
          </span>
          {f.page < pages && <Link className="btn" href={link(f.page + 1)}>Next</Link>}
        </div>
      </div>
    </>
  );
}
