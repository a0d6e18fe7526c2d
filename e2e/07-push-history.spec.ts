import { configureHubSpot, ensureConnected, expect, sandbox, signIn, test, uniqueEmail, waitForContactId } from "./fixtures";
import type { Page } from "@playwright/test";

/** One capture from the simulator, with the Intent insight chosen from its select; returns the lead's URL. */
async function captureWithIntent(page: Page, fields: Record<string, string>, intent: "high" | "medium" | "low") {
  await page.goto("/simulator");
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByLabel("Intent", { exact: true }).selectOption(intent);
  await page.getByRole("button", { name: "Send capture" }).click();
  const result = page.getByTestId("capture-result").first();
  await expect(result).toBeVisible();
  return (await result.getByRole("link", { name: "Open lead" }).getAttribute("href"))!;
}

test.describe("Journey 7: a lead's sync history shows what was written and what failed, with the reason", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, "admin");
    await ensureConnected(page);
  });

  test("a value outside an enumeration's options is a field error with its code; the other fields are written", async ({ page }) => {
    await configureHubSpot(page, {
      update: true,
      create: true,
      owner: false,
      mappings: [
        { field: "First name (text)", property: "firstname" },
        { field: "Company (text)", property: "company" },
        // HubSpot's Lifecycle Stage has no option "high": Intent's value cannot be written there.
        { field: "Intent (select)", property: "lifecyclestage" },
      ],
    });
    const email = uniqueEmail("enum.refused");
    const leadUrl = await captureWithIntent(page, { Email: email, "First name": "Inès", Company: "Optionless SA" }, "high");
    const contactId = await waitForContactId(page, leadUrl);

    // HubSpot holds the fields that could be written, and not the refused one.
    const contact = await sandbox.contactByEmail(email.toLowerCase());
    expect(contact?.id).toBe(contactId);
    expect(contact?.properties).toMatchObject({ email: email.toLowerCase(), firstname: "Inès", company: "Optionless SA" });
    expect(contact?.properties.lifecyclestage ?? null).not.toBe("high");

    const row = page.getByTestId("sync-history-row").first();
    await expect(row).toContainText("created");
    await expect(row).toContainText("firstName → firstname: (empty) → Inès");
    await expect(row).toContainText("company → company: (empty) → Optionless SA");
    const fieldError = row.locator(".field-error");
    await expect(fieldError).toHaveCount(1);
    await expect(fieldError).toContainText("intent → lifecyclestage: INVALID_OPTION");
    await expect(fieldError).toContainText(/"high" is not one of the allowed options of Lifecycle Stage/);
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: "e2e/artifacts/07-history-field-error.png", fullPage: true });
  });

  test("a record HubSpot refuses is failed with HubSpot's reason, on the lead and in the activity list", async ({ page }) => {
    // "Contact owner" takes only owner ids, which only HubSpot knows: a job title sent there is refused by HubSpot.
    await configureHubSpot(page, {
      update: true,
      create: true,
      owner: false,
      mappings: [
        { field: "First name (text)", property: "firstname" },
        { field: "Job title (text)", property: "hubspot_owner_id" },
      ],
    });
    const email = uniqueEmail("owner.refused");
    const leadUrl = await captureWithIntent(page, { Email: email, "First name": "Refused", "Job title": "Sam from sales" }, "low");
    await expect(async () => {
      await page.goto(leadUrl);
      await expect(page.getByTestId("sync-history-row").first()).toContainText("failed", { timeout: 1000 });
    }).toPass({ timeout: 30_000, intervals: [500, 1000] });

    const row = page.getByTestId("sync-history-row").first();
    await expect(row.getByTestId("sync-reason")).toContainText("VALIDATION_ERROR");
    await expect(row.getByTestId("sync-reason")).toContainText("hubspot_owner_id: Sam from sales is not a valid owner id (INVALID_OWNER_ID)");
    // Not retried and nothing created: the same value would be refused again.
    await expect(page.getByText("Push pending")).toHaveCount(0);
    expect(await sandbox.contactByEmail(email.toLowerCase())).toBeNull();
    await page.screenshot({ path: "e2e/artifacts/07-history-failed-record.png", fullPage: true });

    await page.goto("/settings/integrations/hubspot");
    const leadPath = new URL(leadUrl, "http://x").pathname;
    const activity = page.getByRole("table", { name: "Recent sync records" }).getByRole("row").filter({ has: page.locator(`a[href="${leadPath}"]`) });
    await expect(activity.first()).toContainText("failed");
    await expect(activity.first()).toContainText("hubspot_owner_id: Sam from sales is not a valid owner id (INVALID_OWNER_ID)");
    await activity.first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: "e2e/artifacts/07-activity-failed-record.png", fullPage: true });
  });
});
