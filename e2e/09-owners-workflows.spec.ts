import { configureHubSpot, ensureConnected, expect, sandbox, signIn, simulateCapture, test, waitForContactId } from "./fixtures";

// Fixed sandbox contact José Núñez (hubspot-sandbox/README.md), owned by Priya Natarajan (300000104).
const JOSE = { email: "jose.nunez@example.com" };
const PRIYA = { id: "300000104", name: "Priya Natarajan", email: "priya.natarajan@acme-demo.com" };
const OLIVIA = { id: "300000106", name: "Olivia O'Brien", email: "olivia.obrien@acme-demo.com" };

test.describe("Journey 9: owner data on the lead, in message templates and in workflow rules", () => {
  test("owner card, template preview with the owner's name, a rule matched on owner.email is set, an owner change", async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, "admin");
    await ensureConnected(page);
    await configureHubSpot(page, { update: true, create: false, owner: true, mappings: [{ field: "First name (text)", property: "firstname" }] });
    const facts = await sandbox.facts();
    const joseId = Object.values(facts.fixedContacts).find((c) => c.email === JOSE.email)!.id;
    await sandbox.patchContact(joseId, { hubspot_owner_id: PRIYA.id });

    // 1. The pushed lead shows its HubSpot owner.
    const leadUrl = await simulateCapture(page, { Email: JOSE.email, "First name": "José" });
    await waitForContactId(page, leadUrl);
    const leadId = leadUrl.split("/").pop()!;
    const card = page.getByTestId("owner-card");
    await expect(card.getByTestId("owner-name")).toHaveText(PRIYA.name);
    await expect(card.getByTestId("owner-email")).toHaveText(PRIYA.email);
    await expect(card.getByTestId("owner-teams")).toHaveText("Sales Americas");
    await expect(card.getByTestId("owner-times")).toContainText(/Owner in HubSpot since \d{4}-\d\d-\d\d \d\d:\d\d UTC · last checked/);
    await card.screenshot({ path: "e2e/artifacts/09-owner-card.png" });

    // 2. A template: an unknown variable is refused at save time; the live preview uses the owner's name.
    await page.goto(`/workflows?lead=${leadId}`);
    await expect(page.getByTestId("preview-owner")).toHaveText(`Owner: ${PRIYA.name} (${PRIYA.email})`);
    await page.getByLabel("Template name").fill("Owner intro");
    await page.getByLabel("Message", { exact: true }).fill("Hi {{lead.firstName}}, {{owner.nickname}} here");
    await expect(page.getByTestId("template-issue")).toHaveText("Unknown variable “owner.nickname” (line 1, column 24)");
    await page.getByRole("button", { name: "Save template" }).click();
    await expect(page.getByRole("status").filter({ hasText: "The template has errors; nothing was saved." })).toBeVisible();
    await expect(page.getByTestId("template-row")).toHaveCount(0);

    await page.getByLabel("Message", { exact: true }).fill(`Hi {{lead.firstName}}, {{owner.firstName | "our team"}} will reach out.`);
    await expect(page.getByTestId("template-issue")).toHaveCount(0);
    await expect(page.getByTestId("template-preview-text")).toHaveText("Hi José, Priya will reach out.");
    await page.screenshot({ path: "e2e/artifacts/09-template-editor-preview.png", fullPage: true });
    await page.getByRole("button", { name: "Save template" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Template “Owner intro” saved." })).toBeVisible();
    await expect(page.getByTestId("template-row")).toHaveCount(1);
    await expect(page.getByTestId("template-row-preview")).toHaveText("Hi José, Priya will reach out.");

    // 3. A rule on owner.email is set, tested against the lead.
    await page.getByLabel("Rule name").fill("Has an owner");
    await page.getByLabel("Field, condition 1").selectOption("owner.email");
    await page.getByLabel("Operator, condition 1").selectOption({ label: "is set" });
    await page.getByLabel("Action", { exact: true }).selectOption({ label: "Send template" });
    await page.getByLabel("Template", { exact: true }).selectOption({ label: "Owner intro" });
    await expect(page.getByTestId("rule-draft-result")).toContainText("matches — The condition holds");
    await page.getByRole("button", { name: "Save rule" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Rule “Has an owner” saved." })).toBeVisible();
    await expect(page.getByTestId("rule-row")).toHaveCount(1);
    await page.getByRole("button", { name: "Test against lead" }).click();
    const result = page.getByTestId("rule-test-result");
    await expect(result).toContainText("Matches");
    await expect(result).toContainText(`owner.email is “${PRIYA.email}”, so “owner.email is set” holds`);
    await expect(page.getByTestId("rule-row")).toContainText("Send template “Owner intro”");
    await page.screenshot({ path: "e2e/artifacts/09-rule-test.png", fullPage: true });

    // 4. The owner changes in HubSpot; "Sync owners now"; the lead page shows the new owner. Timed, not asserted.
    const t0 = Date.now();
    await sandbox.patchContact(joseId, { hubspot_owner_id: OLIVIA.id });
    await page.goto("/settings/integrations/hubspot");
    await page.getByRole("button", { name: "Sync owners now" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Owner sync started." })).toBeVisible();
    await expect(async () => {
      await page.goto(leadUrl);
      await expect(page.getByTestId("owner-card").getByTestId("owner-name")).toHaveText(OLIVIA.name, { timeout: 500 });
    }).toPass({ timeout: 30_000, intervals: [250, 500] });
    console.log(`[figure] owner change in the sandbox → new owner on the lead page after "Sync owners now": ${Date.now() - t0} ms`);

    await expect(page.getByTestId("owner-change").first()).toHaveText(`owner: ${PRIYA.name} (${PRIYA.id}) → ${OLIVIA.name} (${OLIVIA.id})`);
    await expect(page.getByTestId("lead-template-preview")).toHaveText("Owner intro: Hi José, Olivia will reach out.");
    const rule = page.getByTestId("lead-rule");
    await expect(rule).toHaveAttribute("data-matched", "true");
    await expect(rule).toContainText("Has an owner → Send template “Owner intro”");
    await expect(rule).toContainText(`owner.email is “${OLIVIA.email}”, so “owner.email is set” holds`);
    await expect(rule.getByTestId("lead-rule-recorded")).toContainText("Recorded after an owner change");
    await page.screenshot({ path: "e2e/artifacts/09-lead-owner-changed-workflows.png", fullPage: true });
  });

  test("a member sees templates and rules but cannot edit them", async ({ page }) => {
    await signIn(page, "member");
    await page.goto("/workflows");
    await expect(page.getByRole("heading", { name: "Workflows and personalization" })).toBeVisible();
    await expect(page.getByText("Templates are edited by admins.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Save template" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Save rule" })).toHaveCount(0);
  });
});
