import { defaultDbUrl, openDb } from "@/lib/db/client";
import { seedDemo } from "@/drizzle/seed";

/** Creates (first run), migrates and seeds the database, then closes it so the app can open it. */
export async function prepareDatabase(): Promise<{ url: string; seeded: boolean }> {
  const url = defaultDbUrl();
  const handle = await openDb(url);
  try {
    const { created } = await seedDemo(handle.db);
    return { url, seeded: created };
  } finally {
    await handle.close();
  }
}
