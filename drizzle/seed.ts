import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { ensureEmailMapping, upsertHubSpotSettings } from "@/lib/db/queries/hubspot-settings";
import { memberships, users, workspaces } from "./schema";

import { demoUsers } from "./demo-users";

export { demoUsers };

const demoWorkspaces = [
  { slug: "acme", name: "Acme Inc" },
  { slug: "globex", name: "Globex Corp" },
];

/** Idempotent: creates what is missing and leaves existing rows alone. */
export async function seedDemo(db: Db): Promise<{ created: boolean }> {
  const [existing] = await db.select().from(workspaces).where(eq(workspaces.slug, "acme"));
  if (existing) return { created: false };
  await db.transaction(async (tx) => {
    const ids = new Map<string, string>();
    for (const w of demoWorkspaces) {
      const [row] = await tx.insert(workspaces).values(w).returning({ id: workspaces.id });
      ids.set(w.slug, row.id);
      await ensureEmailMapping(tx, row.id);
      await upsertHubSpotSettings(tx, row.id, { updateExisting: false, createNew: false, syncOwner: false });
    }
    for (const u of demoUsers) {
      const [row] = await tx.insert(users).values({ email: u.email, name: u.name, passwordHash: await hashPassword(u.password) }).returning({ id: users.id });
      await tx.insert(memberships).values({ userId: row.id, workspaceId: ids.get(u.workspace)!, role: u.role });
    }
  });
  return { created: true };
}
