/**
 * Push (Spara → HubSpot) end to end: captures go through the outbox, the push runs as the real Inngest function
 * (event → local runner → serve handler → lib/sync/push), and the result is read back from the sandbox over HTTP
 * and from the database.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { countByRoute, crmRequests, startHarness, type Harness, type MappingRow } from "./harness";

const PORTAL_ID = "48151623";
// Seeded sandbox contacts (hubspot-sandbox/seed.ts FIXED); ids are stable whatever the seed.
const EXISTING_LEAD = { id: "51000000001", email: "existing.lead@example.com" };
const UNASSIGNED = { id: "51000000009", email: "unassigned.contact@example.com" };

const MAPPINGS: MappingRow[] = [
  { leadField: "firstName", hubspotProperty: "firstname", writeRule: "overwrite" },
  { leadField: "lastName", hubspotProperty: "lastname", writeRule: "overwrite" },
  { leadField: "company", hubspotProperty: "company", writeRule: "fill_empty" },
  { leadField: "jobTitle", hubspotProperty: "jobtitle", writeRule: "fill_empty" },
  { leadField: "city", hubspotProperty: "city", writeRule: "overwrite" },
  { leadField: "conversationSummary", hubspotProperty: "spara_conversation_summary", writeRule: "overwrite" },
  { leadField: "meetingBooked", hubspotProperty: "spara_qualified", writeRule: "overwrite" },
  { leadField: "leadSource", hubspotProperty: "spara_source", writeRule: "overwrite" },
  { leadField: "companySize", hubspotProperty: "spara_lead_score", writeRule: "overwrite" },
  { leadField: "lastConversationAt", hubspotProperty: "spara_last_conversation_at", writeRule: "overwrite" },
  { leadField: "interests", hubspotProperty: "spara_interests", writeRule: "overwrite" },
  { leadField: "demoDate", hubspotProperty: "spara_demo_date", writeRule: "overwrite" },
];
const ALL_TYPES = { id: "51000000010", email: "all.types@example.com" };

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ contacts: 60 });
  await h.connect();
  await h.addCustomField({ key: "leadSource", label: "Lead source", type: "select", options: ["website_chat", "email_agent", "chatbot"] });
  await h.addCustomField({ key: "interests", label: "Interests", type: "multiselect", options: ["pricing", "api", "integrations", "security"] });
  await h.addCustomField({ key: "demoDate", label: "Demo date", type: "date" });
  await h.setSettings({ updateExisting: true, createNew: true, syncOwner: false, mappings: MAPPINGS });
});

afterAll(async () => {
  await h?.close();
});

afterEach(() => {
  // Every run of every function must have completed: a failed run would mean a retried or lost push.
  expect(h.failedRuns()).toEqual([]);
});

describe("push through the Inngest function", () => {
  const nora = "nora.nystrom@fjord.example";

  it("creates exactly one HubSpot contact with the mapped fields when Create is on", async () => {
    const result = await h.capture({
      conversationId: "conv-nora",
      fields: { email: "  Nora.Nystrom@Fjord.example ", firstName: "Nora", lastName: "Nyström", company: "Fjord AB", leadSource: "website_chat" },
      insights: { summary: "Asked about pricing for 40 seats.", meetingBooked: true },
    });
    expect(result).toMatchObject({ created: true, pushQueued: true });

    await h.requestPush();

    const contacts = await h.contactsByEmail(nora);
    expect(contacts).toHaveLength(1);
    const contact = contacts[0];
    expect(contact.properties).toMatchObject({
      email: nora,
      firstname: "Nora",
      lastname: "Nyström",
      company: "Fjord AB",
      spara_source: "website_chat",
      spara_conversation_summary: "Asked about pricing for 40 seats.",
      spara_qualified: "true",
    });
    // Fields that were never captured are not written at all.
    expect(contact.properties.jobtitle ?? null).toBeNull();
    expect(contact.properties.city ?? null).toBeNull();

    const lead = await h.lead(nora);
    expect(lead).toMatchObject({ email: nora, hubspotContactId: contact.id, hubspotPortalId: PORTAL_ID, pushPending: false, pushLeaseUntil: null });
    const records = await h.records(lead.id);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ direction: "push", status: "created", contactId: contact.id, fieldErrors: [] });
    expect(records[0].changes).toEqual(
      expect.arrayContaining([
        { field: "email", property: "email", old: null, new: nora },
        { field: "firstName", property: "firstname", old: null, new: "Nora" },
        { field: "lastName", property: "lastname", old: null, new: "Nyström" },
        { field: "company", property: "company", old: null, new: "Fjord AB" },
        { field: "leadSource", property: "spara_source", old: null, new: "website_chat" },
        { field: "meetingBooked", property: "spara_qualified", old: null, new: "true" },
        { field: "conversationSummary", property: "spara_conversation_summary", old: null, new: "Asked about pricing for 40 seats." },
      ]),
    );
    expect(records[0].changes).toHaveLength(7);
  });

  it("pushes only the change of a second capture in the same conversation", async () => {
    const before = (await h.requestLog()).length;
    const result = await h.capture({ conversationId: "conv-nora", fields: { email: nora, firstName: "Nora", jobTitle: "CTO" } });
    expect(result).toMatchObject({ created: false, changedFields: ["jobTitle"], pushQueued: true });

    await h.requestPush();

    const lead = await h.lead(nora);
    const contact = (await h.contact(lead.hubspotContactId!))!;
    expect(contact.properties).toMatchObject({ jobtitle: "CTO", firstname: "Nora", company: "Fjord AB" });
    const records = await h.records(lead.id);
    expect(records).toHaveLength(2);
    expect(records[1]).toMatchObject({ status: "updated", contactId: contact.id, changes: [{ field: "jobTitle", property: "jobtitle", old: null, new: "CTO" }] });
    expect(countByRoute(crmRequests(await h.requestsSince(before)))).toEqual({
      "POST /crm/v3/objects/contacts/batch/read": 1,
      "POST /crm/v3/objects/contacts/batch/update": 1,
    });
    expect(lead.pushPending).toBe(false);
  });

  it("sends nothing for a capture that changes no mapped value", async () => {
    const before = (await h.requestLog()).length;
    const result = await h.capture({ conversationId: "conv-nora", fields: { email: nora, firstName: "Nora", jobTitle: "CTO" } });
    expect(result).toMatchObject({ changedFields: [], pushQueued: false });
    await h.requestPush();
    expect(await h.requestsSince(before)).toEqual([]);
  });

  it("matches by the stored contact id and never replaces the primary email", async () => {
    const lead = await h.lead(nora);
    // Someone changes the contact's primary email in HubSpot.
    await h.patchContact(lead.hubspotContactId!, { email: "nora@fjord-new.example" });

    await h.capture({ conversationId: "conv-nora", fields: { email: nora, firstName: "Nora B." } });
    await h.requestPush();

    const contact = (await h.contact(lead.hubspotContactId!))!;
    expect(contact.properties).toMatchObject({ email: "nora@fjord-new.example", firstname: "Nora B.", jobtitle: "CTO" });
    // No second contact was created for the lead's (old) email.
    expect(await h.contactsByEmail(nora)).toEqual([]);
    const records = await h.records(lead.id);
    expect(records.at(-1)).toMatchObject({ status: "updated", contactId: contact.id, changes: [{ field: "firstName", property: "firstname", old: "Nora", new: "Nora B." }] });
    expect((await h.lead(nora)).hubspotContactId).toBe(contact.id);
  });

  it("applies the write rules to an existing contact, and records an unknown option as a field error", async () => {
    const before = (await h.contact(EXISTING_LEAD.id))!;
    expect(before.properties).toMatchObject({ firstname: "Existing", lastname: "Lead", company: "Example Corp", jobtitle: "Head of Marketing", city: "Berlin", spara_source: "website_chat" });

    await h.capture({
      conversationId: "conv-existing",
      fields: {
        email: "Existing.Lead@Example.com",
        firstName: "Exi", // overwrite, differs → written
        company: "Other Co", // fill_empty, HubSpot has a value → kept
        jobTitle: "", // empty → never clears HubSpot's value
        leadSource: "chatbot", // not an option of spara_source → field error, the rest is still written
      },
      insights: { summary: "Wants a demo next week." },
    });
    await h.requestPush();

    const after = (await h.contact(EXISTING_LEAD.id))!;
    expect(after.properties).toMatchObject({
      email: EXISTING_LEAD.email,
      firstname: "Exi",
      lastname: "Lead",
      company: "Example Corp",
      jobtitle: "Head of Marketing",
      city: "Berlin",
      spara_source: "website_chat",
      spara_conversation_summary: "Wants a demo next week.",
    });
    expect(await h.contactsByEmail(EXISTING_LEAD.email)).toHaveLength(1);

    const lead = await h.lead(EXISTING_LEAD.email);
    expect(lead).toMatchObject({ hubspotContactId: EXISTING_LEAD.id, pushPending: false });
    const [record] = await h.records(lead.id);
    expect(record.status).toBe("updated");
    expect(record.changes).toEqual([
      { field: "firstName", property: "firstname", old: "Existing", new: "Exi" },
      { field: "conversationSummary", property: "spara_conversation_summary", old: null, new: "Wants a demo next week." },
    ]);
    expect(record.fieldErrors).toEqual([expect.objectContaining({ field: "leadSource", property: "spara_source", code: "INVALID_OPTION" })]);
  });

  it("fills empty HubSpot values under 'Update if field is empty' and does not send values equal to HubSpot's", async () => {
    const before = (await h.contact(UNASSIGNED.id))!;
    expect(before.properties).toMatchObject({ firstname: "Una", lastname: "Signed" });
    expect(before.properties.company ?? null).toBeNull();
    expect(before.properties.jobtitle ?? null).toBeNull();

    await h.capture({ conversationId: "conv-una", fields: { email: UNASSIGNED.email, firstName: "Una", lastName: "Signed", company: "Filled Co", jobTitle: "VP Sales" } });
    await h.requestPush();

    const after = (await h.contact(UNASSIGNED.id))!;
    expect(after.properties).toMatchObject({ firstname: "Una", lastname: "Signed", company: "Filled Co", jobtitle: "VP Sales" });
    const lead = await h.lead(UNASSIGNED.email);
    const [record] = await h.records(lead.id);
    expect(record).toMatchObject({ status: "updated", contactId: UNASSIGNED.id });
    expect(record.changes).toEqual([
      { field: "company", property: "company", old: null, new: "Filled Co" },
      { field: "jobTitle", property: "jobtitle", old: null, new: "VP Sales" },
    ]);
  });

  it("converts values by the HubSpot property's type", async () => {
    const email = "typed.values@example.org";
    await h.capture({
      conversationId: "conv-typed",
      fields: { email, companySize: " 1250 ", interests: ["API", "pricing"], demoDate: "2026-03-04", leadSource: "Email agent" },
      insights: { meetingBooked: false, lastConversationAt: "2026-02-03T15:05:00+01:00" },
    });
    await h.requestPush();

    const [contact] = await h.contactsByEmail(email);
    expect(contact.properties).toMatchObject({
      spara_lead_score: "1250",
      spara_interests: "api;pricing",
      spara_demo_date: "2026-03-04",
      spara_last_conversation_at: "2026-02-03T14:05:00.000Z",
      spara_qualified: "false",
      spara_source: "email_agent",
    });
  });

  it("sends nothing when the lead's values mean the same as HubSpot's, whatever their format", async () => {
    const before = (await h.requestLog()).length;
    await h.capture({
      conversationId: "conv-all-types",
      fields: { email: ALL_TYPES.email, firstName: "All", lastName: "Types", companySize: 42.5, interests: ["integrations", "api"], demoDate: "2026-01-15", leadSource: "email_agent" },
      insights: { meetingBooked: false, lastConversationAt: "2026-02-03T15:05:00+01:00", summary: "Asked about SSO and the HubSpot integration." },
    });
    await h.requestPush();

    const lead = await h.lead(ALL_TYPES.email);
    expect(lead).toMatchObject({ hubspotContactId: ALL_TYPES.id, pushPending: false });
    const [record] = await h.records(lead.id);
    expect(record).toMatchObject({ status: "unchanged", changes: [], fieldErrors: [] });
    expect(countByRoute(crmRequests(await h.requestsSince(before)))).toEqual({ "POST /crm/v3/objects/contacts/batch/read": 1 });
  });

  it("skips a lead with no matching contact when Create is off, and clears its pending mark", async () => {
    await h.setSettings({ updateExisting: true, createNew: false, syncOwner: false });
    try {
      const email = "nobody.yet@nowhere.example";
      const before = (await h.requestLog()).length;
      await h.capture({ conversationId: "conv-nobody", fields: { email, firstName: "Nobody" } });
      await h.requestPush();

      expect(await h.contactsByEmail(email)).toEqual([]);
      const lead = await h.lead(email);
      expect(lead).toMatchObject({ pushPending: false, hubspotContactId: null });
      const records = await h.records(lead.id);
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({ direction: "push", status: "skipped", reasonCode: "no_match", contactId: null });
      expect(countByRoute(crmRequests(await h.requestsSince(before)))).toEqual({ "POST /crm/v3/objects/contacts/batch/read": 1 });
    } finally {
      await h.setSettings({ updateExisting: true, createNew: true, syncOwner: false });
    }
  });

  it("keeps a capture pending and sends nothing while disconnected, and pushes it after reconnecting", async () => {
    await h.disconnect();
    const email = "after.disconnect@example.org";
    const before = (await h.requestLog()).length;
    await h.capture({ conversationId: "conv-disc", fields: { email, firstName: "Dora" } });
    await h.requestPush();

    expect(await h.requestsSince(before)).toEqual([]);
    expect(await h.lead(email)).toMatchObject({ pushPending: true, hubspotContactId: null });
    expect(await h.contactsByEmail(email)).toEqual([]);
    const pushRuns = h.runner.runs().filter((r) => r.functionId === "spara-hubspot-push-leads");
    expect(pushRuns.at(-1)).toMatchObject({ status: "completed", output: expect.objectContaining({ stoppedBecause: "not_connected" }) });

    await h.connect();
    await h.requestPush();

    const contacts = await h.contactsByEmail(email);
    expect(contacts).toHaveLength(1);
    expect(contacts[0].properties).toMatchObject({ email, firstname: "Dora" });
    expect(await h.lead(email)).toMatchObject({ pushPending: false, hubspotContactId: contacts[0].id });
  });

  it("creates exactly one contact when 50 captures of one new email race, and HubSpot ends with the lead's last value", async () => {
    const email = "race.condition@example.org";
    const before = (await h.requestLog()).length;
    const runsBefore = h.runner.runs().length;
    await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        await h.capture({ conversationId: `conv-race-${i}`, fields: { email, firstName: `Racer ${i}`, company: "Race Inc" } });
        await h.inngest.send({ name: "lead/push.requested", data: { workspaceId: h.workspaceId } });
      }),
    );
    await h.runner.idle(45_000);
    // Every event started its own push run; the local runner enforces no concurrency key, so they overlapped.
    expect(h.runner.runs().slice(runsBefore).filter((r) => r.functionId === "spara-hubspot-push-leads")).toHaveLength(50);

    const contacts = await h.contactsByEmail(email);
    expect(contacts).toHaveLength(1);
    const leads = await h.db.select().from(h.schema.leads).where(eq(h.schema.leads.email, email));
    expect(leads).toHaveLength(1);
    const [lead] = leads;
    expect(lead).toMatchObject({ pushPending: false, hubspotContactId: contacts[0].id });
    // No lost update: whatever capture won last in the database is what HubSpot holds.
    expect(contacts[0].properties).toMatchObject({ firstname: lead.fields.firstName, company: "Race Inc" });
    const creates = (await h.requestsSince(before)).filter((r) => r.template === "POST /crm/v3/objects/contacts/batch/create");
    expect(creates.filter((r) => r.status === 201 || r.status === 200)).toHaveLength(1);
  });

  it("follows a merged contact to its new id instead of creating a duplicate", async () => {
    await h.capture({ conversationId: "conv-merge-a", fields: { email: "merge.a@example.org", firstName: "Alpha" } });
    await h.capture({ conversationId: "conv-merge-b", fields: { email: "merge.b@example.org", firstName: "Beta" } });
    await h.requestPush();
    const a = (await h.lead("merge.a@example.org")).hubspotContactId!;
    const b = (await h.lead("merge.b@example.org")).hubspotContactId!;
    expect(a).toBeTruthy();
    expect(b).toBeTruthy();

    const client = await h.hubspotClient();
    const merged = await client.crm.contacts.basicApi.merge({ primaryObjectId: b, objectIdToMerge: a });
    expect(merged.id).not.toBe(a);

    await h.capture({ conversationId: "conv-merge-a", fields: { email: "merge.a@example.org", firstName: "Alpha 2" } });
    await h.requestPush();

    const lead = await h.lead("merge.a@example.org");
    expect(lead).toMatchObject({ hubspotContactId: merged.id, pushPending: false });
    expect((await h.contact(merged.id))!.properties).toMatchObject({ email: "merge.b@example.org", firstname: "Alpha 2" });
    expect(h.allContacts().filter((c) => c.properties.email === "merge.a@example.org")).toEqual([]);
  });

  it("pushes two leads that resolve to the same contact in one pass without failing the batch", async () => {
    // After the merge above, merge.a@ (by its stored, merged-away id) and merge.b@ (by email) both resolve to one
    // contact. HubSpot rejects a batch update that names one id twice (400 for the whole batch).
    const mergedId = (await h.lead("merge.a@example.org")).hubspotContactId!;
    expect((await h.lead("merge.b@example.org")).hubspotContactId).not.toBe(mergedId); // still the pre-merge id
    await h.capture({ conversationId: "conv-merge-a", fields: { email: "merge.a@example.org", firstName: "Alpha 3", company: "A Corp" } });
    await h.capture({ conversationId: "conv-merge-b", fields: { email: "merge.b@example.org", firstName: "Beta 3", company: "B Corp" } });

    await h.requestPush();

    expect(h.failedRuns()).toEqual([]);
    const a = await h.lead("merge.a@example.org");
    const b = await h.lead("merge.b@example.org");
    expect(a).toMatchObject({ hubspotContactId: mergedId, pushPending: false });
    expect(b).toMatchObject({ hubspotContactId: mergedId, pushPending: false });
    const contact = (await h.contact(mergedId))!;
    expect(["Alpha 3", "Beta 3"]).toContain(contact.properties.firstname);
    expect(["A Corp", "B Corp"]).toContain(contact.properties.company);
    const failedRecords = (await h.records(a.id)).concat(await h.records(b.id)).filter((r) => r.status === "failed");
    expect(failedRecords).toEqual([]);
  });

  it("does not match an archived contact: Create makes a new one", async () => {
    const email = "archived.one@example.org";
    await h.capture({ conversationId: "conv-arch", fields: { email, firstName: "Arch" } });
    await h.requestPush();
    const first = (await h.lead(email)).hubspotContactId!;
    await (await h.hubspotClient()).crm.contacts.basicApi.archive(first);

    await h.capture({ conversationId: "conv-arch", fields: { email, firstName: "Arch 2" } });
    await h.requestPush();

    const live = h.allContacts().filter((c) => c.properties.email === email);
    expect(live).toHaveLength(1);
    expect(live[0].id).not.toBe(first);
    expect(live[0].properties).toMatchObject({ firstname: "Arch 2" });
    expect(await h.lead(email)).toMatchObject({ hubspotContactId: live[0].id, pushPending: false });
  });

  it("batches the pushes of many leads: 150 captures cost 2 reads and 2 creates", async () => {
    for (let i = 0; i < 150; i++) {
      await h.capture({ conversationId: `conv-bulk-${i}`, fields: { email: `bulk.${i}@example.net`, firstName: `Bulk ${i}` } });
    }
    const before = (await h.requestLog()).length;
    await h.requestPush();

    expect(countByRoute(crmRequests(await h.requestsSince(before)))).toEqual({
      "POST /crm/v3/objects/contacts/batch/read": 2,
      "POST /crm/v3/objects/contacts/batch/create": 2,
    });
    const bulk = h.allContacts().filter((c) => c.properties.email?.startsWith("bulk."));
    expect(bulk).toHaveLength(150);
    expect(bulk.find((c) => c.properties.email === "bulk.137@example.net")!.properties.firstname).toBe("Bulk 137");
    const pending = await h.db.select().from(h.schema.leads).where(eq(h.schema.leads.pushPending, true));
    expect(pending).toEqual([]);
  });

  it("loses nothing when the wake-up event is lost: the sweep cron pushes what is pending", async () => {
    const email = "lost.event@example.org";
    await h.capture({ conversationId: "conv-lost-event", fields: { email, firstName: "Lost" } });
    // No lead/push.requested is sent. The per-minute sweep finds the pending lead and wakes the push.
    h.runner.fireCron("spara-hubspot-sweep-pending-pushes");
    await h.runner.idle(45_000);

    const [contact] = await h.contactsByEmail(email);
    expect(contact.properties).toMatchObject({ firstname: "Lost" });
    expect(await h.lead(email)).toMatchObject({ pushPending: false, hubspotContactId: contact.id });
  });

  it("measures the HubSpot requests one captured lead costs", async () => {
    // A new email (create) and an existing contact (update), each captured and pushed on its own.
    let before = (await h.requestLog()).length;
    await h.capture({ conversationId: "conv-cost-new", fields: { email: "cost.new@example.org", firstName: "Cost", company: "Budget Ltd" } });
    await h.requestPush();
    const createCost = crmRequests(await h.requestsSince(before));

    before = (await h.requestLog()).length;
    await h.capture({ conversationId: "conv-cost-existing", fields: { email: "jose.nunez@example.com", jobTitle: "Owner" } });
    await h.requestPush();
    const updateCost = crmRequests(await h.requestsSince(before));

    console.log(
      `[requests per captured lead] new contact: ${createCost.length} ${JSON.stringify(countByRoute(createCost))}; ` +
        `existing contact: ${updateCost.length} ${JSON.stringify(countByRoute(updateCost))}`,
    );
    expect(countByRoute(createCost)).toEqual({ "POST /crm/v3/objects/contacts/batch/read": 1, "POST /crm/v3/objects/contacts/batch/create": 1 });
    expect(countByRoute(updateCost)).toEqual({ "POST /crm/v3/objects/contacts/batch/read": 1, "POST /crm/v3/objects/contacts/batch/update": 1 });
  });
});
