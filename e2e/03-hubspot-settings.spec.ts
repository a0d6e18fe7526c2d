import { ensureConnected, expect, signIn, test } from "./fixtures";

test.describe("Journey 3: HubSpot settings", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, "admin");
    await ensureConnected(page);
    await page.goto("/settings/integrations/hubspot");
    await expect(page.locator('form[data-ready="true"]')).toBeVisible();
  });

  test("push rules: create is disabled and off unless update is on", async ({ page }) => {
    const update = page.getByRole("switch", { name: /^Update matching/ });
    const create = page.getByRole("switch", { name: /Create HubSpot Contact/ });
    await update.setChecked(true);
    await create.setChecked(true);
    await update.setChecked(false);
    await expect(create).toBeDisabled();
    await expect(create).not.toBeChecked();
    await expect(page.getByTestId("create-hint")).toContainText("Turn on “Update matching, pre-existing HubSpot Contact” first");
  });

  test("the Email row is locked, mappings pick live properties, and a good mapping saves", async ({ page }) => {
    const emailRow = page.getByTestId("mapping-row-email");
    await expect(emailRow).toContainText("Email");
    await expect(emailRow).toContainText("Locked");
    await expect(emailRow.getByRole("button")).toHaveCount(0);
    // The property picker lists the sandbox's live properties with their types; read-only ones are not offered.
    const options = page.locator("#hubspot-contact-properties option");
    await expect(options.filter({ hasText: "Lifecycle Stage · enumeration" })).toHaveCount(1);
    await expect(page.locator('#hubspot-contact-properties option[value="hs_object_id"]')).toHaveCount(0);

    while ((await page.getByTestId("mapping-row").count()) > 0) await page.getByTestId("mapping-row").first().getByRole("button", { name: /Remove/ }).click();
    await page.getByRole("button", { name: "+ Add mapping" }).click();
    await page.getByLabel("Spara field, row 2").selectOption({ label: "First name (text)" });
    await page.getByLabel("HubSpot property, row 2").fill("firstname");
    await page.getByRole("button", { name: "+ Add mapping" }).click();
    await page.getByLabel("Spara field, row 3").selectOption({ label: "Company (text)" });
    await page.getByLabel("HubSpot property, row 3").fill("company");
    await page.getByLabel("Write rule, row 3").selectOption({ label: "Update if field is empty" });
    await page.getByRole("switch", { name: "Sync contact owner" }).setChecked(true);
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("HubSpot property, row 3")).toHaveValue("company");
    await expect(page.getByLabel("Write rule, row 3")).toHaveValue("fill_empty");
    await expect(page.getByRole("switch", { name: "Sync contact owner" })).toBeChecked();
    await page.screenshot({ path: "e2e/artifacts/03-settings.png", fullPage: true });
  });

  test("a bad mapping shows inline errors and saves nothing", async ({ page }) => {
    const before = await page.getByTestId("mapping-row").count();
    await page.getByRole("button", { name: "+ Add mapping" }).click();
    let row = before + 2;
    await page.getByLabel(`Spara field, row ${row}`).selectOption({ label: "Last name (text)" });
    await page.getByLabel(`HubSpot property, row ${row}`).fill("lastname");
    await page.getByRole("button", { name: "+ Add mapping" }).click();
    row++;
    await page.getByLabel(`Spara field, row ${row}`).selectOption({ label: "Job title (text)" });
    await page.getByLabel(`HubSpot property, row ${row}`).fill("lastname");
    await page.getByRole("button", { name: "+ Add mapping" }).click();
    row++;
    await page.getByLabel(`Spara field, row ${row}`).selectOption({ label: "Phone (text)" });
    await page.getByLabel(`HubSpot property, row ${row}`).fill("no_such_property");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText(`lastname is already mapped in row ${row - 2}`)).toBeVisible();
    await page.screenshot({ path: "e2e/artifacts/03-settings-duplicate-error.png", fullPage: true });
    // Fix the duplicate: the unknown property is then refused by the server, next to its field.
    await page.getByLabel(`HubSpot property, row ${row - 1}`).fill("jobtitle");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText('HubSpot has no contact property "no_such_property"')).toBeVisible();
    await page.screenshot({ path: "e2e/artifacts/03-settings-unknown-property.png", fullPage: true });
    await page.reload();
    await expect(page.getByTestId("mapping-row")).toHaveCount(before);
  });

  test("View your Data Model opens the data model with the owner system fields", async ({ page }) => {
    await page.getByRole("link", { name: "View your Data Model" }).click();
    await expect(page.getByRole("heading", { name: "Data Model" })).toBeVisible();
    await expect(page.getByRole("row", { name: /owner\.email/ })).toContainText("System (read-only)");
    await page.screenshot({ path: "e2e/artifacts/03-data-model.png", fullPage: true });
  });

  test("a member sees the settings read-only", async ({ page }) => {
    await signIn(page, "member");
    await page.goto("/settings/integrations/hubspot");
    await expect(page.getByRole("switch", { name: /^Update matching/ })).toBeDisabled();
    await expect(page.getByRole("button", { name: "Save settings" })).toHaveCount(0);
  });
});
