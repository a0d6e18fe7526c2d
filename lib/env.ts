import { z } from "zod";

/**
 * The environment, parsed once. Every default is the embedded one, so a fresh clone runs with no .env at all:
 * PGlite under .data/, the local HubSpot sandbox on :4010, the local Inngest runner on :8288.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** postgres://… selects PostgreSQL through postgres.js; unset selects embedded PGlite. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// URL").optional(),
  PGLITE_DIR: z.string().default(".data/pglite"),
  APP_URL: z.string().url().default("http://127.0.0.1:3000"),
  /** Signs session cookies. `npm run dev` generates one per machine into .data/local-secrets.json. */
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
  /** Encrypts HubSpot tokens at rest (AES-256-GCM). `npm run dev` generates one per machine, like NEXTAUTH_SECRET. */
  TOKEN_ENCRYPTION_KEY: z.string().min(32, "TOKEN_ENCRYPTION_KEY must be at least 32 characters"),
  HUBSPOT_CLIENT_ID: z.string().default("spara-local-client"),
  HUBSPOT_CLIENT_SECRET: z.string().default("spara-local-secret"),
  /** Real HubSpot: https://api.hubapi.com and https://app.hubspot.com/oauth/authorize. */
  HUBSPOT_API_BASE_URL: z.string().url().default("http://127.0.0.1:4010"),
  HUBSPOT_AUTHORIZE_URL: z.string().url().default("http://127.0.0.1:4010/oauth/authorize"),
  /** Portal UI links (contact records). Real HubSpot: https://app.hubspot.com */
  HUBSPOT_APP_URL: z.string().url().default("http://127.0.0.1:4010"),
  /**
   * How long a linked lead's further changes wait to be pushed together. 30 s turns a conversation that captures ten
   * fields over a minute into three writes (create, then two coalesced updates); a lead's first push never waits.
   */
  PUSH_COALESCE_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = envSchema.safeParse(process.env);
    if (!parsed.success) {
      throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    }
    cached = parsed.data;
  }
  return cached;
}
