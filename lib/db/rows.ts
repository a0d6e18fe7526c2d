import type { DbOrTx } from "./client";
import type { SQL } from "drizzle-orm";

/** Raw SQL rows from either driver: postgres.js returns an array, PGlite returns { rows }. */
export async function executeRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
