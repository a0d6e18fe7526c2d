/**
 * `npm run dev`: the whole product on its embedded defaults, in one command.
 *  1. the database (PGlite under .data/ unless DATABASE_URL names PostgreSQL), migrated and seeded;
 *  2. the local HubSpot sandbox (unless HUBSPOT_API_BASE_URL points elsewhere);
 *  3. Next.js (dev, or `--production`: next start on an existing build);
 *  4. the local Inngest runner against /api/inngest (unless INNGEST_RUNNER=none, e.g. with `npx inngest-cli dev`).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { demoUsers } from "@/drizzle/demo-users";
import { prepareDatabase } from "./prepare-db";
import { localSecrets } from "./local-secrets";

const production = process.argv.includes("--production");
const started = Date.now();
const port = Number(process.env.PORT ?? 3000);
const host = "127.0.0.1";
const appUrl = process.env.APP_URL ?? `http://${host}:${port}`;
const sandboxPort = Number(process.env.HUBSPOT_SANDBOX_PORT ?? 4010);
const useSandbox = !process.env.HUBSPOT_API_BASE_URL || process.env.HUBSPOT_API_BASE_URL.includes(`:${sandboxPort}`);
const inngestPort = Number(process.env.INNGEST_LOCAL_PORT ?? 8288);

const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  ...localSecrets(),
  APP_URL: appUrl,
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? appUrl,
  NEXT_TELEMETRY_DISABLED: "1",
  INNGEST_DEV: process.env.INNGEST_DEV ?? (inngestPort === 8288 ? "1" : `http://${host}:${inngestPort}`),
  ...(useSandbox
    ? {
        HUBSPOT_API_BASE_URL: `http://${host}:${sandboxPort}`,
        HUBSPOT_AUTHORIZE_URL: `http://${host}:${sandboxPort}/oauth/authorize`,
        HUBSPOT_APP_URL: `http://${host}:${sandboxPort}`,
      }
    : {}),
};

const children: ChildProcess[] = [];
function start(name: string, args: string[], env: NodeJS.ProcessEnv = childEnv): ChildProcess {
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "inherit", "inherit"] });
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`[dev] ${name} exited (${signal ?? code}); stopping everything.`);
      void stop(1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
async function stop(code: number) {
  stopping = true;
  for (const c of children) c.kill("SIGTERM");
  setTimeout(() => process.exit(code), 1500).unref();
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

async function waitFor(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { redirect: "manual" });
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

const tsx = ["--import", "tsx"];
Object.assign(process.env, localSecrets());
const db = await prepareDatabase();
console.log(`[dev] database ready (${db.url.startsWith("postgres") ? "PostgreSQL" : `PGlite at ${db.url}`})${db.seeded ? ", demo workspace seeded" : ""}`);

if (useSandbox) {
  start("hubspot-sandbox", [...tsx, "hubspot-sandbox/main.ts"], { ...childEnv, HUBSPOT_SANDBOX_PORT: String(sandboxPort) });
}
const nextBin = "node_modules/next/dist/bin/next";
start("next", production ? [nextBin, "start", "-p", String(port), "-H", host] : [nextBin, "dev", "-p", String(port), "-H", host]);
if (process.env.INNGEST_RUNNER !== "none") {
  // Re-registering picks up functions edited under `next dev`; a production build cannot change, so once is enough.
  start("inngest-local", [...tsx, "dev/inngest-local/main.ts"], {
    ...childEnv,
    INNGEST_LOCAL_PORT: String(inngestPort),
    APP_URL: `${appUrl}/api/inngest`,
    INNGEST_LOCAL_RESYNC_MS: production ? "0" : "30000",
  });
}

await waitFor(`${appUrl}/login`, 180_000);
if (useSandbox) await waitFor(`http://${host}:${sandboxPort}/_sandbox/requests`, 60_000);
console.log(`
[dev] Spara HubSpot integration ready in ${((Date.now() - started) / 1000).toFixed(1)}s at ${appUrl}
[dev] Sign in as (demo workspace "Acme Inc"):
${demoUsers.map((u) => `        ${u.role.padEnd(6)} ${u.email.padEnd(20)} password: ${u.password}${u.workspace !== "acme" ? "   (workspace Globex Corp)" : ""}`).join("\n")}
`);
