// Figures for the README: seed time and memory at 100k contacts, batch-read and search throughput.
// Run: npx tsx hubspot-sandbox/bench.ts [contacts]   (prints figures; asserts nothing)
import { Client } from "@hubspot/api-client";
import { startSandbox } from "./server";

const contacts = Number(process.argv[2] ?? 100_000);
const rss0 = process.memoryUsage().rss;
const t0 = performance.now();
const sb = await startSandbox({ port: 0, contacts, tenSecondlyLimit: false, searchPerSecondLimit: false });
const startMs = performance.now() - t0;
globalThis.gc?.();
const rss = process.memoryUsage().rss;
console.log(`contacts=${contacts} startSandbox=${startMs.toFixed(0)}ms seed=${sb.facts().seedMs}ms rss=${(rss / 1e6).toFixed(0)}MB (+${((rss - rss0) / 1e6).toFixed(0)}MB) heapUsed=${(process.memoryUsage().heapUsed / 1e6).toFixed(0)}MB`);

const t = await sb.connect();
const client = new Client({ accessToken: t.access_token, basePath: sb.url, numberOfApiCallRetries: 0 });
const first = Number(sb.facts().firstGeneratedId);
const ids = Array.from({ length: 100 }, (_, i) => ({ id: String(first + i * 2) }));

async function rate(label: string, n: number, concurrency: number, fn: () => Promise<unknown>) {
  const s = performance.now();
  let done = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (done < n) {
      done++;
      await fn();
    }
  }));
  const sec = (performance.now() - s) / 1000;
  console.log(`${label}: ${(n / sec).toFixed(0)} req/s (${n} requests, concurrency ${concurrency})`);
}

await rate("batch/read of 100 (SDK)", 500, 4, () => client.crm.contacts.batchApi.read({ inputs: ids, properties: ["email", "firstname", "lastname", "lifecyclestage", "hubspot_owner_id"], propertiesWithHistory: [] }));
await rate("search lifecyclestage=lead limit 200 (SDK)", 50, 2, () => client.crm.contacts.searchApi.doSearch({ filterGroups: [{ filters: [{ propertyName: "lifecyclestage", operator: "EQ" as any, value: "lead" }] }], sorts: [], properties: ["email"], limit: 200, after: "0" }));
console.log(`rss after load=${(process.memoryUsage().rss / 1e6).toFixed(0)}MB`);
await sb.close();
