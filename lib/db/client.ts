import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import * as schema from "@/drizzle/schema";
import { env } from "@/lib/env";

/** The one query handle type for both drivers (postgres.js and PGlite). */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = PgTransaction<PgQueryResultHKT, typeof schema, ExtractTablesWithRelations<typeof schema>>;
export type DbOrTx = Db | Tx;

export type DbHandle = { db: Db; close: () => Promise<void> };

const migrationsFolder = path.join(process.cwd(), "drizzle", "migrations");

/**
 * Opens a database and brings its schema up to date. `url` is a postgres:// URL, or a PGlite location
 * (a directory, or "memory://" for tests).
 */
export async function openDb(url: string): Promise<DbHandle> {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    const client = postgres(url, { max: 10, onnotice: () => {} });
    const db = drizzle({ client, schema });
    await migrate(db, { migrationsFolder });
    return { db: db as unknown as Db, close: () => client.end({ timeout: 5 }) };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  if (!url.includes("://")) mkdirSync(url, { recursive: true });
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const client = await PGlite.create(url);
  const db = drizzle({ client, schema });
  await migrate(db, { migrationsFolder });
  return { db: db as unknown as Db, close: () => client.close() };
}

export function defaultDbUrl(): string {
  const e = env();
  if (e.DATABASE_URL) return e.DATABASE_URL;
  // PGlite locations with a scheme ("memory://" for tests, "idb://") are not paths: resolving one would turn
  // PGLITE_DIR=memory:// into an on-disk directory named "memory:".
  return /^[a-z]+:\/\//i.test(e.PGLITE_DIR) ? e.PGLITE_DIR : path.resolve(e.PGLITE_DIR);
}

// One handle per server process; kept on globalThis so Next's dev reloads do not open PGlite twice.
const holder = globalThis as unknown as { __sparaDb?: Promise<DbHandle> };

export function getDb(): Promise<Db> {
  holder.__sparaDb ??= openDb(defaultDbUrl());
  return holder.__sparaDb.then((h) => h.db);
}
