// HTML for the OAuth consent screen and its error page. Plain server-rendered HTML with a real <form>, so a
// browser (or Playwright) can click "Connect app" / "Cancel" exactly as on app.hubspot.com.
import { escapeHtml as e } from "./http";
import { PORTAL } from "./portal";

const STYLE = `body{font-family:system-ui,sans-serif;background:#f5f8fa;color:#33475b;margin:0}
main{max-width:560px;margin:48px auto;background:#fff;border:1px solid #cbd6e2;border-radius:8px;padding:32px}
h1{font-size:22px;margin-top:0}ul{padding-left:20px}li{margin:4px 0}code{background:#eaf0f6;padding:1px 4px;border-radius:3px}
.actions{display:flex;gap:12px;margin-top:24px}button{font-size:15px;padding:10px 18px;border-radius:4px;cursor:pointer}
button.primary{background:#ff7a59;border:1px solid #ff7a59;color:#fff}button.secondary{background:#fff;border:1px solid #cbd6e2;color:#33475b}
.portal{background:#eaf0f6;padding:12px;border-radius:4px}.note{font-size:12px;color:#7c98b6;margin-top:24px}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${e(title)}</title><style>${STYLE}</style></head><body><main>${body}<p class="note">HubSpot sandbox (local). Not app.hubspot.com.</p></main></body></html>`;
}

export type ConsentFields = { client_id: string; redirect_uri: string; scope: string; optional_scope: string; state: string };

export function consentPage(fields: ConsentFields, scopes: string[], optionalScopes: string[]): string {
  const hidden = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${k}" value="${e(v)}">`)
    .join("");
  const items = [...scopes.map((s) => `<li><code>${e(s)}</code></li>`), ...optionalScopes.map((s) => `<li><code>${e(s)}</code> (optional)</li>`)].join("");
  return page(
    "Connect Spara to HubSpot",
    `<h1>Connect Spara to HubSpot</h1>
<div class="portal"><strong>${e(PORTAL.name)}</strong><br>${e(PORTAL.hubDomain)} · Portal ${PORTAL.hubId}<br>Signed in as ${e(PORTAL.installingUserEmail)}</div>
<p>Spara is requesting access to:</p><ul>${items}</ul>
<form method="post" action="/oauth/authorize/decision">${hidden}
<div class="actions"><button type="submit" name="decision" value="approve" class="primary">Connect app</button>
<button type="submit" name="decision" value="cancel" class="secondary">Cancel</button></div></form>`,
  );
}

export function errorPage(message: string): string {
  return page("Authorization error", `<h1>Something went wrong</h1><p role="alert">${e(message)}</p>`);
}
