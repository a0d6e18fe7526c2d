/**
 * Push when HubSpot misbehaves: transient errors, a create that races another writer (409), and an uninstalled app.
 * Faults are injected by the sandbox per endpoint; the push still runs as the real Inngest function.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { startHarness, type Harness, type MappingRow } from "./harness";

const READ = "POST /crm/v3/objects/contacts/batch/read";
const CREATE = "POST /crm/v3/objects/contacts/batch/create";

const MAPPINGS: MappingRow[] = [
  { leadField: "firstName", hubspotProperty: "firstname", writeRule: "overwrite" },
  { leadField: "company", hubspotProperty: "company", writeRule: "fill_empty" },
  // "Contact owner" is writable and offered by the mapping picker; its options come from the owners API, so only
  // HubSpot can say whether a value is an owner id.
  { leadField: "ownerRef", hubspotProperty: "hubspot_owner_id", writeRule: "overwrite" },
];

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ contacts: 10 });
  await h.connect();
  await h.addCustomField({ key: "ownerRef", label: "Owner reference", type: "text" });
  await h.setSettings({ updateExisting: true, createNew: true, syncOwner: false, mappings: MAPPINGS });
});

afterAll(async () => {
  await h?.close();
});

afterEach(async () => {
  await h.clearFaults();
});

async function waitForRequest(template: string, from: number, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await h.requestsSince(from)).some((r) => r.template === template)) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no ${template} within ${timeoutMs}ms`);
}

describe("push under HubSpot faults", () => {
  it("survives a 429 on the read and a 500 on the create: the call is retried and nothing is lost or duplicated", async () => {
    const email = "flaky.network@example.org";
    await h.addFault({ endpoint: READ, sequence: [429] });
    await h.addFault({ endpoint: CREATE, sequence: [500] });
    await h.capture({ conversationId: "conv-flaky", fields: { email, firstName: "Flaky" } });
    const before = (await h.requestLog()).length;

    await h.requestPush();

    const contacts = await h.contactsByEmail(email);
    expect(contacts).toHaveLength(1);
    expect(contacts[0].properties).toMatchObject({ firstname: "Flaky" });
    expect(await h.lead(email)).toMatchObject({ pushPending: false, hubspotContactId: contacts[0].id });
    const run = h.runner.runs().filter((r) => r.functionId === "spara-hubspot-push-leads").at(-1)!;
    expect(run.status).toBe("completed");
    // Retried inside the call (the 429 after the portal's budget window, the 500 after a backoff), not by failing the step.
    const answers = (template: string) => log.filter((r) => r.template === template).map((r) => r.status);
    const log = await h.requestsSince(before);
    expect(answers(READ)).toEqual([429, 207]); // 207: the new email is not found
    expect(answers(CREATE)).toEqual([500, 201]);
  });

  it("turns a create that lost a race (409) into an update of the existing contact, never a duplicate", async () => {
    const email = "late.racer@example.org";
    // Hold the create long enough for "someone else" to create the same email after our read found nothing.
    await h.addFault({ endpoint: CREATE, sequence: [{ latencyMs: 800 }] });
    await h.capture({ conversationId: "conv-409", fields: { email, firstName: "Spara Side", company: "Spara View Inc" } });
    const before = (await h.requestLog()).length;
    await h.inngest.send({ name: "lead/push.requested", data: { workspaceId: h.workspaceId } });
    await waitForRequest(READ, before);
    const store = h.sandbox.sandbox.ctx.store;
    const row = store.insert({ email, firstname: "HubSpot Side", company: "Their Co" });
    const otherId = store.idOf(row);
    await h.runner.idle(45_000);

    const contacts = await h.contactsByEmail(email);
    expect(contacts).toHaveLength(1);
    expect(contacts[0].id).toBe(otherId);
    // Overwrite row wins, fill-if-empty keeps HubSpot's company.
    expect(contacts[0].properties).toMatchObject({ firstname: "Spara Side", company: "Their Co" });
    const lead = await h.lead(email);
    expect(lead).toMatchObject({ pushPending: false, hubspotContactId: otherId });
    const creates = (await h.requestsSince(before)).filter((r) => r.template === CREATE);
    // The losing create is answered 207 with a per-input CONFLICT (or 409 for the whole batch without trace ids).
    expect(creates).toHaveLength(1);
    expect([207, 409]).toContain(creates[0].status);
    expect(h.failedRuns()).toEqual([]);
    expect((await h.records(lead.id)).at(-1)).toMatchObject({ status: "updated", contactId: otherId });
  });

  it("one lead with a value HubSpot refuses does not hold back the rest of its batch", async () => {
    await h.capture({ conversationId: "conv-bad-new", fields: { email: "bad.owner@example.org", firstName: "Bad", ownerRef: "Sam from sales" } });
    await h.capture({ conversationId: "conv-good-new", fields: { email: "good.neighbour@example.org", firstName: "Good" } });
    await h.capture({ conversationId: "conv-good-existing", fields: { email: "existing.lead@example.com", firstName: "Exi" } });
    await h.capture({ conversationId: "conv-bad-existing", fields: { email: "jose.nunez@example.com", firstName: "Pepe", ownerRef: "nobody" } });

    await h.requestPush();

    expect(h.failedRuns()).toEqual([]);
    const [good] = await h.contactsByEmail("good.neighbour@example.org");
    expect(good.properties).toMatchObject({ firstname: "Good" });
    expect((await h.contact("51000000001"))!.properties).toMatchObject({ firstname: "Exi" });
    expect(await h.contactsByEmail("bad.owner@example.org")).toEqual([]);
    expect((await h.contact("51000000004"))!.properties).toMatchObject({ firstname: "José", hubspot_owner_id: "300000104" });

    for (const email of ["good.neighbour@example.org", "existing.lead@example.com"]) {
      const lead = await h.lead(email);
      expect(lead.pushPending).toBe(false);
      expect((await h.records(lead.id)).at(-1)!.status).toMatch(/created|updated/);
    }
    for (const email of ["bad.owner@example.org", "jose.nunez@example.com"]) {
      const lead = await h.lead(email);
      // Recorded with HubSpot's reason and not retried forever: the same value would be refused again.
      expect(lead.pushPending).toBe(false);
      expect((await h.records(lead.id)).at(-1)).toMatchObject({ status: "failed", reasonCode: "VALIDATION_ERROR" });
    }
  });

  it("refreshes an access token that is about to expire, also when several pushes need it at once", async () => {
    h.sandbox.configure({ accessTokenTtlSeconds: 120 }); // inside the 5-minute refresh margin from the start
    try {
      await h.connect();
      const before = (await h.requestLog()).length;
      await Promise.all(
        Array.from({ length: 5 }, async (_, i) => {
          await h.capture({ conversationId: `conv-refresh-${i}`, fields: { email: `refresh.${i}@example.org`, firstName: `Fresh ${i}` } });
          await h.inngest.send({ name: "lead/push.requested", data: { workspaceId: h.workspaceId } });
        }),
      );
      await h.runner.idle(45_000);

      expect(h.failedRuns()).toEqual([]);
      const log = await h.requestsSince(before);
      expect(log.filter((r) => r.template === "POST /oauth/v3/token").length).toBeGreaterThan(0);
      expect(log.filter((r) => r.status === 401)).toEqual([]);
      for (let i = 0; i < 5; i++) expect(await h.contactsByEmail(`refresh.${i}@example.org`)).toHaveLength(1);
    } finally {
      h.sandbox.configure({ accessTokenTtlSeconds: 1800 });
      await h.connect();
    }
  });

  it("an uninstalled app puts the connection in needs reauthorization and keeps the capture pending", async () => {
    const email = "after.uninstall@example.org";
    await h.uninstall();
    await h.capture({ conversationId: "conv-uninstalled", fields: { email, firstName: "Una" } });

    await h.requestPush();

    const [conn] = await h.db.select().from(h.schema.hubspotConnections).where(eq(h.schema.hubspotConnections.workspaceId, h.workspaceId));
    expect(conn.status).toBe("needs_reauth");
    expect(conn.accessTokenEnc).toBeNull();
    expect(await h.lead(email)).toMatchObject({ pushPending: true, hubspotContactId: null });
    expect(await h.contactsByEmail(email)).toEqual([]);

    // Authorizing again resumes with the same configuration and pushes what waited.
    await h.connect();
    await h.requestPush();
    const contacts = await h.contactsByEmail(email);
    expect(contacts).toHaveLength(1);
    expect(await h.lead(email)).toMatchObject({ pushPending: false, hubspotContactId: contacts[0].id });
  });
});
