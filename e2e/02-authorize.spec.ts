import { ensureDisconnected, expect, PORTAL_DOMAIN, PORTAL_ID, signIn, test } from "./fixtures";

test.describe("Journey 2: authorize HubSpot through the sandbox's consent page", () => {
  test("cancel on the consent page leaves HubSpot not connected", async ({ page }) => {
    await signIn(page, "admin");
    await ensureDisconnected(page);
    await page.getByRole("link", { name: "Authorize" }).click();
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByText("HubSpot access was not granted. Nothing changed.")).toBeVisible();
    await expect(page.getByTestId("hubspot-status")).toHaveText("Not connected");
  });

  test("admin authorizes and the card names the portal", async ({ page }) => {
    await signIn(page, "admin");
    await ensureDisconnected(page);
    await expect(page.getByTestId("hubspot-status")).toHaveText("Not connected");
    await page.screenshot({ path: "e2e/artifacts/02-not-connected.png", fullPage: true });
    await page.getByRole("link", { name: "Authorize" }).click();
    await expect(page.getByRole("heading", { name: "Connect Spara to HubSpot" })).toBeVisible();
    await page.screenshot({ path: "e2e/artifacts/02-consent.png", fullPage: true });
    await page.getByRole("button", { name: "Connect app" }).click();
    await expect(page.getByTestId("hubspot-status")).toHaveText("Connected");
    await expect(page.getByTestId("hubspot-connection")).toContainText(`Connected to portal ${PORTAL_ID} (${PORTAL_DOMAIN}) by admin@acme.test`);
    await page.screenshot({ path: "e2e/artifacts/02-connected.png", fullPage: true });
  });

  test("a member sees the state but cannot authorize or disconnect", async ({ page }) => {
    await signIn(page, "member");
    await page.goto("/settings/integrations");
    await expect(page.getByRole("link", { name: "Authorize" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Disconnect" })).toHaveCount(0);
    // The server refuses too, not only the UI.
    const res = await page.request.get("/api/hubspot/authorize", { maxRedirects: 0 });
    expect(res.status()).toBe(403);
  });
});
