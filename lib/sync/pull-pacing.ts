import { HubSpotError } from "@/lib/hubspot/api";

/**
 * Search allows 5 requests per second per portal. Until the shared per-portal budget exists, pull spaces its own
 * search calls in this process: at most one every 210 ms, measured from the previous call's start so that the time
 * spent importing a page counts towards the gap (the walk then runs at ~95 % of the 5/s × 200 bound).
 */
let searchSpacingMs = 210;
const lastSearchAt = new Map<string, number>();

/** Tests against a sandbox with relaxed limits shorten the gap; production keeps HubSpot's. */
export function configurePullPacing(opts: { searchSpacingMs: number }) {
  searchSpacingMs = opts.searchSpacingMs;
}

export async function spaceSearch(portalId: string) {
  const wait = (lastSearchAt.get(portalId) ?? 0) + searchSpacingMs - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  lastSearchAt.set(portalId, Date.now());
}

/** How often one call that answered 429 is retried (after the policy's window) before the page fails. */
const RATE_LIMIT_RETRIES = 3;

/**
 * The rate limit is shared by every run of the portal (two rules pulling at once exceed it): a 429 waits the
 * policy's window and asks again, rather than failing the step and redoing it.
 */
export async function withRateLimitRetry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof HubSpotError && err.kind === "rate_limited") || attempt >= RATE_LIMIT_RETRIES) throw err;
      await new Promise((r) => setTimeout(r, err.retryAfterMs ?? 1_000));
    }
  }
}
