import { Client } from "@hubspot/api-client";

export type HubSpotClientOptions = { accessToken: string; baseUrl: string };

/**
 * The SDK client for one portal. Retries are off: the SDK's retry waits are fixed and process-local (and it keeps
 * its decorators in a process-wide singleton), so backoff and the per-portal budget live in lib/sync instead.
 */
export function createHubSpotClient({ accessToken, baseUrl }: HubSpotClientOptions): Client {
  return new Client({ accessToken, basePath: baseUrl.replace(/\/$/, ""), numberOfApiCallRetries: 0 });
}

export type { Client as HubSpotClient };
