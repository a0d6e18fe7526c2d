// Minimal path-template router. The template string ("GET /crm/v3/objects/contacts/{contactId}") is also the
// key for the request log counts and for fault injection, so it is part of the sandbox's test contract.
import type { SandboxRequest, SandboxResponse } from "./http";

export type Handler = (req: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;
export type Route = { method: string; template: string; segments: string[]; handler: Handler };

export class Router {
  private routes: Route[] = [];

  add(method: string, template: string, handler: Handler): void {
    this.routes.push({ method, template, segments: template.split("/").filter(Boolean), handler });
  }

  /** Literal segments beat {params}, so "/contacts/search" wins over "/contacts/{contactId}". */
  match(method: string, path: string): { route: Route; params: Record<string, string> } | { methodNotAllowed: boolean } {
    const parts = path.split("/").filter(Boolean);
    let best: { route: Route; params: Record<string, string>; score: number } | undefined;
    let pathMatched = false;
    for (const route of this.routes) {
      if (route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let score = 0;
      let ok = true;
      for (let i = 0; i < parts.length; i++) {
        const seg = route.segments[i];
        if (seg.startsWith("{")) {
          try {
            params[seg.slice(1, -1)] = decodeURIComponent(parts[i]);
          } catch {
            params[seg.slice(1, -1)] = parts[i];
          }
        } else if (seg === parts[i]) score++;
        else {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      if (!best || score > best.score) best = { route, params, score };
    }
    return best ? { route: best.route, params: best.params } : { methodNotAllowed: pathMatched };
  }

  templateFor(method: string, path: string): string | undefined {
    const m = this.match(method, path);
    return "route" in m ? `${m.route.method} ${m.route.template}` : undefined;
  }
}
