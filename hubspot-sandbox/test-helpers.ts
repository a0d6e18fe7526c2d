// Shared setup for the contract tests: a sandbox on a free port and a real @hubspot/api-client pointed at it.
import { Client } from "@hubspot/api-client";
import { startSandbox, type RunningSandbox, type SandboxOptions } from "./server";
import type { ConnectOptions } from "./connect";

export async function start(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox({ port: 0, contacts: 2000, ...opts });
}

export async function sdkClient(sandbox: RunningSandbox, opts?: ConnectOptions): Promise<{ client: Client; accessToken: string; refreshToken: string }> {
  const t = await sandbox.connect(opts);
  return { client: new Client({ accessToken: t.access_token, basePath: sandbox.url, numberOfApiCallRetries: 0 }), accessToken: t.access_token, refreshToken: t.refresh_token };
}

/** Awaits a promise expected to reject with the SDK's ApiException and returns it. */
export async function apiError(p: Promise<unknown>): Promise<{ code: number; body: any; headers: Record<string, string> }> {
  try {
    await p;
  } catch (e: any) {
    if (typeof e?.code === "number") return e;
    throw e;
  }
  throw new Error("expected the call to fail");
}

export async function postForm(url: string, form: Record<string, string>): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form), redirect: "manual" });
}

export async function admin(sandbox: RunningSandbox, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${sandbox.url}/_sandbox/${path}`, { method, headers: body ? { "content-type": "application/json" } : {}, body: body ? JSON.stringify(body) : undefined });
  return res.status === 204 ? null : res.json();
}
