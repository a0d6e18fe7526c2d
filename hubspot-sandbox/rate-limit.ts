// Per-portal rate limits (reference §6): a rolling 10-second window for ordinary calls and a per-second window
// for search, which is exempt from the 10-second bucket. Rejected calls do not consume budget.
import { randomUUID } from "node:crypto";

export type LimitKind = "burst" | "search";
export type LimitResult = { ok: true; headers: Record<string, string> } | { ok: false; headers: Record<string, string>; body: Record<string, unknown> };

const BURST_WINDOW_MS = 10_000;
const SEARCH_WINDOW_MS = 1_000;

class Window {
  private hits: number[] = [];
  constructor(private windowMs: number) {}
  count(now: number): number {
    let i = 0;
    while (i < this.hits.length && this.hits[i] <= now - this.windowMs) i++;
    if (i) this.hits.splice(0, i);
    return this.hits.length;
  }
  add(now: number): void {
    this.hits.push(now);
  }
  clear(): void {
    this.hits = [];
  }
}

export function rateLimitBody(kind: LimitKind): Record<string, unknown> {
  return kind === "search"
    ? { status: "error", message: "You have reached your secondly limit.", errorType: "RATE_LIMIT", correlationId: randomUUID(), policyName: "SECONDLY", requestId: randomUUID() }
    : { status: "error", message: "You have reached your ten_secondly_rolling limit.", errorType: "RATE_LIMIT", correlationId: randomUUID(), policyName: "TEN_SECONDLY_ROLLING", requestId: randomUUID() };
}

export class RateLimiter {
  private burst = new Window(BURST_WINDOW_MS);
  private search = new Window(SEARCH_WINDOW_MS);
  constructor(
    public tenSecondlyLimit: number | false,
    public searchPerSecondLimit: number | false,
  ) {}

  reset(): void {
    this.burst.clear();
    this.search.clear();
  }

  take(kind: LimitKind, now: number): LimitResult {
    if (kind === "search") {
      // Search responses carry no rate-limit headers (reference §6, S25).
      const limit = this.searchPerSecondLimit;
      if (limit === false) return { ok: true, headers: {} };
      if (this.search.count(now) >= limit) return { ok: false, headers: {}, body: rateLimitBody("search") };
      this.search.add(now);
      return { ok: true, headers: {} };
    }
    const limit = this.tenSecondlyLimit;
    if (limit === false) return { ok: true, headers: {} };
    const used = this.burst.count(now);
    const headers = (remaining: number) => ({
      "X-HubSpot-RateLimit-Max": String(limit),
      "X-HubSpot-RateLimit-Remaining": String(Math.max(0, remaining)),
      "X-HubSpot-RateLimit-Interval-Milliseconds": String(BURST_WINDOW_MS),
    });
    if (used >= limit) return { ok: false, headers: headers(0), body: rateLimitBody("burst") };
    this.burst.add(now);
    return { ok: true, headers: headers(limit - used - 1) };
  }
}
