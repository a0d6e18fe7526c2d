import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";

const FILE = ".data/local-secrets.json";

/**
 * Secrets for running locally: taken from the environment when set, else generated once per machine and kept in
 * .data/ (git-ignored), so no secret is ever committed and sessions and stored tokens survive restarts.
 */
export function localSecrets(): { NEXTAUTH_SECRET: string; TOKEN_ENCRYPTION_KEY: string } {
  const stored = existsSync(FILE) ? (JSON.parse(readFileSync(FILE, "utf8")) as Record<string, string>) : {};
  const secrets = {
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? stored.NEXTAUTH_SECRET ?? randomBytes(32).toString("base64url"),
    TOKEN_ENCRYPTION_KEY: process.env.TOKEN_ENCRYPTION_KEY ?? stored.TOKEN_ENCRYPTION_KEY ?? randomBytes(32).toString("base64url"),
  };
  if (!stored.NEXTAUTH_SECRET || !stored.TOKEN_ENCRYPTION_KEY) {
    mkdirSync(".data", { recursive: true });
    writeFileSync(FILE, JSON.stringify({ ...stored, ...secrets }, null, 2), { mode: 0o600 });
  }
  return secrets;
}
