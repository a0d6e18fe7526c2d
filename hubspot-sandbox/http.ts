// Request/response shapes shared by every handler, plus HubSpot's standard error body.
import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

export type SandboxRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  /** Set by the auth layer for /crm/* calls. */
  auth?: { token: string; scopes: string[] };
};

export type SandboxResponse = {
  status: number;
  json?: unknown;
  html?: string;
  headers?: Record<string, string>;
};

/** Thrown by handlers to end a request with a HubSpot-shaped error. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.message ?? status));
  }
}

/** HubSpot's standard error body: {status:"error", message, correlationId, category, ...extra}. */
export function hsError(status: number, category: string, message: string, extra: Record<string, unknown> = {}): HttpError {
  return new HttpError(status, { status: "error", message, correlationId: randomUUID(), category, ...extra });
}

export function json(status: number, body: unknown, headers?: Record<string, string>): SandboxResponse {
  return { status, json: body, headers };
}

export function parseJsonBody(req: SandboxRequest): any {
  const text = req.rawBody.toString("utf8");
  if (text.trim() === "") throw hsError(400, "VALIDATION_ERROR", "Invalid input JSON: request body is empty");
  try {
    return JSON.parse(text);
  } catch (e) {
    throw hsError(400, "VALIDATION_ERROR", `Invalid input JSON on line 1: ${(e as Error).message}`);
  }
}

/** Form bodies (OAuth endpoints). */
export function parseForm(req: SandboxRequest): URLSearchParams {
  return new URLSearchParams(req.rawBody.toString("utf8"));
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
