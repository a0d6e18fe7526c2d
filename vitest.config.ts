import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    environment: "node",
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
    // Test-only values; real ones come from the environment (or .data/local-secrets.json under npm run dev).
    env: { NEXTAUTH_SECRET: "test-nextauth-secret-0123456789abcdef", TOKEN_ENCRYPTION_KEY: "test-token-key-0123456789abcdef0123", PUSH_COALESCE_MS: "0" },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
