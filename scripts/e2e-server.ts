/**
 * The product for Playwright: a production build (`npm run build` first) on test ports, with a database of its own
 * that starts empty every run — a fresh PGlite directory, or with DATABASE_URL a fresh PostgreSQL database next to it.
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";

const port = process.env.E2E_PORT ?? "3100";
const sandboxPort = process.env.E2E_SANDBOX_PORT ?? "4110";
const inngestPort = process.env.E2E_INNGEST_PORT ?? "8388";
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: port,
  APP_URL: `http://127.0.0.1:${port}`,
  HUBSPOT_SANDBOX_PORT: sandboxPort,
  INNGEST_LOCAL_PORT: inngestPort,
  HUBSPOT_API_BASE_URL: undefined,
  // Coalescing stays on (its default is 30 s) but short, so journeys that capture twice see the update promptly.
  PUSH_COALESCE_MS: process.env.PUSH_COALESCE_MS ?? "3000",
};

if (process.env.DATABASE_URL) {
  const { default: postgres } = await import("postgres");
  const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe("DROP DATABASE IF EXISTS spara_e2e WITH (FORCE)");
  await admin.unsafe("CREATE DATABASE spara_e2e");
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = "/spara_e2e";
  env.DATABASE_URL = url.toString();
} else {
  rmSync(".data/e2e", { recursive: true, force: true });
  env.PGLITE_DIR = ".data/e2e";
}

const child = spawn(process.execPath, ["--import", "tsx", "scripts/dev.ts", ...(process.env.E2E_DEV === "1" ? [] : ["--production"])], { env, stdio: "inherit" });
const stop = () => child.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
child.on("exit", (code) => process.exit(code ?? 0));
