/**
 * Disconnect stops syncing at once: a run that already holds its HubSpot access makes no further call, and a push
 * pass interrupted that way keeps its leads pending (they go out after the next Authorize).
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { ACTOR, startHarness, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ contacts: 20 });
  await h.connect();
  await h.setSettings({ updateExisting: true, createNew: true, syncOwner: false, mappings: [] });
});
afterAll(() => h?.close());

it("a HubSpot call after a disconnect is not made, even by a run that already had access", async () => {
  const { getPortalAccess, disconnectPortal, NotConnectedError } = await import("@/lib/sync/connection");
  const { batchReadContacts } = await import("@/lib/hubspot/api");
  const access = await getPortalAccess(h.db, h.workspaceId);
  expect(access).not.toBeNull();
  await disconnectPortal(h.db, h.workspaceId, ACTOR);
  const from = (await h.requestLog()).length;
  await expect(access!.call(() => batchReadContacts(access!.client, ["51000000001"], ["email"]))).rejects.toBeInstanceOf(NotConnectedError);
  // Only the token revoke reached HubSpot; no CRM call.
  expect((await h.requestsSince(from)).filter((r) => r.path.startsWith("/crm/"))).toEqual([]);

  await h.capture({ conversationId: "dc-1", fields: { email: "after.disconnect@example.com" } });
  await h.requestPush();
  expect((await h.lead("after.disconnect@example.com"))?.pushPending).toBe(true);
  expect(await h.contactsByEmail("after.disconnect@example.com")).toEqual([]);

  await h.connect();
  await h.requestPush();
  expect((await h.lead("after.disconnect@example.com"))?.hubspotContactId).toMatch(/^\d+$/);
});
