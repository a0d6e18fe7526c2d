import { toHubSpotError, type HubSpotError } from "./errors";

export type RetryOptions = {
  /** Errors of the caller's own that must stop at once, as they are (not HubSpot answers to retry). */
  isFatal?: (err: unknown) => boolean;
  /** Attempts in all, the first included. */
  attempts?: number;
  /** Told of every 429 before the wait, so the caller can stop the whole portal's traffic (the shared budget). */
  onRateLimited?: (err: HubSpotError) => Promise<void>;
  sleep?: (ms: number) => Promise<void>;
};

const DEFAULT_ATTEMPTS = 5;
/** 5xx / network: 0.5 s, 1 s, 2 s, 4 s (HubSpot: 502/504 "pause a few seconds", 503 "retry"; reference §6). */
const BACKOFF_BASE_MS = 500;

/**
 * Calls `fn` again when HubSpot's answer is worth waiting out: 429 (its policy's window: the 10 s rolling window or
 * the search second; never the daily limit), 423 (at least 2 s), 5xx and network errors (exponential backoff). Other
 * errors and the last failure are thrown as typed HubSpotErrors. A caller whose write is retried must tolerate that
 * the first attempt may have landed (batch create answers the second one with a per-input CONFLICT, adopted later).
 */
export async function withRetry<T>(fn: () => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const attempts = opts.attempts ?? DEFAULT_ATTEMPTS;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (raw) {
      if (opts.isFatal?.(raw)) throw raw;
      const err = toHubSpotError(raw);
      const daily = err.kind === "rate_limited" && (err.body as { policyName?: string } | undefined)?.policyName === "DAILY";
      if (!err.retryable || daily || attempt >= attempts) throw err;
      if (err.kind === "rate_limited") {
        // The budget (when the caller has one) holds every process back until the window frees; the next attempt
        // waits for it in its own slot acquisition, so no sleep of our own is needed.
        if (opts.onRateLimited) await opts.onRateLimited(err);
        else await sleep(err.retryAfterMs ?? 1_000);
      } else {
        await sleep(Math.max(err.retryAfterMs ?? 0, BACKOFF_BASE_MS * 2 ** (attempt - 1)));
      }
    }
  }
}
