/**
 * The agents' ingestion API: POST /api/v1/captures, called through its real route handler with real Requests,
 * against the real database, sandbox and Inngest functions. Bad keys and payloads change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTOR, startHarness, type Harness } from "./harness";

let h: Harness;
let POST: (req: Request) => Promise<Response>;
let key: string;

function capture(body: unknown, opts: { key?: string | null; contentType?: string } = {}) {
  const headers: Record<string, string> = { "content-type": opts.contentType ?? "application/json" };
  const k = opts.key === undefined ? key : opts.key;
  if (k) headers.authorization = `Bearer ${k}`;
  return POST(new Request("http://127.0.0.1/api/v1/captures", { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) }));
}

beforeAll(async () => {
  h = await startHarness({ contacts: 20 });
  await h.connect();
  await h.setSettings({ updateExisting: true, createNew: true, syncOwner: false, mappings: [{ leadField: "firstName", hubspotProperty: "firstname", writeRule: "overwrite" }] });
  ({ POST } = await import("@/app/api/v1/captures/route"));
  const { createApiKey } = await import("@/lib/api-keys/keys");
  key = (await createApiKey(h.db, h.workspaceId, ACTOR, "website agent")).key;
});
afterAll(() => h?.close());

describe("POST /api/v1/captures", () => {
  it("records a capture and the push creates the contact", async () => {
    const res = await capture({ conversationId: "api-1", fields: { email: " Api.Lead@Example.COM ", firstName: "Ana" }, insights: { intent: "high" } });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ created: true, pushQueued: true, changedFields: ["email", "firstName", "intent"] });
    await h.runner.idle(45_000);
    const [contact] = await h.contactsByEmail("api.lead@example.com");
    expect(contact.properties.firstname).toBe("Ana");
    const lead = await h.lead("api.lead@example.com");
    expect(lead?.hubspotContactId).toBe(contact.id);
  });

  it.each([
    [null, "Missing API key: send `Authorization: Bearer spk_…`."],
    ["spk_nope", "Invalid or revoked API key."],
    ["spk_abcdefghij_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "Invalid or revoked API key."],
  ])("refuses key %j with 401", async (k, message) => {
    const res = await capture({ conversationId: "api-x", fields: { email: "x@example.com" } }, { key: k });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: message });
  });

  it("says precisely what is wrong with a payload, and records nothing", async () => {
    const leadsBefore = (await h.db.select().from(h.schema.leads)).length;
    const bad = await capture({ conversationId: "", fields: { email: 42 }, insights: { intent: "urgent" }, extra: 1 });
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.error).toBe("The capture is not valid; nothing was recorded.");
    expect(body.issues.map((i: { path: string }) => i.path).sort()).toEqual(["(body)", "conversationId", "insights.intent"].sort());

    expect((await capture("{not json")).status).toBe(400);
    expect((await capture({ conversationId: "c" }, { contentType: "text/plain" })).status).toBe(415);
    const unknown = await capture({ conversationId: "api-2", fields: { email: "u@example.com", favouriteColour: "blue" } });
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toEqual({
      error: 'Unknown lead field "favouriteColour". Add it on the Data Model page first.',
      issues: [{ path: "fields.favouriteColour", message: 'Unknown lead field "favouriteColour". Add it on the Data Model page first.' }],
    });
    const badEmail = await capture({ conversationId: "api-3", fields: { email: "not-an-email" } });
    expect(badEmail.status).toBe(422);
    expect((await h.db.select().from(h.schema.leads)).length).toBe(leadsBefore);
  });

  it("a revoked key stops working at once", async () => {
    const { createApiKey, revokeApiKey } = await import("@/lib/api-keys/keys");
    const temp = await createApiKey(h.db, h.workspaceId, ACTOR, "temporary");
    expect((await capture({ conversationId: "api-4", fields: { firstName: "NoEmailYet" } }, { key: temp.key })).status).toBe(201);
    expect(await revokeApiKey(h.db, h.workspaceId, ACTOR, temp.id)).toBe(true);
    expect((await capture({ conversationId: "api-4", fields: { firstName: "Again" } }, { key: temp.key })).status).toBe(401);
  });

  it("a key of another workspace cannot be revoked from this one", async () => {
    const { createApiKey, revokeApiKey } = await import("@/lib/api-keys/keys");
    const other = await createApiKey(h.db, h.otherWorkspaceId, ACTOR, "globex agent");
    expect(await revokeApiKey(h.db, h.workspaceId, ACTOR, other.id)).toBe(false);
    expect((await capture({ conversationId: "g-1", fields: { firstName: "Gil" } }, { key: other.key })).status).toBe(201);
  });
});
