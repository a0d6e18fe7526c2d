/**
 * Coalescing: once a lead is linked to a contact, the changes a conversation makes within the coalescing window
 * become one write, while a lead's first push (create or match) never waits.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { startHarness, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ contacts: 20 });
  await h.connect();
  await h.setSettings({
    updateExisting: true,
    createNew: true,
    syncOwner: false,
    mappings: [
      { leadField: "firstName", hubspotProperty: "firstname", writeRule: "overwrite" },
      { leadField: "jobTitle", hubspotProperty: "jobtitle", writeRule: "overwrite" },
      { leadField: "city", hubspotProperty: "city", writeRule: "overwrite" },
    ],
  });
});
afterAll(() => h?.close());

const writes = (log: { template: string | null }[]) => log.filter((r) => /batch\/(update|create)$/.test(r.template ?? "")).length;

it("writes a linked lead's rapid changes once, after the window, and the first push at once", async () => {
  const { recordCapture } = await import("@/lib/ingest/capture");
  const { pushPendingBatch } = await import("@/lib/sync/push");
  const WINDOW_MS = 700;
  const email = "coalesce.me@example.com";

  // The first capture (email given) pushes at once even with a window set: the contact exists straight away.
  await recordCapture(h.db, h.workspaceId, { conversationId: "co-1", fields: { email, firstName: "Ines" }, insights: {} }, { coalesceMs: WINDOW_MS });
  await h.requestPush();
  const [created] = await h.contactsByEmail(email);
  expect(created.properties.firstname).toBe("Ines");

  // Three quick changes: nothing is due until the window has passed.
  const from = (await h.requestLog()).length;
  for (const fields of [{ jobTitle: "CTO" }, { city: "Porto" }, { firstName: "Inês" }] as Record<string, string>[]) {
    await recordCapture(h.db, h.workspaceId, { conversationId: "co-1", fields, insights: {} }, { coalesceMs: WINDOW_MS });
  }
  expect((await pushPendingBatch(h.db, h.workspaceId)).claimed).toBe(0);
  expect(writes(await h.requestsSince(from))).toBe(0);

  await new Promise((r) => setTimeout(r, WINDOW_MS + 100));
  await h.requestPush();
  const log = await h.requestsSince(from);
  expect(writes(log)).toBe(1);
  const [contact] = await h.contactsByEmail(email);
  expect(contact.properties).toMatchObject({ firstname: "Inês", jobtitle: "CTO", city: "Porto" });
  const lead = await h.lead(email);
  expect(lead?.pushPending).toBe(false);
  expect(lead?.pushNotBefore).toBeNull();
});
