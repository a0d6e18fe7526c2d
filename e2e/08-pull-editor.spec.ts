import { expect, openPullRuleEditorAsCsm, sandbox, signIn, test } from "./fixtures";

// Rule names unique per run, so the journey also holds against a database that earlier runs left behind.
const suffix = Date.now().toString(36);
const ruleName = `SQLs and opportunities ${suffix}`;
const listRule = `Trade show list ${suffix}`;

test.describe("Journey 8: the CSM's pull rule editor", () => {
  test("typed filters, preview, list membership, save, run now, edit, disable — every change in the audit list", async ({ page }) => {
    const editor = await openPullRuleEditorAsCsm(page);
    await editor.getByLabel("Rule name").fill(ruleName);

    // The property picker lists live properties with their types; an enumeration offers only the operators that fit
    // it, and its values are its options (a multi-select for "is any of").
    const property1 = editor.getByLabel("Filter 1 property");
    await expect(property1.locator("option", { hasText: "Lifecycle Stage · options" })).toHaveCount(1);
    await property1.selectOption("lifecyclestage");
    const operator1 = editor.getByLabel("Filter 1 operator");
    await expect(operator1.locator("option")).toHaveText(["equals", "does not equal", "is any of", "is none of", "is known", "is unknown"]);
    await operator1.selectOption({ label: "is any of" });
    await editor.getByLabel("Filter 1 values").selectOption(["salesqualifiedlead", "opportunity"]);

    // Preview: search's count right now, ten contacts mapped as they would land, and how many are leads already.
    const facts = await sandbox.facts();
    const both = facts.lifecycleCounts.salesqualifiedlead + facts.lifecycleCounts.opportunity;
    await editor.getByRole("button", { name: "Preview" }).click();
    const preview = editor.getByTestId("pull-preview");
    await expect(preview.getByTestId("preview-total")).toHaveText(both.toLocaleString("en-US"));
    await expect(preview.getByTestId("preview-row")).toHaveCount(10);
    await expect(preview.getByRole("columnheader")).toHaveText(["HubSpot contact", "Email", "First name", "Last name", "In Spara"]);
    await page.screenshot({ path: "e2e/artifacts/08-preview.png", fullPage: true });

    // A number filter: range operators; a range HubSpot would refuse is refused next to the field.
    await editor.getByRole("button", { name: "+ Add filter" }).click();
    await editor.getByLabel("Filter 2 property").selectOption("spara_lead_score");
    await expect(editor.getByLabel("Filter 2 operator").locator("option")).toContainText(["is greater than", "is less than", "is between"]);
    await editor.getByLabel("Filter 2 operator").selectOption({ label: "is between" });
    await editor.getByLabel("Filter 2 value").fill("90");
    await editor.getByLabel("Filter 2 upper bound").fill("10");
    await editor.getByRole("button", { name: "Preview" }).click();
    await expect(editor.getByText("The upper bound is below the lower bound")).toBeVisible();
    await page.screenshot({ path: "e2e/artifacts/08-range-refused.png", fullPage: true });
    await editor.getByLabel("Filter 2 value").fill("10");
    await editor.getByLabel("Filter 2 upper bound").fill("90");
    await editor.getByRole("button", { name: "Preview" }).click();
    const narrowed = Number((await preview.getByTestId("preview-total").textContent())!.replace(/,/g, ""));
    expect(narrowed).toBeGreaterThan(0);
    expect(narrowed).toBeLessThan(both);

    await editor.getByRole("button", { name: "Save rule" }).click();
    await expect(page.getByText(`Pull rule “${ruleName}” saved.`)).toBeVisible();
    const row = page.getByTestId("pull-rule-row").filter({ hasText: ruleName });
    await expect(row).toContainText("lifecyclestage IN salesqualifiedlead, opportunity AND spara_lead_score BETWEEN 10 … 90");

    // Run now: the run completes and shows its counts (every match imported or skipped for having no email).
    await row.getByRole("button", { name: "Run now" }).click();
    await expect(row.getByTestId("pull-rule-last-run")).toContainText("completed", { timeout: 60_000 });
    const runText = (await row.getByTestId("pull-rule-last-run").textContent()) ?? "";
    const seen = ["imported", "updated", "unchanged", "skipped"].reduce((n, k) => n + Number(runText.match(new RegExp(`(\\d+) ${k}`))?.[1] ?? 0), 0);
    expect(seen).toBe(narrowed);
    await expect(row.getByTestId("pull-rule-last-run")).toContainText("pages");
    await page.screenshot({ path: "e2e/artifacts/08-run.png", fullPage: true });

    // A rule on list membership alone, chosen from the portal's lists.
    await page.getByRole("button", { name: "+ Add pull rule" }).click();
    await editor.getByLabel("Rule name").fill(listRule);
    await editor.getByLabel("HubSpot list (optional)").selectOption({ label: "Trade show leads 2026 · manual · 117 contacts" });
    await editor.getByRole("button", { name: "Remove filter 1" }).click();
    await editor.getByRole("button", { name: "Preview" }).click();
    await expect(preview.getByTestId("preview-total")).toHaveText("117");
    await editor.getByRole("button", { name: "Save rule" }).click();
    await expect(page.getByText(`Pull rule “${listRule}” saved.`)).toBeVisible();
    await expect(page.getByTestId("pull-rule-row").filter({ hasText: listRule })).toContainText("in list Trade show leads 2026");

    // Edit the first rule: the editor opens with its values; a new schedule saves.
    await row.getByRole("button", { name: "Edit" }).click();
    await expect(editor.getByLabel("Rule name")).toHaveValue(ruleName);
    await expect(editor.getByLabel("Filter 1 property")).toHaveValue("lifecyclestage");
    await expect(editor.getByLabel("Filter 2 upper bound")).toHaveValue("90");
    await editor.getByLabel("Schedule").selectOption("daily");
    await editor.getByRole("button", { name: "Save rule" }).click();
    await expect(page.getByText(`Pull rule “${ruleName}” saved.`)).toBeVisible();
    await expect(row.getByRole("cell", { name: "daily" })).toBeVisible();

    // Disable it from the list.
    await row.getByRole("switch", { name: `Enabled: ${ruleName}` }).click();
    await expect(page.getByText(`“${ruleName}” disabled.`)).toBeVisible();
    await expect(row).toContainText("disabled");

    // Every change is in the audit list, with who made it.
    await page.reload();
    await expect(page.getByRole("heading", { name: "Recent changes to pull rules" })).toBeVisible();
    const audit = page.getByTestId("pull-rule-audit-row");
    await expect(audit.filter({ hasText: `disabled “${ruleName}”` })).toContainText("csm@spara.test");
    await expect(audit.filter({ hasText: `edited “${ruleName}”` })).toHaveCount(1);
    await expect(audit.filter({ hasText: `ran “${ruleName}”` })).toHaveCount(1);
    await expect(audit.filter({ hasText: `created “${listRule}”` })).toHaveCount(1);
    await page.screenshot({ path: "e2e/artifacts/08-edited-audit.png", fullPage: true });
  });
});
