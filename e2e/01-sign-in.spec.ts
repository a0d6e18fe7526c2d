import { expect, signIn, test } from "./fixtures";

test.describe("Journey 1: sign in as each seeded user", () => {
  for (const role of ["admin", "member", "csm"] as const) {
    test(`${role} signs in and sees the dashboard`, async ({ page }) => {
      await signIn(page, role);
      await expect(page.getByRole("heading", { name: "Leads" })).toBeVisible();
      await expect(page.getByRole("navigation", { name: "Main" })).toContainText("Acme Inc");
      await page.screenshot({ path: `e2e/artifacts/01-leads-${role}.png`, fullPage: true });
    });
  }

  test("a wrong password is refused with a clear message", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("admin@acme.test");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
    await page.screenshot({ path: "e2e/artifacts/01-login-error.png" });
  });

  test("pages need a session", async ({ page }) => {
    await page.context().clearCookies();
    await page.goto("/settings/integrations/hubspot");
    await expect(page).toHaveURL(/\/login/);
  });

  test("a member has no simulator", async ({ page }) => {
    await signIn(page, "member");
    await expect(page.getByRole("link", { name: "Conversation simulator" })).toHaveCount(0);
  });
});
