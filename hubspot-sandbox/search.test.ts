import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Client } from "@hubspot/api-client";
import type { RunningSandbox } from "./server";
import { FIXED } from "./seed";
import { admin, apiError, sdkClient, start } from "./test-helpers";

let sb: RunningSandbox;
let client: Client;
beforeAll(async () => {
  // Search limit off here: these tests are about semantics; rate limits have their own file.
  sb = await start({ searchPerSecondLimit: false });
  ({ client } = await sdkClient(sb));
});
beforeEach(() => sb.reset());
afterAll(() => sb.close());

type F = { propertyName: string; operator: any; value?: string; highValue?: string; values?: string[] };
const search = (filters: F[][], extra: Record<string, unknown> = {}) =>
  client.crm.contacts.searchApi.doSearch({ filterGroups: filters.map((f) => ({ filters: f })), sorts: [], properties: ["email", "lifecyclestage", "hubspot_owner_id", "spara_lead_score"], limit: 200, after: "0", ...extra } as any);

describe("search", () => {
  it("EQ is case-insensitive on strings and returns {total, results, paging}", async () => {
    const r = await search([[{ propertyName: "email", operator: "EQ", value: "EXISTING.LEAD@example.com" }]]);
    expect(r.total).toBe(1);
    expect(r.results[0].id).toBe(FIXED.existingLead.id);
    expect(r.paging).toBeUndefined();
  });

  it("enumeration filters are case-sensitive; total matches the seed facts", async () => {
    const leads = await search([[{ propertyName: "lifecyclestage", operator: "EQ", value: "lead" }]], { limit: 1 });
    expect(leads.total).toBe(sb.facts().lifecycleCounts.lead);
    expect(leads.paging?.next?.after).toBe("1");
    const upper = await search([[{ propertyName: "lifecyclestage", operator: "EQ", value: "LEAD" }]]);
    expect(upper.total).toBe(0);
  });

  it("AND inside a group, OR across groups; IN needs lower-case values on strings", async () => {
    const and = await search([[{ propertyName: "lifecyclestage", operator: "EQ", value: "lead" }, { propertyName: "hubspot_owner_id", operator: "EQ", value: "300000102" }]]);
    expect(and.results.every((c) => c.properties.lifecyclestage === "lead" && c.properties.hubspot_owner_id === "300000102")).toBe(true);
    const or = await search([[{ propertyName: "email", operator: "EQ", value: FIXED.existingLead.email }], [{ propertyName: "email", operator: "EQ", value: FIXED.joseNunez.email }]]);
    expect(or.total).toBe(2);
    const inLower = await search([[{ propertyName: "email", operator: "IN", values: [FIXED.existingLead.email, FIXED.joseNunez.email] }]]);
    expect(inLower.total).toBe(2);
    const inUpper = await search([[{ propertyName: "email", operator: "IN", values: ["EXISTING.LEAD@EXAMPLE.COM"] }]]);
    expect(inUpper.total).toBe(0);
  });

  it("HAS_PROPERTY / NOT_HAS_PROPERTY, numeric ranges, BETWEEN, CONTAINS_TOKEN wildcard", async () => {
    const noEmail = await search([[{ propertyName: "email", operator: "NOT_HAS_PROPERTY" }]]);
    expect(noEmail.total).toBe(sb.facts().withoutEmail);
    const hi = await search([[{ propertyName: "spara_lead_score", operator: "GTE", value: "90" }]]);
    expect(hi.results.every((c) => Number(c.properties.spara_lead_score) >= 90)).toBe(true);
    const between = await search([[{ propertyName: "spara_lead_score", operator: "BETWEEN", value: "40", highValue: "45" }]]);
    expect(between.results.every((c) => Number(c.properties.spara_lead_score) >= 40 && Number(c.properties.spara_lead_score) <= 45)).toBe(true);
    expect(between.total).toBeGreaterThan(0);
    const domain = await search([[{ propertyName: "email", operator: "CONTAINS_TOKEN", value: "*@example.com" }]]);
    expect(domain.total).toBe(9); // the fixed contacts with an email
    const date = await search([[{ propertyName: "createdate", operator: "LT", value: String(Date.UTC(2023, 0, 1)) }]]);
    expect(date.total).toBe(10); // fixed contacts are created in 2022
  });

  it("one sort; sorts by property; default order is creation", async () => {
    const asc = await search([[{ propertyName: "spara_lead_score", operator: "HAS_PROPERTY" }]], { sorts: [{ propertyName: "spara_lead_score", direction: "DESCENDING" }], limit: 20 });
    const scores = asc.results.map((c) => Number(c.properties.spara_lead_score));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const two = await apiError(search([], { sorts: [{ propertyName: "email", direction: "ASCENDING" }, { propertyName: "createdate", direction: "ASCENDING" }] }));
    expect(two.code).toBe(400);
    const def = await search([], { limit: 3 });
    expect(def.results.map((c) => c.id)).toEqual([FIXED.existingLead.id, FIXED.existingCustomer.id, FIXED.noEmail.id]);
  });

  it("limits: 200 per page, 5 groups, 6 filters per group, 18 in total, 10,000 results", async () => {
    expect((await apiError(search([], { limit: 201 }))).code).toBe(400);
    const f: F = { propertyName: "email", operator: "HAS_PROPERTY" };
    const groups6 = await apiError(search(Array.from({ length: 6 }, () => [f])));
    expect(groups6.code).toBe(400);
    expect(groups6.body.category).toBe("VALIDATION_ERROR");
    expect((await apiError(search([Array.from({ length: 7 }, () => f)]))).code).toBe(400);
    expect((await apiError(search(Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => f))))).code).toBe(400);
    expect((await search(Array.from({ length: 3 }, () => Array.from({ length: 6 }, () => f)), { limit: 1 })).total).toBeGreaterThan(0);
    const past = await apiError(search([], { after: "10000", limit: 10 }));
    expect(past.code).toBe(400);
  });

  it("archived contacts never match; new writes appear after the index lag", async () => {
    await client.crm.contacts.basicApi.archive(FIXED.joseNunez.id);
    expect((await search([[{ propertyName: "email", operator: "EQ", value: FIXED.joseNunez.email }]])).total).toBe(0);
    sb.configure({ searchIndexLagMs: 5_000 });
    try {
      const c = await client.crm.contacts.basicApi.create({ properties: { email: "lagging@example.com" }, associations: [] });
      const q = [[{ propertyName: "email", operator: "EQ" as const, value: "lagging@example.com" }]];
      expect((await search(q)).total).toBe(0);
      await client.crm.contacts.basicApi.update(FIXED.existingLead.id, { properties: { city: "Lagtown" } });
      expect((await search([[{ propertyName: "city", operator: "EQ", value: "Lagtown" }]])).total).toBe(0);
      await admin(sb, "POST", "clock", { advanceMs: 5_001 });
      expect((await search(q)).results[0].id).toBe(c.id);
      expect((await search([[{ propertyName: "city", operator: "EQ", value: "Lagtown" }]])).total).toBe(1);
    } finally {
      sb.configure({ searchIndexLagMs: 0 });
    }
  });

  it("rejects request bodies over 3,000 characters", async () => {
    const values = Array.from({ length: 200 }, (_, i) => `someone-${i}@example.com`);
    const e = await apiError(search([[{ propertyName: "email", operator: "IN", values }]]));
    expect(e.code).toBe(400);
  });

  it("free-text query and the SDK's string sort form", async () => {
    const q = await search([], { query: "núñez", limit: 50 });
    expect(q.results.some((c) => c.id === FIXED.joseNunez.id)).toBe(true);
    const desc = await search([], { sorts: ["-createdate"], limit: 1 });
    expect(desc.results[0].id).toBe(sb.facts().lastId);
  });
});

describe("search past 10,000 results", () => {
  it("the hs_object_id GT + ascending sort pattern reaches every contact", async () => {
    const big = await start({ contacts: 12_000, searchPerSecondLimit: false });
    try {
      const { client: c } = await sdkClient(big);
      const seen = new Set<string>();
      let last = "0";
      for (;;) {
        const page = await c.crm.contacts.searchApi.doSearch({
          filterGroups: [{ filters: [{ propertyName: "hs_object_id", operator: "GT" as any, value: last }] }],
          sorts: [{ propertyName: "hs_object_id", direction: "ASCENDING" } as any],
          properties: ["email"],
          limit: 200,
          after: "0",
        });
        if (page.results.length === 0) break;
        for (const r of page.results) seen.add(r.id);
        last = page.results[page.results.length - 1].id;
      }
      expect(seen.size).toBe(12_000);
      const plain = await c.crm.contacts.searchApi.doSearch({ filterGroups: [], sorts: [], properties: [], limit: 200, after: "9800" });
      expect(plain.total).toBe(12_000);
      expect(plain.paging).toBeUndefined(); // the 10,000 cap: no next page past 10,000
    } finally {
      await big.close();
    }
  });
});
