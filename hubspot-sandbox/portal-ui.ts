// A minimal stand-in for app.hubspot.com: the pages the product links to (contact records, the contacts list)
// and a portal overview at "/". Read-only HTML; not part of the API, so not logged or rate limited.
import { escapeHtml as e, type SandboxResponse } from "./http";
import { PORTAL } from "./portal";
import { PROPERTY_DEFINITIONS } from "./properties-catalog";
import { Router } from "./router";
import type { Sandbox } from "./sandbox";

const STYLE = `body{font-family:system-ui,sans-serif;color:#33475b;margin:0;background:#f5f8fa}header{background:#2d3e50;color:#fff;padding:12px 24px}
header a{color:#fff}main{padding:24px;max-width:1000px}table{border-collapse:collapse;background:#fff;width:100%}td,th{border:1px solid #cbd6e2;padding:6px 10px;text-align:left;vertical-align:top}
th{background:#eaf0f6}.muted{color:#7c98b6}`;

function page(title: string, body: string, status = 200): SandboxResponse {
  return {
    status,
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${e(title)}</title><style>${STYLE}</style></head><body><header><a href="/">${e(PORTAL.name)}</a> · ${e(PORTAL.hubDomain)} · portal ${PORTAL.hubId} <span class="muted">(HubSpot sandbox)</span></header><main>${body}</main></body></html>`,
  };
}

const recordHref = (id: string) => `/contacts/${PORTAL.hubId}/record/0-1/${id}`;

export function buildPortalUi(sb: Sandbox): Router {
  const r = new Router();
  r.add("GET", "/", () => {
    const f = sb.ctx.seedFacts;
    const owners = sb.ctx.owners.map((o) => `<tr><td>${e(o.id)}</td><td>${e(o.firstName)} ${e(o.lastName)}</td><td>${e(o.email)}</td><td>${o.archived ? "deactivated" : "active"}</td></tr>`).join("");
    const lists = sb.ctx.lists.lists.map((l) => `<li>${e(l.listId)} · ${e(l.name)} (${l.processingType})</li>`).join("");
    return page(
      "HubSpot sandbox",
      `<h1>${e(PORTAL.name)}</h1><p>Local HubSpot sandbox: OAuth at <code>/oauth/authorize</code>, CRM API under <code>/crm/v3</code>, test controls under <code>/_sandbox</code>.</p>
<p><a href="/contacts/${PORTAL.hubId}/objects/0-1/views/all/list">Contacts</a> (${f.contacts} seeded)</p><h2>Owners</h2><table><tr><th>id</th><th>name</th><th>email</th><th>state</th></tr>${owners}</table><h2>Lists</h2><ul>${lists}</ul>`,
    );
  });
  r.add("GET", "/contacts/{hubId}/objects/0-1/views/all/list", (req) => {
    const q = (req.query.get("q") ?? "").trim().toLowerCase();
    const store = sb.ctx.store;
    const rows: string[] = [];
    for (const row of store.rowsFrom(0, false)) {
      const name = `${store.value(row, "firstname") ?? ""} ${store.value(row, "lastname") ?? ""}`;
      const email = store.value(row, "email") ?? "";
      if (q && !name.toLowerCase().includes(q) && !email.includes(q)) continue;
      rows.push(`<tr><td><a href="${recordHref(store.idOf(row))}">${e(store.idOf(row))}</a></td><td>${e(name)}</td><td>${e(email)}</td><td>${e(store.value(row, "lifecyclestage") ?? "")}</td></tr>`);
      if (rows.length === 100) break;
    }
    return page("Contacts", `<h1>Contacts</h1><form><input name="q" value="${e(q)}" placeholder="Search name or email"> <button>Search</button></form><p class="muted">First 100 matches.</p><table><tr><th>Record ID</th><th>Name</th><th>Email</th><th>Lifecycle stage</th></tr>${rows.join("")}</table>`);
  });
  const record = (id: string): SandboxResponse => {
    const store = sb.ctx.store;
    const row = store.rowForId(id, true);
    if (row === undefined) return page("Contact not found", `<h1>Contact not found</h1><p>No contact with record ID ${e(id)}.</p>`, 404);
    const obj = store.toObject(row, "all");
    const owner = sb.ctx.owners.find((o) => o.id === obj.properties.hubspot_owner_id);
    const props = PROPERTY_DEFINITIONS.filter((p) => obj.properties[p.name] !== null)
      .map((p) => `<tr><th>${e(p.label)}<br><span class="muted">${e(p.name)}</span></th><td>${e(obj.properties[p.name] ?? "")}${p.name === "hubspot_owner_id" && owner ? ` (${e(owner.firstName)} ${e(owner.lastName)}${owner.archived ? ", deactivated" : ""})` : ""}</td></tr>`)
      .join("");
    const note = obj.archived ? `<p><strong>This contact is in the recycle bin.</strong></p>` : obj.id !== id ? `<p>Record ${e(id)} was merged into ${e(obj.id)}.</p>` : "";
    return page(`${obj.properties.firstname ?? ""} ${obj.properties.lastname ?? ""}`.trim() || obj.id, `<h1>${e(`${obj.properties.firstname ?? ""} ${obj.properties.lastname ?? ""}`.trim() || obj.properties.email || obj.id)}</h1>${note}<p>Record ID ${e(obj.id)}</p><table>${props}</table>`);
  };
  r.add("GET", "/contacts/{hubId}/record/0-1/{contactId}", (req) => record(req.params.contactId));
  r.add("GET", "/contacts/{hubId}/contact/{contactId}", (req) => record(req.params.contactId));
  return r;
}
