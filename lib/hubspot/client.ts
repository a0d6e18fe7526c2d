import { Client } from "@hubspot/api-client";

/** HubSpot meters search separately (5/s) from every other call (110 per rolling 10 s): reference §6. */
export type RequestBucket = "standard" | "search";

export type HubSpotClientOptions = {
  accessToken: string;
  baseUrl: string;
  /** Awaited before every HTTP request the client sends (each page, each retry): where the per-portal budget is taken. */
  beforeRequest?: (bucket: RequestBucket) => Promise<void>;
};

/** CRM search is `POST /crm/v3/objects/{type}/search`; lists' own search is an ordinary call. */
export function bucketOf(url: string): RequestBucket {
  return /^\/crm\/v3\/objects\/[^/]+\/search$/.test(new URL(url).pathname.replace(/^.*(?=\/crm\/)/, "")) ? "search" : "standard";
}

/**
 * The SDK client for one portal. Retries are off: the SDK's retry waits are fixed and process-local (and it keeps
 * its decorators in a process-wide singleton), so backoff and the per-portal budget live outside it. The budget is a
 * per-client middleware (not a decorator), so it sees every request, including each page of the SDK's own loops.
 */
export function createHubSpotClient({ accessToken, baseUrl, beforeRequest }: HubSpotClientOptions): Client {
  const middleware = beforeRequest
    ? [
        {
          pre: async (ctx: unknown) => {
            await beforeRequest(bucketOf((ctx as { getUrl(): string }).getUrl()));
            return ctx;
          },
          post: (ctx: unknown) => ctx,
        },
      ]
    : undefined;
  return new Client({ accessToken, basePath: baseUrl.replace(/\/$/, ""), numberOfApiCallRetries: 0, middleware });
}

export type { Client as HubSpotClient };
