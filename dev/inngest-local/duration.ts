// Sleep/timeout strings the SDK sends: "1w2d3h4m5s" (timeStr in the SDK, whole
// seconds at least) or an ISO date for sleepUntil. Returns milliseconds from now.
const UNIT_MS: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

export function durationMs(value: unknown, now = Date.now()): number {
  if (typeof value === "number") return value;
  if (typeof value !== "string" || value === "") return 0;
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|w|d|h|m|s)/g)];
  if (parts.length && parts.map((p) => p[0]).join("") === value) {
    return parts.reduce((sum, [, n, unit]) => sum + Number(n) * UNIT_MS[unit], 0);
  }
  const at = Date.parse(value);
  if (!Number.isNaN(at)) return Math.max(0, at - now);
  throw new Error(`cannot parse duration "${value}"`);
}
