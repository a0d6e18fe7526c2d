// The small parsers the runner relies on, checked without HTTP.
import { describe, expect, it } from "vitest";
import { parseInngestCron } from "./cron";
import { durationMs } from "./duration";
import { evaluate, UnsupportedExpression } from "./expression";
import { nameMatches } from "./registry";

describe("expression", () => {
  const event = { name: "inngest/function.failed", data: { function_id: "app-sync", n: 3, plan: "pro" } };
  it("evaluates the onFailure trigger the SDK generates", () => {
    expect(evaluate("event.data.function_id == 'app-sync'", { event })).toBe(true);
    expect(evaluate("event.data.function_id == 'app-other'", { event })).toBe(false);
  });
  it("evaluates waitForEvent match expressions against async", () => {
    expect(evaluate("event.data.id == async.data.id", { event: { data: { id: "x" } }, async: { data: { id: "x" } } })).toBe(true);
    expect(evaluate("event.data.id == async.data.id", { event: { data: { id: "x" } }, async: { data: { id: "y" } } })).toBe(false);
  });
  it("handles &&, ||, comparisons and literals", () => {
    expect(evaluate('event.data.plan == "pro" && event.data.n >= 3', { event })).toBe(true);
    expect(evaluate("event.data.n > 5 || event.data.plan != 'free'", { event })).toBe(true);
    expect(evaluate("event.data.n < 3", { event })).toBe(false);
  });
  it("refuses what it cannot evaluate rather than guessing", () => {
    expect(() => evaluate("size(event.data.items) > 0", { event })).toThrow(UnsupportedExpression);
  });
});

describe("durationMs", () => {
  it("parses the SDK's time strings and ISO dates", () => {
    expect(durationMs("1h30m5s")).toBe(5_405_000);
    expect(durationMs("2d")).toBe(172_800_000);
    expect(durationMs("2026-01-01T00:00:10Z", Date.parse("2026-01-01T00:00:00Z"))).toBe(10_000);
  });
});

describe("cron and names", () => {
  it("splits Inngest's TZ= prefix", () => {
    expect(parseInngestCron("TZ=Europe/Paris 0 9 * * *")).toEqual({ pattern: "0 9 * * *", timezone: "Europe/Paris" });
    expect(parseInngestCron("*/5 * * * *")).toEqual({ pattern: "*/5 * * * *" });
  });
  it("matches exact event names and prefix/* wildcards", () => {
    expect(nameMatches("hubspot/*", "hubspot/pull.requested")).toBe(true);
    expect(nameMatches("hubspot/pull.requested", "hubspot/pull")).toBe(false);
  });
});
