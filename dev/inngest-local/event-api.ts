// The HTTP face of the runner: the endpoints inngest@4.24 calls on a dev
// server. Found by reading node_modules/inngest (components/Inngest.js,
// InngestCommHandler.js, api/api.js): in dev mode, with no signing key and
// ctx.use_api=false / no ctx.fn_id, the SDK only ever calls
//   POST /fn/register   (when its serve handler receives a PUT)
//   POST /e/:eventKey   (inngest.send and step.sendEvent; key "NO_EVENT_KEY_SET")
// GET /dev and /health are here for humans and health checks. Anything else
// (checkpoint, realtime, signals, run batch APIs) answers 404 with a reason.
import http from "node:http";
import type { Log, RegisterBody } from "./types";

export interface ApiHandlers {
  log: Log;
  register(body: RegisterBody): { modified: boolean };
  /** Must create the runs before returning, so idle() sees them at once. */
  events(events: { name: string; data?: unknown; id?: string }[]): string[];
  info(): unknown;
}

export function createApiServer(h: ApiHandlers): http.Server {
  return http.createServer(async (req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      const body = req.method === "POST" || req.method === "PUT" ? await readJson(req) : undefined;

      if (req.method === "POST" && url.pathname === "/fn/register") {
        const { modified } = h.register(body as RegisterBody);
        // Parsed by the SDK's registerResSchema: {status, skipped, modified, error}.
        return reply(200, { ok: true, status: 200, modified });
      }
      const eventMatch = /^\/e\/[^/]+\/?$/.exec(url.pathname);
      if (req.method === "POST" && eventMatch) {
        const list = (Array.isArray(body) ? body : [body]) as { name: string }[];
        const bad = list.find((e) => !e || typeof e.name !== "string" || e.name === "");
        if (bad !== undefined) return reply(400, { ids: [], status: 400, error: "every event needs a non-empty name" });
        return reply(200, { ids: h.events(list), status: 200 });
      }
      if (req.method === "GET" && (url.pathname === "/dev" || url.pathname === "/health" || url.pathname === "/")) {
        return reply(200, h.info());
      }
      h.log(`WARN unsupported dev-server call: ${req.method} ${url.pathname}`);
      return reply(404, { error: `${req.method} ${url.pathname} is not supported by the local Inngest runner (dev/inngest-local)` });
    } catch (err) {
      return reply(400, { status: 400, error: (err as Error).message });
    }
  });
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : undefined;
}
