import { configureHubSpot, ensureConnected, expect, sandbox, signIn, simulateCapture, test, uniqueEmail, waitForContactId } from "./fixtures";

test("Journey 6: disconnect stops pushing, keeps the configuration, and Authorize resumes it", async ({ page }) => {
  await signIn(page, "admin");
  await ensureConnected(page);
  await configureHubSpot(page, { update: true, create: true, owner: false, mappings: [{ field: "Company (text)", property: "company" }] });

  await page.goto("/settings/integrations");
  await page.getByRole("button", { name: "Disconnect" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("push rules, field mappings, owner setting and pull rules are kept");
  await page.screenshot({ path: "e2e/artifacts/06-disconnect-dialog.png" });
  await dialog.getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByTestId("hubspot-status")).toHaveText("Not connected");

  const email = uniqueEmail("while.disconnected");
  const leadUrl = await simulateCapture(page, { Email: email, Company: "Paused Inc" });
  await page.goto(leadUrl);
  await expect(page.getByText("Push pending")).toBeVisible();
  // Give the background push its chance, then check nothing reached HubSpot.
  await page.waitForTimeout(3000);
  expect(await sandbox.contactByEmail(email.toLowerCase())).toBeNull();
  await page.screenshot({ path: "e2e/artifacts/06-pending-while-disconnected.png", fullPage: true });

  await page.goto("/settings/integrations/hubspot");
  await expect(page.getByLabel("HubSpot property, row 2")).toHaveCount(1);
  await expect(page.getByRole("switch", { name: /^Update matching/ })).toBeChecked();

  await page.goto("/settings/integrations");
  await page.getByRole("link", { name: "Authorize" }).click();
  await page.getByRole("button", { name: "Connect app" }).click();
  await expect(page.getByTestId("hubspot-status")).toHaveText("Connected");
  await page.goto("/settings/integrations/hubspot");
  await expect(page.getByLabel("HubSpot property, row 2")).toHaveValue("company");

  const contactId = await waitForContactId(page, leadUrl);
  const contact = await sandbox.contactByEmail(email.toLowerCase());
  expect(contact?.id).toBe(contactId);
  expect(contact?.properties.company).toBe("Paused Inc");
});
