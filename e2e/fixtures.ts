import { test as base, expect, type Page } from "@playwright/test";
import { demoUsers } from "../drizzle/demo-users";

export { expect };

export const sandboxUrl = process.env.E2E_SANDBOX_URL ?? `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT ?? 4110}`;
export const PORTAL_ID = "48151623";
export const PORTAL_DOMAIN = "acme-demo.hubspot.com";

type Role = "admin" | "member" | "csm";

export async function signIn(page: Page, role: Role) {
  const user = demoUsers.find((u) => u.role === role && u.workspace === "acme")!;
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/leads/);
  await expect(page.getByTestId("role")).toHaveText(role);
}

/** The local HubSpot sandbox's test-only endpoints. */
export const sandbox = {
  async contactByEmail(email: string): Promise<{ id: string; properties: Record<string, string | null> } | null> {
    const res = await fetch(`${sandboxUrl}/_sandbox/contacts?email=${encodeURIComponent(email)}`);
    return res.status === 404 ? null : ((await res.json()) as { id: string; properties: Record<string, string | null> });
  },
  async facts(): Promise<{ lifecycleCounts: Record<string, number>; fixedContacts: Record<string, { id: string; email?: string }> }> {
    return (await fetch(`${sandboxUrl}/_sandbox/facts`)).json();
  },
  async patchContact(id: string, properties: Record<string, string | null>) {
    const res = await fetch(`${sandboxUrl}/_sandbox/contacts/${id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ properties }) });
    expect(res.ok).toBe(true);
  },
};

/** Connects HubSpot through the sandbox's consent page, as an admin, unless it already is. */
export async function ensureConnected(page: Page) {
  await page.goto("/settings/integrations");
  if ((await page.getByTestId("hubspot-status").textContent()) === "Connected") return;
  await page.getByRole("link", { name: "Authorize" }).click();
  await expect(page.getByRole("heading", { name: "Connect Spara to HubSpot" })).toBeVisible();
  await page.getByRole("button", { name: "Connect app" }).click();
  await expect(page.getByTestId("hubspot-status")).toHaveText("Connected");
}

export async function ensureDisconnected(page: Page) {
  await page.goto("/settings/integrations");
  if ((await page.getByTestId("hubspot-status").textContent()) !== "Connected") return;
  await page.getByRole("button", { name: "Disconnect" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByTestId("hubspot-status")).toHaveText("Not connected");
}

/** Sets push rules, owner sync and the mapping rows through the settings page. */
export async function configureHubSpot(
  page: Page,
  opts: { update: boolean; create: boolean; owner: boolean; mappings: { field: string; property: string; rule?: "Overwrite existing value" | "Update if field is empty" }[] },
) {
  await page.goto("/settings/integrations/hubspot");
  await expect(page.locator('form[data-ready="true"]')).toBeVisible();
  const update = page.getByRole("switch", { name: /^Update matching/ });
  const create = page.getByRole("switch", { name: /Create HubSpot Contact/ });
  await update.setChecked(opts.update);
  if (opts.update) await create.setChecked(opts.create);
  await page.getByRole("switch", { name: "Sync contact owner" }).setChecked(opts.owner);
  // Start from only the locked Email row.
  while ((await page.getByTestId("mapping-row").count()) > 0) {
    await page.getByTestId("mapping-row").first().getByRole("button", { name: /Remove/ }).click();
  }
  for (const [i, m] of opts.mappings.entries()) {
    await page.getByRole("button", { name: "+ Add mapping" }).click();
    await page.getByLabel(`Spara field, row ${i + 2}`).selectOption({ label: m.field });
    await page.getByLabel(`HubSpot property, row ${i + 2}`).fill(m.property);
    await page.getByLabel(`Write rule, row ${i + 2}`).selectOption({ label: m.rule ?? "Overwrite existing value" });
  }
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
}

/** Sends one capture from the conversation simulator and returns the lead's detail URL. */
export async function simulateCapture(page: Page, fields: Record<string, string>, opts: { conversationId?: string } = {}) {
  await page.goto("/simulator");
  if (opts.conversationId) await page.getByLabel("Conversation", { exact: true }).fill(opts.conversationId);
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole("button", { name: "Send capture" }).click();
  const result = page.getByTestId("capture-result").first();
  await expect(result).toBeVisible();
  return (await result.getByRole("link", { name: "Open lead" }).getAttribute("href"))!;
}

/** Reloads a lead's page until its HubSpot contact id shows (the push runs in the background). */
export async function waitForContactId(page: Page, leadUrl: string): Promise<string> {
  await expect(async () => {
    await page.goto(leadUrl);
    await expect(page.getByTestId("hubspot-contact-id")).toHaveText(/^\d+$/, { timeout: 1000 });
  }).toPass({ timeout: 30_000, intervals: [500, 1000] });
  return (await page.getByTestId("hubspot-contact-id").textContent())!;
}

export const test = base;

export function uniqueEmail(prefix: string) {
  return `${prefix}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@Example.org`;
}

/**
 * The pull journeys' start: as the admin, HubSpot connected with push off and first/last name mapped; then as the
 * CSM, the pull rule editor opened. Returns the editor form.
 */
export async function openPullRuleEditorAsCsm(page: Page) {
  await signIn(page, "admin");
  await ensureConnected(page);
  await configureHubSpot(page, {
    update: false,
    create: false,
    owner: false,
    mappings: [
      { field: "First name (text)", property: "firstname" },
      { field: "Last name (text)", property: "lastname" },
    ],
  });
  await signIn(page, "csm");
  await page.goto("/settings/integrations/hubspot");
  await page.getByRole("button", { name: "+ Add pull rule" }).click();
  return page.getByRole("form", { name: "Pull rule editor" });
}
