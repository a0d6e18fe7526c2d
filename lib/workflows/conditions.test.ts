import { describe, expect, it } from "vitest";
import { actionLabel, evaluateCondition, evaluateRule, type Condition } from "./conditions";
import { leadVariables } from "./variables";

const lead = leadVariables({
  email: "ann@example.com",
  fields: { firstName: "Ann", company: "Acme Corp", companySize: 50, meetingBooked: true, intent: "high", interests: ["API", "crm"], city: "" },
  ownerId: "300000101",
  ownerFirstName: "Alex",
  ownerLastName: "Rivera",
  ownerEmail: "alex@acme-demo.com",
});
const orphan = leadVariables({ email: "bob@example.com", fields: {}, ownerId: null, ownerFirstName: null, ownerLastName: null, ownerEmail: null });

const holds = (c: Condition, vars = lead) => evaluateCondition(c, vars).matched;

describe("condition operators", () => {
  it("is set / is not set (empty strings and empty lists are not set)", () => {
    expect(holds({ field: "owner.email", operator: "is_set" })).toBe(true);
    expect(holds({ field: "owner.email", operator: "is_set" }, orphan)).toBe(false);
    expect(holds({ field: "owner.email", operator: "is_not_set" }, orphan)).toBe(true);
    expect(holds({ field: "lead.city", operator: "is_set" })).toBe(false);
    expect(holds({ field: "lead.city", operator: "is_not_set" })).toBe(true);
    expect(holds({ field: "lead.unknownField", operator: "is_not_set" })).toBe(true);
  });

  it("equals: trimmed, case-insensitive, numbers by value, booleans by yes/no, lists as sets", () => {
    expect(holds({ field: "owner.fullName", operator: "equals", value: " alex rivera " })).toBe(true);
    expect(holds({ field: "owner.fullName", operator: "equals", value: "Alex" })).toBe(false);
    expect(holds({ field: "lead.companySize", operator: "equals", value: "50.0" })).toBe(true);
    expect(holds({ field: "lead.meetingBooked", operator: "equals", value: "yes" })).toBe(true);
    expect(holds({ field: "owner.isActive", operator: "equals", value: "false" }, orphan)).toBe(true);
    expect(holds({ field: "lead.interests", operator: "equals", value: "crm; api" })).toBe(true);
    expect(holds({ field: "lead.interests", operator: "equals", value: "crm" })).toBe(false);
    expect(holds({ field: "owner.email", operator: "equals", value: "" }, orphan)).toBe(false);
  });

  it("not equals holds for a different value and for an empty field", () => {
    expect(holds({ field: "lead.intent", operator: "not_equals", value: "low" })).toBe(true);
    expect(holds({ field: "lead.intent", operator: "not_equals", value: "HIGH" })).toBe(false);
    expect(holds({ field: "owner.email", operator: "not_equals", value: "alex@acme-demo.com" }, orphan)).toBe(true);
  });

  it("contains: substring, case-insensitive, any list element; never on an empty field or empty needle", () => {
    expect(holds({ field: "owner.email", operator: "contains", value: "@ACME-demo" })).toBe(true);
    expect(holds({ field: "lead.company", operator: "contains", value: "globex" })).toBe(false);
    expect(holds({ field: "lead.interests", operator: "contains", value: "cr" })).toBe(true);
    expect(holds({ field: "owner.email", operator: "contains", value: "acme" }, orphan)).toBe(false);
    expect(holds({ field: "lead.company", operator: "contains", value: " " })).toBe(false);
  });

  it("one of: any listed value; for lists, any element", () => {
    expect(holds({ field: "lead.intent", operator: "one_of", values: ["medium", "High"] })).toBe(true);
    expect(holds({ field: "lead.intent", operator: "one_of", values: ["low"] })).toBe(false);
    expect(holds({ field: "lead.interests", operator: "one_of", values: ["billing", "api"] })).toBe(true);
    expect(holds({ field: "owner.id", operator: "one_of", values: ["300000101", "300000102"] })).toBe(true);
    expect(holds({ field: "owner.id", operator: "one_of", values: ["300000101"] }, orphan)).toBe(false);
  });

  it("explains each result with the actual value", () => {
    expect(evaluateCondition({ field: "owner.email", operator: "is_set" }, lead)).toEqual({
      condition: { field: "owner.email", operator: "is_set" },
      matched: true,
      actual: "alex@acme-demo.com",
      reason: "owner.email is “alex@acme-demo.com”, so “owner.email is set” holds",
    });
    expect(evaluateCondition({ field: "owner.email", operator: "is_set" }, orphan).reason).toBe("owner.email is empty, so “owner.email is set” does not hold");
  });
});

describe("evaluateRule", () => {
  const conditions: Condition[] = [
    { field: "owner.email", operator: "is_set" },
    { field: "lead.intent", operator: "equals", value: "low" },
  ];

  it("all: every condition must hold", () => {
    const r = evaluateRule({ match: "all", conditions }, lead);
    expect(r.matched).toBe(false);
    expect(r.reason).toBe("1 of 2 conditions do not hold");
    expect(r.conditions.map((c) => c.matched)).toEqual([true, false]);
    expect(evaluateRule({ match: "all", conditions: conditions.slice(0, 1) }, lead)).toMatchObject({ matched: true, reason: "The condition holds" });
    expect(evaluateRule({ match: "all", conditions: [conditions[0], conditions[0]] }, lead).reason).toBe("All 2 conditions hold");
  });

  it("any: one condition is enough", () => {
    expect(evaluateRule({ match: "any", conditions }, lead)).toMatchObject({ matched: true, reason: "1 of 2 conditions hold (any is enough)" });
    expect(evaluateRule({ match: "any", conditions }, orphan)).toMatchObject({ matched: false, reason: "None of the conditions holds" });
  });

  it("a rule without conditions never matches", () => {
    expect(evaluateRule({ match: "all", conditions: [] }, lead).matched).toBe(false);
    expect(evaluateRule({ match: "any", conditions: [] }, lead).matched).toBe(false);
  });

  it("labels actions", () => {
    expect(actionLabel({ type: "route_to_owner" })).toBe("Route to owner");
    expect(actionLabel({ type: "send_template", templateId: "t1", templateName: "Welcome" })).toBe("Send template “Welcome”");
  });
});
