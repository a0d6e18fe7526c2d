/**
 * The per-portal budget on a real database (PGlite in memory; PostgreSQL when DATABASE_URL is set, in a fresh
 * database). Slots are counted, not timed: the assertions are about how many requests the window lets through.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import type { Db, DbHandle } from "@/lib/db/client";
import { BUDGETS, blockBudget, tryAcquireSlot } from "./budget";

let handle: DbHandle;
let db: Db;
let dropDb: () => Promise<void> = async () => {};

beforeAll(async () => {
  const { openDb } = await import("@/lib/db/client");
  const server = process.env.DATABASE_URL;
  if (!server) {
    handle = await openDb("memory://");
  } else {
    const { default: postgres } = await import("postgres");
    const name = `spara_budget_${randomBytes(5).toString("hex")}`;
    const admin = postgres(server, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    await admin.end({ timeout: 5 });
    const url = new URL(server);
    url.pathname = `/${name}`;
    handle = await openDb(url.toString());
    dropDb = async () => {
      const a = postgres(server, { max: 1, onnotice: () => {} });
      await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end({ timeout: 5 });
    };
  }
  db = handle.db;
});

afterAll(async () => {
  await handle?.close();
  await dropDb();
});

describe("per-portal request budget", () => {
  it("lets exactly the limit through a rolling window, even when callers race, and keeps portals and buckets apart", async () => {
    const { limit } = BUDGETS.standard;
    expect(limit).toBeLessThan(110); // HubSpot: 110 per rolling 10 s for OAuth apps, with a margin
    const results = await Promise.all(Array.from({ length: limit + 20 }, () => tryAcquireSlot(db, "portal-a", "standard")));
    expect(results.filter((r) => r.waitMs === 0)).toHaveLength(limit);
    const refused = results.filter((r) => r.waitMs > 0);
    expect(refused).toHaveLength(20);
    for (const r of refused) expect(r.waitMs).toBeLessThanOrEqual(BUDGETS.standard.windowMs);

    // Another portal has its own budget; search is metered apart from the 10-second bucket.
    expect(await tryAcquireSlot(db, "portal-b", "standard")).toEqual({ waitMs: 0 });
    const search = await Promise.all(Array.from({ length: 6 }, () => tryAcquireSlot(db, "portal-a", "search")));
    expect(search.filter((r) => r.waitMs === 0)).toHaveLength(BUDGETS.search.limit);
  });

  it("a 429 blocks the portal's bucket for every caller until the window frees", async () => {
    expect(await tryAcquireSlot(db, "portal-c", "standard")).toEqual({ waitMs: 0 });
    await blockBudget(db, "portal-c", "standard");
    const blocked = await tryAcquireSlot(db, "portal-c", "standard");
    expect(blocked.waitMs).toBeGreaterThan(0);
    expect(blocked.waitMs).toBeLessThanOrEqual(BUDGETS.standard.windowMs);
    expect(await tryAcquireSlot(db, "portal-d", "standard")).toEqual({ waitMs: 0 });
    expect(await tryAcquireSlot(db, "portal-c", "search")).toEqual({ waitMs: 0 });
  });
});
