import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { apiKeys } from "@/drizzle/schema";
import { recordAudit, type Actor } from "@/lib/db/queries/audit";

/**
 * Keys look like "spk_<prefix>_<secret>": the prefix finds the row, the SHA-256 of the whole key proves it.
 * A 256-bit random secret needs no slow hash; the comparison is constant-time.
 */
const KEY_PATTERN = /^spk_([a-z0-9]{10})_([A-Za-z0-9_-]{43})$/;

const sha256 = (s: string) => createHash("sha256").update(s).digest();

export async function createApiKey(db: Db, workspaceId: string, actor: Actor, name: string): Promise<{ id: string; key: string; prefix: string }> {
  const prefix = randomBytes(8).toString("hex").slice(0, 10);
  const key = `spk_${prefix}_${randomBytes(32).toString("base64url")}`;
  const [row] = await db
    .insert(apiKeys)
    .values({ workspaceId, name, prefix, keyHash: sha256(key).toString("hex"), createdByEmail: actor.email })
    .returning({ id: apiKeys.id });
  await recordAudit(db, workspaceId, actor, "api_key.created", { id: row.id, name, prefix });
  return { id: row.id, key, prefix };
}

export async function revokeApiKey(db: Db, workspaceId: string, actor: Actor, id: string): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  if (rows.length > 0) await recordAudit(db, workspaceId, actor, "api_key.revoked", { id });
  return rows.length > 0;
}

export async function listApiKeys(db: Db, workspaceId: string) {
  return db
    .select({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, createdByEmail: apiKeys.createdByEmail, createdAt: apiKeys.createdAt, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(eq(apiKeys.workspaceId, workspaceId))
    .orderBy(desc(apiKeys.createdAt));
}

/** The workspace a presented key belongs to, or null for a malformed, unknown or revoked key. */
export async function authenticateApiKey(db: Db, presented: string): Promise<{ workspaceId: string; keyId: string } | null> {
  const match = KEY_PATTERN.exec(presented);
  if (!match) return null;
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.prefix, match[1]));
  if (!row || row.revokedAt) return null;
  const expected = Buffer.from(row.keyHash, "hex");
  if (!timingSafeEqual(sha256(presented), expected)) return null;
  await db.update(apiKeys).set({ lastUsedAt: new Date() }).where(eq(apiKeys.id, row.id));
  return { workspaceId: row.workspaceId, keyId: row.id };
}
