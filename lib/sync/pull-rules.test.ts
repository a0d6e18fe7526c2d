import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import type { HubSpotProperty } from "@/lib/hubspot/types";
import { can } from "@/lib/auth/permissions";
import { MAX_IN_VALUES, MAX_RULE_FILTERS, operatorsForType, pullRuleSchema, type PullRuleInput } from "@/lib/validators/pull-rule";
import { toSearchFilters } from "./pull-rules";

const p = (name: string, type: string, extra: Partial<HubSpotProperty> = {}): HubSpotProperty => ({
  name,
  label: name[0].toUpperCase() + name.slice(1),
  type,
  fieldType: "text",
  options: [],
  externalOptions: false,
  readOnly: false,
  calculated: false,
  ...extra,
});
const PROPS = [
  p("city", "string"),
  p("score", "number"),
  p("demo", "date"),
  p("seen", "datetime"),
  p("qualified", "bool"),
  p("stage", "enumeration", { label: "Lifecycle Stage", options: [{ label: "Lead", value: "lead" }, { label: "Sales Qualified Lead", value: "salesqualifiedlead" }] }),
];

function build(filter: PullRuleInput["filters"][number]) {
  const parsed = pullRuleSchema.parse({ name: "r", schedule: "manual", enabled: true, filters: [filter] });
  return toSearchFilters(parsed.filters, PROPS);
}

describe("toSearchFilters: what each operator sends to HubSpot's search", () => {
  it.each([
    ["equals, enumeration by label → the option's value", { property: "stage", operator: "EQ", value: "Sales Qualified Lead" }, { property: "stage", operator: "EQ", value: "salesqualifiedlead" }],
    ["not equals, text kept as typed", { property: "city", operator: "NEQ", value: "Berlin" }, { property: "city", operator: "NEQ", value: "Berlin" }],
    ["is any of, options", { property: "stage", operator: "IN", values: ["lead", "Sales Qualified Lead"] }, { property: "stage", operator: "IN", values: ["lead", "salesqualifiedlead"] }],
    ["is none of, text lower-cased (HubSpot's IN on strings)", { property: "city", operator: "NOT_IN", value: "Berlin, KRAKÓW ,berlin" }, { property: "city", operator: "NOT_IN", values: ["berlin", "kraków"] }],
    ["is known", { property: "score", operator: "HAS_PROPERTY" }, { property: "score", operator: "HAS_PROPERTY" }],
    ["is unknown", { property: "city", operator: "NOT_HAS_PROPERTY" }, { property: "city", operator: "NOT_HAS_PROPERTY" }],
    ["greater than, number", { property: "score", operator: "GT", value: "42.5" }, { property: "score", operator: "GT", value: "42.5" }],
    ["less than, date → UTC midnight in ms", { property: "demo", operator: "LT", value: "2026-01-15" }, { property: "demo", operator: "LT", value: String(Date.UTC(2026, 0, 15)) }],
    ["between, datetimes", { property: "seen", operator: "BETWEEN", value: "2026-01-01T10:00:00Z", highValue: "2026-02-01" }, { property: "seen", operator: "BETWEEN", value: String(Date.UTC(2026, 0, 1, 10)), highValue: String(Date.UTC(2026, 1, 1)) }],
    ["contains, text", { property: "city", operator: "CONTAINS_TOKEN", value: "*berg" }, { property: "city", operator: "CONTAINS_TOKEN", value: "*berg" }],
    ["equals, yes/no", { property: "qualified", operator: "EQ", value: "TRUE" }, { property: "qualified", operator: "EQ", value: "true" }],
  ] as const)("%s", (_name, input, expected) => {
    expect(build(input as PullRuleInput["filters"][number])).toEqual({ filters: [expected], errors: {} });
  });
});

