/**
 * Workflows over real data: templates and rules saved through lib/workflows (validated against the data model), and
 * rule matches recorded on leads by the real paths — a capture (ingestCapture), a pull import and an owner change
 * (both through the Inngest functions against the sandbox).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { startHarness, ACTOR, type Harness } from "./harness";

const EXISTING_LEAD = { id: "51000000001", email: "existing.lead@example.com" }; // lead, owner 300000102 María
const UNASSIGNED = { email: "unassigned.contact@example.com" }; // lead, no owner
const ORPHANED = { email: "deactivated.owner@example.com" }; // lead, owner 300000109 (deactivated)

let h: Harness;
let wf: typeof import("@/lib/workflows/store");
let evaluate: typeof import("@/lib/workflows/evaluate");
let templates: typeof import("@/lib/workflows/templates");
let variables: typeof import("@/lib/workflows/variables");
let owned: string;
let unowned: string;

async function matches(email: string) {
  const lead = await h.lead(email);
  const rows = await h.db.select().from(h.schema.leadWorkflowMatches).where(eq(h.schema.leadWorkflowMatches.leadId, lead.id));
  return rows.map((r) => ({ rule: r.ruleId === owned ? "owned" : r.ruleId === unowned ? "unowned" : r.ruleId, trigger: r.trigger, action: r.actionLabel })).sort((a, b) => a.rule.localeCompare(b.rule));
}

beforeAll(async () => {
  h = await startHarness({ contacts: 10 });
  wf = await import("@/lib/workflows/store");
  evaluate = await import("@/lib/workflows/evaluate");
  templates = await import("@/lib/workflows/templates");
  variables = await import("@/lib/workflows/variables");
  await h.connect();
  await h.setSettings({ updateExisting: true, createNew: false, syncOwner: true, mappings: [{ leadField: "firstName", hubspotProperty: "firstname", writeRule: "overwrite" }] });
});

afterAll(async () => {
  await h?.close();
});

afterEach(() => {
  expect(h.failedRuns()).toEqual([]);
});

describe("workflows", () => {
  it("rejects unknown template variables at save time, with their names and positions", async () => {
    const err = await wf.saveTemplate(h.db, h.workspaceId, ACTOR, { name: "Bad", body: "Hi {{lead.firstName}}, {{owner.nickname}} and {{lead.budget}}" }).catch((e) => e);
    expect(err).toBeInstanceOf(wf.WorkflowValidationError);
    expect(err.issues.map((i: { name: string; index: number }) => [i.name, i.index])).toEqual([
      ["owner.nickname", 23],
      ["lead.budget", 46],
    ]);
    expect(await wf.listTemplates(h.db, h.workspaceId)).toEqual([]);

    // A custom field of the data model becomes a known variable.
    await h.addCustomField({ key: "budget", label: "Budget", type: "number" });
    const id = await wf.saveTemplate(h.db, h.workspaceId, ACTOR, { name: "Welcome", body: `Hi {{lead.firstName | "there"}}, {{owner.firstName | "our team"}} will reach out (budget {{lead.budget}}).` });
    expect(await wf.listTemplates(h.db, h.workspaceId)).toMatchObject([{ id, name: "Welcome" }]);
  });

  it("rejects rules on unknown fields and templates of another workspace", async () => {
    const [welcome] = await wf.listTemplates(h.db, h.workspaceId);
    const bad = await wf
      .saveRule(h.db, h.workspaceId, ACTOR, { name: "Bad", match: "all", conditions: [{ field: "owner.phone", operator: "is_set" }], actionType: "route_to_owner" })
      .catch((e) => e);
    expect(bad.fieldErrors).toEqual({ "conditions.0.field": "Unknown field “owner.phone”" });
    const foreign = await wf
      .saveRule(h.db, h.otherWorkspaceId, ACTOR, { name: "X", match: "all", conditions: [{ field: "owner.email", operator: "is_set" }], actionType: "send_template", templateId: welcome.id })
      .catch((e) => e);
    expect(foreign.fieldErrors).toEqual({ templateId: "That template does not exist" });

    owned = await wf.saveRule(h.db, h.workspaceId, ACTOR, { name: "Owned", match: "all", conditions: [{ field: "owner.email", operator: "is_set" }], actionType: "route_to_owner" });
    unowned = await wf.saveRule(h.db, h.workspaceId, ACTOR, {
      name: "Unowned",
      match: "any",
      conditions: [
        { field: "owner.email", operator: "is_not_set" },
        { field: "owner.isActive", operator: "equals", value: "false" },
      ],
      actionType: "send_template",
      templateId: welcome.id,
    });
    // A template a rule sends cannot be deleted.
    await expect(wf.deleteTemplate(h.db, h.workspaceId, ACTOR, welcome.id)).rejects.toThrow("Rules still send this template: Unowned");
  });

  it("records the match of a lead captured in a conversation", async () => {
    const { ingestCapture } = await import("@/lib/ingest/capture-and-wake");
    await ingestCapture(h.db, h.workspaceId, { conversationId: "conv-new", fields: { email: "new.visitor@example.org", firstName: "Nia" }, insights: {} }, async () => {});
    expect(await matches("new.visitor@example.org")).toEqual([{ rule: "unowned", trigger: "capture", action: "Send template “Welcome”" }]);
  });

  it("re-evaluates a captured lead once its push finds the contact's owner", async () => {
    const ZOE = { id: "51000000005", email: "zoe.unal@example.com" };
    await h.patchContact(ZOE.id, { hubspot_owner_id: "300000103" });
    const { ingestCapture } = await import("@/lib/ingest/capture-and-wake");
    await ingestCapture(h.db, h.workspaceId, { conversationId: "conv-zoe", fields: { email: ZOE.email }, insights: {} }, async () => {});
    expect(await matches(ZOE.email)).toEqual([{ rule: "unowned", trigger: "capture", action: "Send template “Welcome”" }]);
    await h.requestPush();
    expect((await h.lead(ZOE.email)).ownerId).toBe("300000103");
    expect(await matches(ZOE.email)).toEqual([{ rule: "owned", trigger: "owner_sync", action: "Route to owner" }]);
  });

  it("records matches of leads imported by pull, by their owners", async () => {
    const rule = await h.createPullRule({ name: "Leads", filters: [{ property: "lifecyclestage", operator: "EQ", value: "lead" }] });
    await h.requestPull(rule.id);

    expect(await matches(EXISTING_LEAD.email)).toEqual([{ rule: "owned", trigger: "pull", action: "Route to owner" }]);
    expect(await matches(UNASSIGNED.email)).toEqual([{ rule: "unowned", trigger: "pull", action: "Send template “Welcome”" }]);
    expect(await matches(ORPHANED.email)).toEqual([{ rule: "unowned", trigger: "pull", action: "Send template “Welcome”" }]);
    const existing = await h.lead(EXISTING_LEAD.email);
    const [rec] = await h.db
      .select()
      .from(h.schema.leadWorkflowMatches)
      .where(and(eq(h.schema.leadWorkflowMatches.ruleId, owned), eq(h.schema.leadWorkflowMatches.leadId, existing.id)));
    expect(rec.conditions).toEqual([{ field: "owner.email", operator: "is_set", matched: true, reason: "owner.email is “maria.gonzalez@acme-demo.com”, so “owner.email is set” holds" }]);

    const lead = await h.lead(EXISTING_LEAD.email);
    expect(templates.renderTemplate((await wf.listTemplates(h.db, h.workspaceId))[0].body, variables.leadVariables(lead)).text).toBe(
      "Hi Existing, María will reach out (budget ).",
    );
  });

  it("re-evaluates a lead whose owner changes in HubSpot", async () => {
    await h.patchContact(EXISTING_LEAD.id, { hubspot_owner_id: "300000110" }); // deactivated
    await h.requestOwnerSync();

    expect(await matches(EXISTING_LEAD.email)).toEqual([{ rule: "unowned", trigger: "owner_sync", action: "Send template “Welcome”" }]);
    const lead = await h.lead(EXISTING_LEAD.email);
    expect(templates.renderTemplate((await wf.listTemplates(h.db, h.workspaceId))[0].body, variables.leadVariables(lead)).text).toBe(
      "Hi Existing, our team will reach out (budget ).",
    );
  });

  it("is scoped to the workspace: another workspace's leads are not evaluated", async () => {
    const lead = await h.lead(UNASSIGNED.email);
    await h.db.delete(h.schema.leadWorkflowMatches).where(eq(h.schema.leadWorkflowMatches.leadId, lead.id));
    expect(await evaluate.evaluateWorkflowsForLeads(h.db, h.otherWorkspaceId, [lead.id])).toBe(0);
    expect(await matches(UNASSIGNED.email)).toEqual([]);
    expect(await evaluate.evaluateWorkflowsForLeads(h.db, h.workspaceId, [lead.id])).toBe(1);
  });
});
