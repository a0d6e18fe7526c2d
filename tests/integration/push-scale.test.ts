/**
 * Push at scale and under partial failures, through the real push-leads function: 1,000 leads from 20 concurrent
 * conversations, a stale cached property definition, and a 207 whose failed inputs are retryable or not.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNotNull } from "drizzle-orm";
import { startHarness, type Harness, type MappingRow } from "./harness";

const READ = "POST /crm/v3/objects/contacts/batch/read";
const CREATE = "POST /crm/v3/objects/contacts/batch/create";
const PROPERTIES = "GET /crm/v3/properties/{objectType}";

const MAPPINGS: MappingRow[] = [
  { leadField: "firstName", hubspotProperty: "firstname", writeRule: "overwrite" },
  { leadField: "company", hubspotProperty: "company", writeRule: "fill_empty" },
  { leadField: "leadSource", hubspotProperty: "spara_source", writeRule: "overwrite" },
];

let h: Harness;

beforeAll(async () => {
  // A linked lead's second capture is pushed at once instead of after the 30 s coalescing window.
  process.env.PUSH_COALESCE_MS = "0";
  h = await startHarness({ contacts: 10 });
  await h.connect();
  await h.addCustomField({ key: "leadSource", label: "Lead source", type: "select", options: ["website_chat", "email_agent", "chatbot", "partner_referral"] });
  await h.setSettings({ updateExisting: true, createNew: true, syncOwner: false, mappings: MAPPINGS });
});

afterAll(async () => {
  await h?.close();
});

afterEach(async () => {
  await h.clearFaults();
  expect(h.failedRuns()).toEqual([]);
});

describe("push at scale and under partial failures", () => {
  it("1,000 leads captured across 20 concurrent conversations each end with exactly one contact", async () => {
    const LEADS = 1000;
    const CONVERSATIONS = 20;
    const email = (i: number) => `scale.${String(i).padStart(4, "0")}@example.org`;
    // Each conversation captures its 50 leads one after another; every fifth lead is captured a second time (with a
    // job title) by the next conversation, so the same email arrives from two conversations racing each other.
    // Twice per conversation the push is woken, as the ingestion API does, while the others keep capturing.
    await Promise.all(
      Array.from({ length: CONVERSATIONS }, async (_, c) => {
        for (let k = 0; k < LEADS / CONVERSATIONS; k++) {
          const i = k * CONVERSATIONS + c;
          await h.capture({ conversationId: `scale-conv-${c}`, fields: { email: email(i), firstName: `Lead ${i}`, company: `Co ${i}` } });
          if (k % 5 === 0) {
            const j = k * CONVERSATIONS + ((c + CONVERSATIONS - 1) % CONVERSATIONS);
            await h.capture({ conversationId: `scale-conv-${c}`, fields: { email: email(j), jobTitle: `Title ${j}` } });
          }
          if (k % 25 === 24) await h.inngest.send({ name: "lead/push.requested", data: { workspaceId: h.workspaceId } });
        }
      }),
    );
    await h.requestPush();

    // Sandbox: exactly one live contact per email, holding the lead's values.
    const byEmail = new Map<string, { id: string; firstname: string | null }[]>();
    for (const c of h.allContacts()) {
      const e = String(c.properties.email ?? "");
      if (!e.startsWith("scale.")) continue;
      byEmail.set(e, [...(byEmail.get(e) ?? []), { id: c.id, firstname: c.properties.firstname ?? null }]);
    }
    expect(byEmail.size).toBe(LEADS);
    expect([...byEmail.values()].filter((list) => list.length !== 1)).toEqual([]);

    // Database: one lead per email, every one linked to that contact and no longer pending.
    const leads = await h.db.select().from(h.schema.leads).where(and(eq(h.schema.leads.workspaceId, h.workspaceId), isNotNull(h.schema.leads.email)));
    const scale = leads.filter((l) => l.email!.startsWith("scale."));
    expect(scale).toHaveLength(LEADS);
    for (const l of scale) {
      const [contact] = byEmail.get(l.email!)!;
      expect({ email: l.email, contact: l.hubspotContactId, pending: l.pushPending }).toEqual({ email: l.email, contact: contact.id, pending: false });
      expect(contact.firstname).toBe(l.fields.firstName);
    }
    const runs = await h.db.select().from(h.schema.syncRuns).where(eq(h.schema.syncRuns.kind, "push"));
    expect(runs.filter((r) => r.status !== "completed")).toEqual([]);
    const failed = await h.db.select().from(h.schema.syncRecords).where(eq(h.schema.syncRecords.status, "failed"));
    expect(failed).toEqual([]);
  }, 60_000);

  it("a stale cached option list: HubSpot's refusal makes the push re-read the properties once and write the rest", async () => {
    // The cache still offers "legacy_import" for spara_source; HubSpot no longer has that option.
    const [cache] = await h.db.select().from(h.schema.hubspotPropertyCache).where(eq(h.schema.hubspotPropertyCache.workspaceId, h.workspaceId));
    const props = cache.properties as { name: string; options: { label: string; value: string; hidden?: boolean }[] }[];
    const stale = props.map((p) => (p.name === "spara_source" ? { ...p, options: [...p.options, { label: "Legacy import", value: "legacy_import", hidden: false }] } : p));
    await h.db.update(h.schema.hubspotPropertyCache).set({ properties: stale, fetchedAt: new Date() }).where(eq(h.schema.hubspotPropertyCache.workspaceId, h.workspaceId));
    await h.db.update(h.schema.customLeadFields).set({ options: ["website_chat", "legacy_import"] }).where(eq(h.schema.customLeadFields.key, "leadSource"));

    const email = "stale.option@example.org";
    await h.capture({ conversationId: "conv-stale", fields: { email, firstName: "Stale", company: "Cache Ltd", leadSource: "legacy_import" } });
    const from = (await h.requestLog()).length;
    await h.requestPush();

    const log = await h.requestsSince(from);
    expect(log.filter((r) => r.template === PROPERTIES)).toHaveLength(1);
    const [contact] = await h.contactsByEmail(email);
    expect(contact.properties).toMatchObject({ firstname: "Stale", company: "Cache Ltd" });
    expect(contact.properties.spara_source ?? null).toBeNull();
    const lead = await h.lead(email);
    expect(lead).toMatchObject({ pushPending: false, hubspotContactId: contact.id });
    const records = await h.records(lead.id);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ status: "created", contactId: contact.id });
    expect(records[0].fieldErrors).toEqual([expect.objectContaining({ field: "leadSource", property: "spara_source", code: "INVALID_OPTION" })]);
    // The cache now holds HubSpot's current options.
    const [fresh] = await h.db.select().from(h.schema.hubspotPropertyCache).where(eq(h.schema.hubspotPropertyCache.workspaceId, h.workspaceId));
    const source = (fresh.properties as { name: string; options: { value: string }[] }[]).find((p) => p.name === "spara_source")!;
    expect(source.options.map((o) => o.value)).not.toContain("legacy_import");

    // A second lead with the stale value costs no further properties call.
    await h.capture({ conversationId: "conv-stale-2", fields: { email: "stale.again@example.org", firstName: "Again", leadSource: "legacy_import" } });
    const from2 = (await h.requestLog()).length;
    await h.requestPush();
    expect((await h.requestsSince(from2)).filter((r) => r.template === PROPERTIES)).toEqual([]);
    expect((await h.records((await h.lead("stale.again@example.org")).id))[0].fieldErrors).toEqual([expect.objectContaining({ code: "INVALID_OPTION" })]);
  });

  it("a 207 with a retryable failure retries that record; a validation failure is recorded with its reason and not retried", async () => {
    const retryEmail = "retry.me@example.org";
    const invalidEmail = "refused.me@example.org";
    await h.capture({ conversationId: "conv-207-a", fields: { email: retryEmail, firstName: "Retry" } });
    await h.capture({ conversationId: "conv-207-b", fields: { email: invalidEmail, firstName: "Refused" } });
    const retryLead = await h.lead(retryEmail);
    const invalidLead = await h.lead(invalidEmail);
    const now = new Date().toISOString();
    await h.addFault({
      endpoint: CREATE,
      sequence: [
        {
          status: 207,
          body: {
            status: "COMPLETE",
            results: [],
            numErrors: 2,
            errors: [
              { status: "error", category: "RATE_LIMITS", message: "Too many writes to this record; try again", context: { objectWriteTraceId: [retryLead.id] }, errors: [] },
              {
                status: "error",
                category: "VALIDATION_ERROR",
                message: "Property values were not valid",
                context: { objectWriteTraceId: [invalidLead.id] },
                errors: [{ message: "Refused is not allowed here", code: "INVALID_OPTION_X", context: { propertyName: ["firstname"] } }],
              },
            ],
            startedAt: now,
            completedAt: now,
          },
        },
      ],
    });
    const from = (await h.requestLog()).length;
    await h.requestPush();

    const creates = (await h.requestsSince(from)).filter((r) => r.template === CREATE).map((r) => r.status);
    expect(creates).toEqual([207, 201]); // the second create carries only the retryable record

    const retried = await h.lead(retryEmail);
    const [retryContact] = await h.contactsByEmail(retryEmail);
    expect(retryContact.properties).toMatchObject({ firstname: "Retry" });
    expect(retried).toMatchObject({ pushPending: false, hubspotContactId: retryContact.id });
    const retryRecords = await h.records(retried.id);
    expect(retryRecords.map((r) => r.status)).toEqual(["failed", "created"]);
    expect(retryRecords[0]).toMatchObject({ reasonCode: "RATE_LIMITS", reason: "Too many writes to this record; try again" });

    const refused = await h.lead(invalidEmail);
    expect(refused.pushPending).toBe(false);
    expect(refused.hubspotContactId).toBeNull();
    expect(await h.contactsByEmail(invalidEmail)).toEqual([]);
    const refusedRecords = await h.records(refused.id);
    expect(refusedRecords).toHaveLength(1);
    expect(refusedRecords[0]).toMatchObject({ status: "failed", reasonCode: "VALIDATION_ERROR", reason: "firstname: Refused is not allowed here (INVALID_OPTION_X)" });

    // Every failed push record of this file carries a reason the UI can show.
    const failed = await h.db.select().from(h.schema.syncRecords).where(eq(h.schema.syncRecords.status, "failed"));
    expect(failed.length).toBeGreaterThan(0);
    for (const r of failed) expect(r.reason?.trim().length ?? 0).toBeGreaterThan(0);
  });
});
