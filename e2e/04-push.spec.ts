import { configureHubSpot, ensureConnected, expect, sandbox, signIn, simulateCapture, test, uniqueEmail, waitForContactId } from "./fixtures";

test.describe("Journey 4: a captured lead is pushed to HubSpot as the rules say", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, "admin");
    await ensureConnected(page);
  });

  test("create on: a new email becomes a contact with the mapped fields; owner shows after an update", async ({ page }) => {
    await configureHubSpot(page, {
      update: true,
      create: true,
      owner: true,
      mappings: [
        { field: "First name (text)", property: "firstname" },
        { field: "Last name (text)", property: "lastname" },
        { field: "Company (text)", property: "company", rule: "Update if field is empty" },
        { field: "Conversation summary (text)", property: "spara_conversation_summary" },
      ],
    });
    const email = uniqueEmail("new.lead");
    const leadUrl = await simulateCapture(page, { Email: email, "First name": "Zoë", "Last name": "Łukasik", Company: "Acme Ünited" });
    const contactId = await waitForContactId(page, leadUrl);
    const contact = await sandbox.contactByEmail(email.toLowerCase());
    expect(contact?.id).toBe(contactId);
    expect(contact?.properties).toMatchObject({ email: email.toLowerCase(), firstname: "Zoë", lastname: "Łukasik", company: "Acme Ünited" });
    await expect(page.getByTestId("sync-history-row").first()).toContainText("created");
    await page.screenshot({ path: "e2e/artifacts/04-lead-created.png", fullPage: true });
  });

  test("an existing contact is updated by the write rules and its owner is shown", async ({ page }) => {
    await configureHubSpot(page, {
      update: true,
      create: false,
      owner: true,
      mappings: [
        { field: "First name (text)", property: "firstname" },
        { field: "Company (text)", property: "company", rule: "Update if field is empty" },
      ],
    });
    const facts = await sandbox.facts();
    const existing = facts.fixedContacts.existingLead;
    const before = await sandbox.contactByEmail(existing.email!);
    await sandbox.patchContact(existing.id, { company: "Kept Company Ltd", firstname: "Old" });
    const leadUrl = await simulateCapture(page, { Email: "Existing.Lead@Example.com", "First name": "Renée", Company: "Should Not Win" });
    const contactId = await waitForContactId(page, leadUrl);
    expect(contactId).toBe(existing.id);
    const after = await sandbox.contactByEmail(existing.email!);
    expect(after?.properties.firstname).toBe("Renée"); // Overwrite
    expect(after?.properties.company).toBe("Kept Company Ltd"); // Update if field is empty: HubSpot had a value
    expect(after?.properties.email).toBe(before?.properties.email); // the primary email is never replaced
    await expect(page.getByTestId("owner-name")).not.toHaveText("No active owner");
    await expect(page.getByTestId("owner-email")).toContainText("@");
    await page.screenshot({ path: "e2e/artifacts/04-lead-updated-owner.png", fullPage: true });
  });

  test("create off: a lead without a match is skipped with that reason", async ({ page }) => {
    await configureHubSpot(page, { update: true, create: false, owner: false, mappings: [{ field: "First name (text)", property: "firstname" }] });
    const email = uniqueEmail("nomatch");
    const leadUrl = await simulateCapture(page, { Email: email, "First name": "Nobody" });
    await expect(async () => {
      await page.goto(leadUrl);
      await expect(page.getByTestId("sync-history-row").first()).toContainText("skipped", { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByTestId("sync-history-row").first()).toContainText("No matching HubSpot contact, and creating contacts is off");
    expect(await sandbox.contactByEmail(email.toLowerCase())).toBeNull();
  });
});
