/**
 * Pull rules as the editor saves them (validated against the live properties, values converted for search), run by
 * the real Inngest function against the sandbox: each operator matches exactly what HubSpot's search would (expected
 * sets computed from the sandbox's own store), and list-membership rules. Resume after a crash: pull-resume.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { countByRoute, crmRequests, type Harness, type SandboxContact } from "./harness";
import { runRuleThroughInngest, saveRuleAsCsm, startPullHarness } from "./pull-harness";
import type { PullRuleInput } from "@/lib/validators/pull-rule";

let h: Harness;
let contacts: SandboxContact[];

const prop = (c: SandboxContact, name: string) => c.properties[name] ?? null;
const num = (c: SandboxContact, name: string) => (prop(c, name) === null ? null : Number(prop(c, name)));

const saveRule = (input: Parameters<typeof saveRuleAsCsm>[1]) => saveRuleAsCsm(h, input);
const runRule = (ruleId: string) => runRuleThroughInngest(h, ruleId);

const ids = (cs: SandboxContact[]) => cs.map((c) => c.id).sort();

beforeAll(async () => {
  ({ h, contacts } = await startPullHarness());
});

afterAll(async () => {
  await h?.close();
});

afterEach(() => {
  expect(h.failedRuns()).toEqual([]);
});

describe("each operator matches what HubSpot's search matches", () => {
  const cases: { name: string; filter: PullRuleInput["filters"][number]; expected: (c: SandboxContact) => boolean }[] = [
    { name: "equals (enumeration, chosen by label)", filter: { property: "lifecyclestage", operator: "EQ", value: "Lead" }, expected: (c) => prop(c, "lifecyclestage") === "lead" },
    // NEQ / NOT_IN also match contacts without the property, as HubSpot's search does.
    { name: "not equals", filter: { property: "lifecyclestage", operator: "NEQ", value: "lead" }, expected: (c) => prop(c, "lifecyclestage") !== "lead" },
    { name: "is any of (options)", filter: { property: "lifecyclestage", operator: "IN", values: ["customer", "opportunity"] }, expected: (c) => ["customer", "opportunity"].includes(prop(c, "lifecyclestage") ?? "") },
    { name: "is none of (options)", filter: { property: "lifecyclestage", operator: "NOT_IN", values: ["customer", "opportunity", "lead"] }, expected: (c) => !["customer", "opportunity", "lead"].includes(prop(c, "lifecyclestage") ?? "") },
    // Strings for IN are lower-cased by the rule (HubSpot only matches lowercase IN values on strings).
    { name: "is any of (text, mixed case)", filter: { property: "city", operator: "IN", value: "BERLIN, Kraków" }, expected: (c) => ["berlin", "kraków"].includes((prop(c, "city") ?? "").toLowerCase()) },
    { name: "is known", filter: { property: "spara_lead_score", operator: "HAS_PROPERTY" }, expected: (c) => prop(c, "spara_lead_score") !== null },
    { name: "is unknown", filter: { property: "spara_lead_score", operator: "NOT_HAS_PROPERTY" }, expected: (c) => prop(c, "spara_lead_score") === null },
    { name: "greater than (number)", filter: { property: "spara_lead_score", operator: "GT", value: "50" }, expected: (c) => (num(c, "spara_lead_score") ?? -Infinity) > 50 },
    { name: "less than (number)", filter: { property: "spara_lead_score", operator: "LT", value: "20" }, expected: (c) => (num(c, "spara_lead_score") ?? Infinity) < 20 },
    {
      name: "between (dates, inclusive, UTC days)",
      filter: { property: "createdate", operator: "BETWEEN", value: "2024-01-01", highValue: "2024-12-31" },
      expected: (c) => {
        const t = Date.parse(prop(c, "createdate")!);
        return t >= Date.parse("2024-01-01T00:00:00Z") && t <= Date.parse("2024-12-31T00:00:00Z");
      },
    },
    { name: "contains (text token)", filter: { property: "company", operator: "CONTAINS_TOKEN", value: "mining" }, expected: (c) => (prop(c, "company") ?? "").toLowerCase().split(/[^\p{L}\p{N}]+/u).includes("mining") },
    { name: "equals (yes/no)", filter: { property: "spara_qualified", operator: "EQ", value: "true" }, expected: (c) => prop(c, "spara_qualified") === "true" },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const want = ids(contacts.filter(c.expected));
      expect(want.length, "the seed has contacts on both sides of this filter").toBeGreaterThan(0);
      expect(want.length).toBeLessThan(contacts.length);
      const ruleId = await saveRule({ name: `op ${c.name}`, filters: [c.filter] });
      const { run, seen } = await runRule(ruleId);
      expect(run.status).toBe("completed");
      expect(seen).toEqual(want);
    });
  }

  it("ANDs the filters of one rule", async () => {
    const want = ids(contacts.filter((c) => prop(c, "lifecyclestage") === "lead" && (num(c, "spara_lead_score") ?? -1) > 50));
    const ruleId = await saveRule({
      name: "lead and score > 50",
      filters: [
        { property: "lifecyclestage", operator: "EQ", value: "lead" },
        { property: "spara_lead_score", operator: "GT", value: "50" },
      ],
    });
    expect((await runRule(ruleId)).seen).toEqual(want);
  });
});

describe("list-membership rules", () => {
  const members = (listId: string) => {
    const list = (h.sandbox.sandbox.ctx.lists.lists as { listId: string; members: Map<number, number> }[]).find((l) => l.listId === listId)!;
    return new Set([...list.members.keys()].map(String));
  };

  it("reads the memberships (≤ 250 a page) and batch-reads the contacts (100 a call)", async () => {
    // A MANUAL list with more than one memberships page: a contact put in it "in HubSpot" (the sandbox's store).
    const store = h.sandbox.sandbox.ctx.lists as { add(listIndex: number, contactId: number, at: number): void };
    for (const c of contacts.filter((c) => Number(c.id) % 3 !== 0)) store.add(0, Number(c.id), Date.parse("2026-01-01T00:00:00Z"));
    const want = ids(contacts.filter((c) => members("101").has(c.id)));
    expect(want.length).toBeGreaterThan(250);
    const ruleId = await saveRule({ name: "Trade show list", listId: "101", filters: [] });
    const from = (await h.requestLog()).length;
    const { run, seen } = await runRule(ruleId);
    expect(run.status).toBe("completed");
    expect(seen).toEqual(want);
    const calls = countByRoute(crmRequests(await h.requestsSince(from)));
    expect(calls["GET /crm/v3/lists/{listId}/memberships"]).toBe(Math.ceil(want.length / 250));
    // Each memberships page's ids are read in batches of at most 100.
    const pageSizes = Array.from({ length: Math.ceil(want.length / 250) }, (_, i) => Math.min(250, want.length - i * 250));
    expect(calls["POST /crm/v3/objects/contacts/batch/read"]).toBe(pageSizes.reduce((n, size) => n + Math.ceil(size / 100), 0));
    expect(calls["POST /crm/v3/objects/contacts/search"]).toBeUndefined();
  });

  it("a list plus filters: members that also match the filters", async () => {
    const want = ids(contacts.filter((c) => members("102").has(c.id) && prop(c, "lifecyclestage") === "lead"));
    expect(want.length).toBeGreaterThan(0);
    const ruleId = await saveRule({ name: "EMEA list, leads", listId: "102", filters: [{ property: "lifecyclestage", operator: "EQ", value: "lead" }] });
    const { seen } = await runRule(ruleId);
    expect(seen).toEqual(want);
  });
});
