import { describe, expect, it } from "vitest";
import { sameHubSpotValue, toHubSpotValue } from "./property-values";
import type { HubSpotProperty } from "./types";

const prop = (type: string, fieldType: string, extra: Partial<HubSpotProperty> = {}): HubSpotProperty => ({
  name: "p", label: "P", type, fieldType, options: [], externalOptions: false, readOnly: false, calculated: false, ...extra,
});
const stage = prop("enumeration", "select", {
  label: "Lifecycle stage",
  options: [{ label: "Lead", value: "lead" }, { label: "Marketing Qualified Lead", value: "marketingqualifiedlead" }],
});
const multi = prop("enumeration", "checkbox", {
  options: [{ label: "Chocolate", value: "chocolate" }, { label: "Strawberry", value: "strawberry" }],
});

describe("toHubSpotValue", () => {
  it.each([
    [prop("string", "text"), "  Zoë  ", "Zoë"],
    [prop("number", "number"), "1,200", "1200"],
    [prop("number", "number"), 42.5, "42.5"],
    [prop("bool", "booleancheckbox"), true, "true"],
    [prop("bool", "booleancheckbox"), "No", "false"],
    [prop("date", "date"), "2026-03-01T22:18:55Z", "2026-03-01"],
    [prop("date", "date"), "2026-03-01", "2026-03-01"],
    [prop("datetime", "date"), "2026-03-01T10:00:00+02:00", "2026-03-01T08:00:00.000Z"],
    [stage, "lead", "lead"],
    [stage, "marketing qualified lead", "marketingqualifiedlead"],
    [stage, "LEAD", "lead"],
    [multi, ["Strawberry", "chocolate"], "strawberry;chocolate"],
    [multi, "chocolate; strawberry", "chocolate;strawberry"],
    [prop("enumeration", "select", { externalOptions: true }), "123", "123"],
  ])("%j %j → %s", (p, input, expected) => {
    expect(toHubSpotValue(p, input)).toEqual({ kind: "value", value: expected });
  });

  it.each([null, undefined, "", "   ", []])("%j is empty", (v) => {
    expect(toHubSpotValue(prop("string", "text"), v)).toEqual({ kind: "empty" });
  });

  it.each([
    [prop("number", "number"), "twelve", "INVALID_NUMBER"],
    [prop("bool", "booleancheckbox"), "maybe", "INVALID_BOOLEAN"],
    [prop("date", "date"), "not a date", "INVALID_DATE"],
    [stage, "prospect", "INVALID_OPTION"],
    [multi, "chocolate;vanilla", "INVALID_OPTION"],
    [prop("string", "text"), "x".repeat(65_537), "TOO_LONG"],
  ])("%j %j → error %s", (p, input, code) => {
    const result = toHubSpotValue(p, input);
    expect(result.kind).toBe("error");
    expect(result.kind === "error" && result.code).toBe(code);
  });
});

describe("sameHubSpotValue", () => {
  it("compares numbers numerically", () => expect(sameHubSpotValue(prop("number", "number"), "10", "10.0")).toBe(true));
  it("compares multi-select as sets", () => expect(sameHubSpotValue(multi, "a;b", "b;a")).toBe(true));
  it("compares strings exactly", () => expect(sameHubSpotValue(prop("string", "text"), "Ann", "ann")).toBe(false));
  it("treats empty and a value as different", () => expect(sameHubSpotValue(prop("string", "text"), "", "x")).toBe(false));
});