describe("toSearchFilters refuses what search would refuse, next to the field", () => {
  it.each([
    [{ property: "nope", operator: "EQ", value: "x" }, "filters.0.property", /no contact property "nope"/],
    [{ property: "city", operator: "GT", value: "x" }, "filters.0.operator", /“is greater than” does not fit City \(string\)/],
    [{ property: "stage", operator: "CONTAINS_TOKEN", value: "x" }, "filters.0.operator", /does not fit/],
    [{ property: "stage", operator: "EQ", value: "Customer" }, "filters.0.value", /“Customer” is not an option of Lifecycle Stage: Lead, Sales Qualified Lead/],
    [{ property: "stage", operator: "IN", values: ["lead", "bogus"] }, "filters.0.value", /“bogus” is not an option/],
    [{ property: "score", operator: "EQ", value: "ten" }, "filters.0.value", /Score is a number/],
    [{ property: "demo", operator: "GT", value: "15/01/2026" }, "filters.0.value", /not a date/],
    [{ property: "qualified", operator: "EQ", value: "maybe" }, "filters.0.value", /true or false/],
    [{ property: "score", operator: "BETWEEN", value: "10", highValue: "5" }, "filters.0.highValue", /below the lower bound/],
  ] as const)("%o", (input, path, message) => {
    const { errors } = build(input as PullRuleInput["filters"][number]);
    expect(errors[path]).toMatch(message);
  });

  it("filters too long for search's 3,000-character body", () => {
    const f = { property: "city", operator: "CONTAINS_TOKEN", value: "x".repeat(450) } as const;
    const parsed = pullRuleSchema.parse({ name: "r", schedule: "manual", enabled: true, filters: [f, f, f, f] });
    expect(toSearchFilters(parsed.filters, PROPS).errors.filters).toMatch(/too long for HubSpot's search/);
    expect(toSearchFilters(parsed.filters.slice(0, 2), PROPS).errors).toEqual({});
  });
});

describe("pullRuleSchema: HubSpot's group and filter limits", () => {
  const base = { name: "r", schedule: "manual", enabled: true } as const;
  it(`at most ${MAX_RULE_FILTERS} filters (HubSpot allows 6 per group; the import adds 2)`, () => {
    const f = { property: "city", operator: "HAS_PROPERTY" } as const;
    expect(pullRuleSchema.safeParse({ ...base, filters: Array(MAX_RULE_FILTERS).fill(f) }).success).toBe(true);
    const res = pullRuleSchema.safeParse({ ...base, filters: Array(MAX_RULE_FILTERS + 1).fill(f) });
    expect(res.error?.issues[0]).toMatchObject({ path: ["filters"], message: expect.stringMatching(/At most 4 filters/) });
  });
  it("a filter or a list is required; a list alone is fine", () => {
    expect(pullRuleSchema.safeParse({ ...base, filters: [] }).error?.issues[0].message).toBe("Add at least one filter or choose a list");
    expect(pullRuleSchema.safeParse({ ...base, filters: [], listId: "101" }).success).toBe(true);
  });
  it(`IN takes at most ${MAX_IN_VALUES} values, and at least one`, () => {
    const many = Array.from({ length: MAX_IN_VALUES + 1 }, (_, i) => `v${i}`);
    expect(pullRuleSchema.safeParse({ ...base, filters: [{ property: "city", operator: "IN", values: many }] }).success).toBe(false);
    expect(pullRuleSchema.safeParse({ ...base, filters: [{ property: "city", operator: "IN", value: "" }] }).error?.issues[0]).toMatchObject({ path: ["filters", 0, "value"], message: "Choose at least one value" });
  });
  it("operators offered per type", () => {
    expect(operatorsForType("number")).toEqual(expect.arrayContaining(["GT", "LT", "BETWEEN"]));
    expect(operatorsForType("string")).toContain("CONTAINS_TOKEN");
    expect(operatorsForType("string")).not.toContain("GT");
    expect(operatorsForType("enumeration")).toEqual(["EQ", "NEQ", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY"]);
  });
});

describe("pull rules are the CSM's", () => {
  it("only the csm role may edit and run them", () => {
    expect(can("csm", "pullrules.edit")).toBe(true);
    expect(can("admin", "pullrules.edit")).toBe(false);
    expect(can("member", "pullrules.edit")).toBe(false);
  });
  it("every pull-rule server action is declared with the pullrules.edit permission", () => {
    const dir = "app/(dashboard)/settings/integrations/hubspot/_actions";
    const files = readdirSync(dir).filter((f) => f.includes("pull-rule"));
    expect(files.sort()).toEqual(["delete-pull-rule.ts", "preview-pull-rule.ts", "run-pull-rule.ts", "save-pull-rule.ts", "toggle-pull-rule.ts"]);
    for (const f of files) expect(readFileSync(`${dir}/${f}`, "utf8")).toMatch(/defineAction\("pullrules\.edit",/);
  });
});
