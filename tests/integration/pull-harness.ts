/**
 * The harness as the pull tests need it: connected, a firstName/company mapping, push off, and search limits opened
 * up (in the sandbox and in this test process's budget) so pages are not paced at HubSpot's 5 per second.
 */
import { startHarness } from "./harness";

export async function startPullHarness(opts: { recordEvents?: string[] } = {}) {
  const h = await startHarness({ contacts: 400, ...opts });
  await h.connect();
  await h.setSettings({
    updateExisting: false,
    createNew: false,
    syncOwner: false,
    mappings: [
      { leadField: "firstName", hubspotProperty: "firstname", writeRule: "overwrite" },
      { leadField: "company", hubspotProperty: "company", writeRule: "overwrite" },
    ],
  });
  const { BUDGETS } = await import("@/lib/sync/budget");
  BUDGETS.search.limit = 1_000;
  h.sandbox.configure({ searchPerSecondLimit: false });
  return { h, contacts: h.allContacts() };
}
