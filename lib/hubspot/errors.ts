/**
 * Typed HubSpot errors at the client boundary, so callers decide by kind (retry, refresh, adopt, record) and never by
 * matching messages. The one message we parse is the 409's "Existing ID: N", which HubSpot offers nowhere else.
 */
export type HubSpotErrorKind =
  | "rate_limited"
  | "expired_auth"
  | "invalid_auth"
  | "missing_scopes"
  | "validation"
  | "conflict"
  | "not_found"
  | "locked"
  | "server"
  | "network";

export class HubSpotError extends Error {
  constructor(
    readonly kind: HubSpotErrorKind,
    message: string,
    readonly status: number | undefined,
    readonly body: unknown,
    /** For conflicts: the id of the contact that already holds the email. */
    readonly existingId?: string,
    /** For rate limits: how long the policy asks us to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "HubSpotError";
  }

  get retryable(): boolean {
    return ["rate_limited", "locked", "server", "network"].includes(this.kind);
  }
}

type ErrorBody = { message?: string; category?: string; policyName?: string; errors?: { message?: string; code?: string }[] };

function parseBody(body: unknown): ErrorBody {
  if (typeof body === "string") {
    try {
      return JSON.parse(body) as ErrorBody;
    } catch {
      return { message: body };
    }
  }
  return (body ?? {}) as ErrorBody;
}

export function existingIdFromConflict(message: string | undefined): string | undefined {
  return message?.match(/Existing ID:\s*(\d+)/)?.[1];
}

export function toHubSpotError(err: unknown): HubSpotError {
  if (err instanceof HubSpotError) return err;
  const e = err as { code?: unknown; body?: unknown; message?: string };
  if (typeof e?.code !== "number") {
    return new HubSpotError("network", e?.message ?? String(err), undefined, undefined);
  }
  const status = e.code;
  const body = parseBody(e.body);
  const message = body.message ?? e.message ?? `HubSpot answered ${status}`;
  if (status === 429) {
    // TEN_SECONDLY_ROLLING resets within 10 s; the search policy per second.
    const wait = body.policyName === "TEN_SECONDLY_ROLLING" ? 10_000 : body.policyName === "DAILY" ? 3_600_000 : 1_000;
    return new HubSpotError("rate_limited", message, status, body, undefined, wait);
  }
  if (status === 401) {
    return new HubSpotError(body.category === "EXPIRED_AUTHENTICATION" ? "expired_auth" : "invalid_auth", message, status, body);
  }
  if (status === 403) return new HubSpotError("missing_scopes", message, status, body);
  if (status === 409) return new HubSpotError("conflict", message, status, body, existingIdFromConflict(message));
  if (status === 404) return new HubSpotError("not_found", message, status, body);
  if (status === 423) return new HubSpotError("locked", message, status, body, undefined, 2_000);
  if (status >= 500) return new HubSpotError("server", message, status, body);
  return new HubSpotError("validation", message, status, body);
}
