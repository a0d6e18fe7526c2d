import { expect, openPullRuleEditorAsCsm, sandbox, signIn, test } from "./fixtures";

// Rule names unique per run, so the journeys also hold against a database that earlier runs left behind.
const suffix = Date.now().toString(36);
const leadRule = `Lifecycle stage is lead ${suffix}`;
const customerRule = `Customers ${suffix}`;

test.describe("Journey 5: pull rules are the CSM's", () => {
  test("the CSM creates a rule, runs it, and the matching contacts become leads with their mapped fields", async ({ page }) => {
    const editor = await openPullRuleEditorAsCsm(page);
    // Bad input first: nothing is saved and the message sits next to the field.
    await editor.getByRole("button", { name: "Save rule" }).click();
    await expect(editor.getByText("Give the rule a name")).toBeVisible();
    await editor.getByLabel("Rule name").fill(leadRule);
    // A range the server refuses (upper bound below the lower one): the message sits next to the field.
    await editor.getByLabel("Filter 1 property").selectOption("spara_lead_score");
    await editor.getByLabel("Filter 1 operator").selectOption({ label: "is between" });
    await editor.getByLabel("Filter 1 value").fill("50");
    await editor.getByLabel("Filter 1 upper bound").fill("10");
    await editor.getByRole("button", { name: "Save rule" }).click();
    await expect(editor.getByText("The upper bound is below the lower bound")).toBeVisible();
    await page.screenshot({ path: "e2e/artifacts/05-pull-rule-error.png", fullPage: true });
    await editor.getByLabel("Filter 1 property").selectOption("lifecyclestage");
    await editor.getByLabel("Filter 1 value").selectOption({ label: "Lead" });
    await editor.getByRole("button", { name: "Save rule" }).click();
    await expect(page.getByText(`Pull rule “${leadRule}” saved.`)).toBeVisible();

    const row = page.getByTestId("pull-rule-row").filter({ hasText: leadRule });
    await expect(row).toContainText("lifecyclestage EQ lead");
    await row.getByRole("button", { name: "Run now" }).click();
    await expect(row.getByTestId("pull-rule-last-run")).toContainText("completed", { timeout: 60_000 });
    const runText = (await row.getByTestId("pull-rule-last-run").textContent()) ?? "";
    const imported = Number(runText.match(/(\d+) imported/)?.[1] ?? 0);
    const skipped = Number(runText.match(/(\d+) skipped/)?.[1] ?? 0);
    const facts = await sandbox.facts();
    // Every contact in stage "lead" was seen once: imported, or skipped for having no email (or already a lead).
    const updated = Number(runText.match(/(\d+) updated/)?.[1] ?? 0);
    const unchanged = Number(runText.match(/(\d+) unchanged/)?.[1] ?? 0);
    expect(imported + skipped + updated + unchanged).toBe(facts.lifecycleCounts.lead);
    expect(imported + updated + unchanged).toBeGreaterThan(600);
    await page.screenshot({ path: "e2e/artifacts/05-pull-run.png", fullPage: true });

    // Contacts that were already leads (e.g. captured in a conversation in journey 4) keep their source; the rest
    // are HubSpot-sourced leads, imported by this run or an earlier one.
    await page.goto("/leads?source=hubspot");
    const hubspotLeads = Number(((await page.getByTestId("lead-count").textContent()) ?? "").match(/^(\d+)/)?.[1]);
    expect(hubspotLeads).toBeGreaterThanOrEqual(imported);
    expect(hubspotLeads).toBeLessThanOrEqual(imported + updated + unchanged);
    await page.getByTestId("lead-row").first().getByRole("link").click();
    await expect(page.getByTestId("field-firstName")).not.toHaveText("—");
    await expect(page.getByTestId("hubspot-contact-id")).toHaveText(/^\d+$/);
    await page.screenshot({ path: "e2e/artifacts/05-pulled-lead.png", fullPage: true });

    // Running again is incremental (contacts modified since the last run) and imports nothing twice.
    await page.goto("/settings/integrations/hubspot");
    const firstRun = (await row.getByTestId("pull-rule-last-run").textContent()) ?? "";
    await row.getByRole("button", { name: "Run now" }).click();
    await expect(row.getByTestId("pull-rule-last-run")).not.toHaveText(firstRun, { timeout: 30_000 });
    await expect(row.getByTestId("pull-rule-last-run")).toContainText("completed", { timeout: 60_000 });
    await expect(row.getByTestId("pull-rule-last-run")).not.toContainText("imported");
    await page.goto("/leads?source=hubspot");
    await expect(page.getByTestId("lead-count")).toHaveText(new RegExp(`^${hubspotLeads} leads?$`));
  });

  test("an admin sees pull rules read-only and the server refuses the edit", async ({ page }) => {
    // Record the CSM's real save request (a Next server action) ...
    await signIn(page, "csm");
    await page.goto("/settings/integrations/hubspot");
    await page.getByRole("button", { name: "+ Add pull rule" }).click();
    const editor = page.getByRole("form", { name: "Pull rule editor" });
    await editor.getByLabel("Rule name").fill(customerRule);
    await editor.getByLabel("Filter 1 property").selectOption("lifecyclestage");
    await editor.getByLabel("Filter 1 value").selectOption("customer");
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"])),
      editor.getByRole("button", { name: "Save rule" }).click(),
    ]);
    await expect(page.getByText(`Pull rule “${customerRule}” saved.`)).toBeVisible();
    await expect(page.getByTestId("pull-rule-row").filter({ hasText: customerRule })).toHaveCount(1);
    const rulesBefore = await page.getByTestId("pull-rule-row").count();

    // ... then as the admin: no editing controls, and replaying the same action is refused by the server.
    await signIn(page, "admin");
    await page.goto("/settings/integrations/hubspot");
    await expect(page.getByText("Configured by your Spara customer success representative.")).toBeVisible();
    await expect(page.getByRole("button", { name: "+ Add pull rule" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Run now" })).toHaveCount(0);
    await page.screenshot({ path: "e2e/artifacts/05-admin-read-only.png", fullPage: true });
    const replay = await page.request.post(request.url(), {
      headers: { "next-action": request.headers()["next-action"], "content-type": request.headers()["content-type"], accept: "text/x-component" },
      data: request.postData() ?? "",
    });
    expect(await replay.text()).toContain("Your role does not allow this.");
    await page.reload();
    await expect(page.getByTestId("pull-rule-row")).toHaveCount(rulesBefore);
  });
});
