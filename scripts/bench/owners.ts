/**
 * npm run bench:owners [-- --leads 10000]
 *
 * Requests for one owner sync of N linked leads (goal for 10,000: ≤ 105 = 100 batch reads + the owner directory
 * pages). Everything real and in-process: the HubSpot sandbox seeded with N contacts (HubSpot's limits on), PGlite in
 * memory, N leads linked to those contacts, and the owner sync run by the real Inngest function via the local runner.
 * Reuses the integration harness. The request count comes from the sandbox's request log. Nothing is asserted.
 */
import { randomBytes } from "node:crypto";
import { countByRoute, crmRequests, startHarness } from "../../tests/integration/harness";

const arg = process.argv.indexOf("--leads");
const N = arg > 0 ? Number(process.argv[arg + 1]) : 10_000;

// Throwaway secrets for this process only (the product's env requires them; nothing here is kept).
process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("base64url");
process.env.TOKEN_ENCRYPTION_KEY ??= randomBytes(32).toString("base64url");

const h = await startHarness({ contacts: N });
try {
  await h.connect();
  await h.setSettings({ updateExisting: false, createNew: false, syncOwner: true, mappings: [] });

  // Link one lead to each live contact of the portal (as after a pull), in bulk.
  const contacts = h.allContacts();
  const rows = contacts.map((c, i) => ({ workspaceId: h.workspaceId, email: c.properties.email ?? `no-email-${i}@bench.example`, source: "hubspot", hubspotContactId: c.id, hubspotPortalId: "48151623" }));
  for (let i = 0; i < rows.length; i += 1000) await h.db.insert(h.schema.leads).values(rows.slice(i, i + 1000));
  const withOwner = contacts.filter((c) => c.properties.hubspot_owner_id).length;

  const before = (await h.requestLog()).length;
  const started = performance.now();
  await h.requestOwnerSync();
  const seconds = (performance.now() - started) / 1000;
  const requests = crmRequests(await h.requestsSince(before));
  const [run] = h.runner.runs().filter((r) => r.functionId === "spara-hubspot-sync-owners");
  const filled = (await h.db.select({ id: h.schema.leads.ownerId }).from(h.schema.leads)).filter((l) => l.id).length;

  console.log(`linked leads: ${rows.length} (contacts with an owner id: ${withOwner}; leads with an active owner after the sync: ${filled})`);
  console.log(`owner sync: ${run?.status}, counts ${JSON.stringify((run?.output as { counts?: unknown })?.counts)}`);
  console.log(`HubSpot requests: ${requests.length} (goal ≤ 105) ${JSON.stringify(countByRoute(requests))}; answered 429: ${requests.filter((r) => r.status === 429).length}`);
  console.log(`wall time: ${seconds.toFixed(1)} s (HubSpot's 110 requests / 10 s limit applies)`);
  console.log(JSON.stringify({ leads: rows.length, requests: requests.length, byRoute: countByRoute(requests), seconds: Number(seconds.toFixed(1)) }));
} finally {
  await h.close();
}
