import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WASM through file URLs; bundling it breaks that at runtime.
  serverExternalPackages: ["@electric-sql/pglite"],
  // next dev would otherwise write and keep regenerating an AGENTS.md in the project root.
  agentRules: false,
  experimental: { agentUpgrade: false },
} as NextConfig;

export default nextConfig;
