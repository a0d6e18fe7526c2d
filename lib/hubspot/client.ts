import { Client } from "@hubspot/api-client";

/** HubSpot meters search separately (5/s) from every other call (110 per rolling 10 s): reference §6. */
export type RequestBucket = "standard" | "search";

export type HubSpotClientOptions = { accessToken: string; baseUrl: string };

/**
 * The SDK client for one portal. Retries are off: the SDK's retry waits are fixed and process-local (and it keeps
 * its decorators in a process-wide singleton), so backoff and the per-portal budget live in lib/sync
 * (PortalAccess.call). The SDK's `middleware` option cannot carry the budget: in 13.5 the generated APIs only run
 * middleware passed per call, never the configured one.
 */
export function createHubSpotClient({ accessToken, baseUrl }: HubSpotClientOptions): Client {
  return new Client({ accessToken, basePath: baseUrl.replace(/\/$/, ""), numberOfApiCallRetries: 0 });
}

export type { Client as HubSpotClient };
