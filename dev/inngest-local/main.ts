// CLI: `npm run inngest:local` (tsx dev/inngest-local/main.ts), started by
// `npm run dev` next to `next dev`. Plays the Inngest dev server on
// INNGEST_LOCAL_PORT (default 8288, the SDK's dev default) for the app's serve
// handler at APP_URL.
//
// Env:
//   INNGEST_LOCAL_PORT        default 8288
//   APP_URL                   default http://127.0.0.1:3000/api/inngest; a bare
//                             origin (http://127.0.0.1:3000, as lib/env.ts uses)
//                             gets /api/inngest appended
//   INNGEST_LOCAL_RESYNC_MS   re-register every N ms so functions added while
//                             `next dev` reloads are picked up, like the dev
//                             server's polling (default 5000; 0 = only at start)
//   INNGEST_LOCAL_SLEEP_SCALE multiply step.sleep / waitForEvent timeouts (default 1)
//   INNGEST_LOCAL_CRON        "0" disables cron triggers (default on)
import { startLocalInngest } from "./runner";

function appUrlFromEnv(): string {
  const raw = process.env.APP_URL || "http://127.0.0.1:3000/api/inngest";
  const url = new URL(raw);
  if (url.pathname === "/" || url.pathname === "") url.pathname = "/api/inngest";
  return url.href;
}

const log = (line: string) => console.log(`[inngest-local] ${line}`);
const appUrl = appUrlFromEnv();
const port = Number(process.env.INNGEST_LOCAL_PORT || 8288);
const resyncMs = Number(process.env.INNGEST_LOCAL_RESYNC_MS ?? 5000);

let runner;
try {
  runner = await startLocalInngest({
    appUrl,
    port,
    log,
    sleepScale: Number(process.env.INNGEST_LOCAL_SLEEP_SCALE || 1),
    cron: process.env.INNGEST_LOCAL_CRON !== "0",
  });
} catch (err) {
  if ((err as NodeJS.ErrnoException).code === "EADDRINUSE") {
    log(`port ${port} is in use: is \`npx inngest-cli dev\` or another runner already running? Set INNGEST_LOCAL_PORT to use another port.`);
    process.exit(1);
  }
  throw err;
}
const local = runner;
log(`listening on ${local.url}; app ${appUrl}`);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await local.close();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);

// Retry forever: `next dev` compiles the route on first request, which can take a while.
await local.register({ timeoutMs: Number.POSITIVE_INFINITY }).catch((err: Error) => log(`registration stopped: ${err.message}`));
if (!stopping) log(`synced with ${appUrl}: ${local.functions().length} function(s)`);

if (resyncMs > 0) {
  // Quiet unless something changes: the registry logs only modified registrations.
  const timer = setInterval(() => {
    local.register({ timeoutMs: 0 }).catch(() => {});
  }, resyncMs);
  timer.unref();
}
