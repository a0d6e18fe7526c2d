// Rate limits and injected faults.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Client } from "@hubspot/api-client";
import type { RunningSandbox } from "./server";
import { FIXED } from "./seed";
import { admin, apiError, sdkClient, start } from "./test-helpers";

let sb: RunningSandbox;
let client: Client;
let token: string;
beforeAll(async () => {
  sb = await start({ contacts: 200 });
  ({ client, accessToken: token } = await sdkClient(sb));
});
beforeEach(() => {
  sb.reset();
  sb.configure({ tenSecondlyLimit: 110, searchPerSecondLimit: 5 });
});
afterAll(() => sb.close());

const get = (path: string) => fetch(`${sb.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
const searchRaw = () => fetch(`${sb.url}/crm/v3/objects/contacts/search`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ limit: 1 }) });

describe("rate limits", () => {
  it("ten-secondly rolling window: headers count down, then 429 TEN_SECONDLY_ROLLING; window rolls with the clock", async () => {
    sb.configure({ tenSecondlyLimit: 3 });
    const first = await get("/crm/v3/owners");
    expect(first.headers.get("x-hubspot-ratelimit-max")).toBe("3");
    expect(first.headers.get("x-hubspot-ratelimit-remaining")).toBe("2");
    expect(first.headers.get("x-hubspot-ratelimit-interval-milliseconds")).toBe("10000");
    await get("/crm/v3/owners");
    await get("/crm/v3/owners");
    const e = await apiError(client.crm.owners.ownersApi.getPage());
    expect(e.code).toBe(429);
    // The SDK's Error model keeps only some fields; check the raw body too.
    const raw = await get("/crm/v3/owners");
    expect(raw.status).toBe(429);
    const body = await raw.json();
    expect(body).toMatchObject({ status: "error", message: "You have reached your ten_secondly_rolling limit.", errorType: "RATE_LIMIT", policyName: "TEN_SECONDLY_ROLLING" });
    expect(body.correlationId).toBeTruthy();
    expect(body.requestId).toBeTruthy();
    await admin(sb, "POST", "clock", { advanceMs: 10_001 });
    expect((await get("/crm/v3/owners")).status).toBe(200);
  });

  it("search has its own per-second limit, no rate-limit headers, and does not use the 10 s budget", async () => {
    sb.configure({ tenSecondlyLimit: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await searchRaw();
      statuses.push(r.status);
      expect(r.headers.get("x-hubspot-ratelimit-max")).toBeNull();
      if (r.status === 429) expect(await r.json()).toMatchObject({ message: "You have reached your secondly limit.", policyName: "SECONDLY", errorType: "RATE_LIMIT" });
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await get("/crm/v3/owners")).status).toBe(200);
    await admin(sb, "POST", "clock", { advanceMs: 1_001 });
    expect((await searchRaw()).status).toBe(200);
  });

  it("limits can be switched off", async () => {
    sb.configure({ tenSecondlyLimit: false });
    const r = await get("/crm/v3/owners");
    expect(r.headers.get("x-hubspot-ratelimit-max")).toBeNull();
  });
});

describe("faults", () => {
  it("a sequence is consumed one request at a time, then the endpoint recovers", async () => {
    await admin(sb, "POST", "faults", { endpoint: "POST /crm/v3/objects/contacts/batch/read", sequence: [429, 500, 423, { latencyMs: 30 }] });
    const read = () => client.crm.contacts.batchApi.read({ inputs: [{ id: FIXED.existingLead.id }], properties: [], propertiesWithHistory: [] });
    const e429 = await apiError(read());
    expect(e429.code).toBe(429);
    expect((await apiError(read())).code).toBe(500);
    expect((await apiError(read())).code).toBe(423);
    const t0 = Date.now();
    expect((await read()).results).toHaveLength(1);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(25);
    expect((await read()).results).toHaveLength(1);
    // Other endpoints were never affected.
    expect((await client.crm.contacts.basicApi.getPage(1)).results).toHaveLength(1);
  });

  it("an injected 429 looks like the real ten-secondly one (so SDK retry logic can key on policyName)", async () => {
    await admin(sb, "POST", "faults", { endpoint: "GET /crm/v3/owners", sequence: [429] });
    const r = await get("/crm/v3/owners");
    expect(r.status).toBe(429);
    expect(await r.json()).toMatchObject({ policyName: "TEN_SECONDLY_ROLLING", errorType: "RATE_LIMIT" });
  });

  it("timeout holds the request open until the client gives up", async () => {
    await admin(sb, "POST", "faults", { endpoint: "GET /crm/v3/owners/{ownerId}", sequence: ["timeout"] });
    await expect(fetch(`${sb.url}/crm/v3/owners/300000101`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(200) })).rejects.toThrow();
    expect((await get("/crm/v3/owners/300000101")).status).toBe(200);
  });

  it("rate+status fails a deterministic share of calls; DELETE clears", async () => {
    await admin(sb, "POST", "faults", { endpoint: "GET /crm/v3/owners", rate: 0.5, status: 503 });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await get("/crm/v3/owners")).status);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(3);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(3);
    await admin(sb, "DELETE", "faults");
    for (let i = 0; i < 5; i++) expect((await get("/crm/v3/owners")).status).toBe(200);
  });
});
