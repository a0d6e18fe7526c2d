import { describe, expect, it } from "vitest";
import { escapeHtml, parseTemplate, renderTemplate, validateTemplate } from "./templates";
import { leadVariables } from "./variables";

const KNOWN = new Set(["lead.firstName", "lead.company", "owner.firstName", "owner.fullName", "lead.interests"]);

const withOwner = leadVariables({
  email: "ann@example.com",
  fields: { firstName: "Ann", company: "Acme", interests: ["api", "crm"] },
  ownerId: "300000101",
  ownerFirstName: "Alex",
  ownerLastName: "Rivera",
  ownerEmail: "alex@acme-demo.com",
});
const noOwner = leadVariables({ email: "bob@example.com", fields: { firstName: "" }, ownerId: null, ownerFirstName: null, ownerLastName: null, ownerEmail: null });

describe("renderTemplate", () => {
  it("substitutes lead and owner variables", () => {
    expect(renderTemplate("Hi {{lead.firstName}}, {{owner.firstName}} will reach out", withOwner)).toEqual({ text: "Hi Ann, Alex will reach out", emptyWithoutFallback: [] });
    expect(renderTemplate("{{ owner.fullName }} ({{lead.email}})", withOwner).text).toBe("Alex Rivera (ann@example.com)");
  });

  it("uses the fallback only when the value is empty", () => {
    const t = `Hi {{lead.firstName | "there"}}, {{owner.firstName | "our team"}} will reach out`;
    expect(renderTemplate(t, withOwner).text).toBe("Hi Ann, Alex will reach out");
    expect(renderTemplate(t, noOwner).text).toBe("Hi there, our team will reach out");
    expect(renderTemplate(`{{owner.firstName | 'the team'}}`, noOwner).text).toBe("the team");
    expect(renderTemplate(`{{owner.firstName | "say \\"hi\\""}}`, noOwner).text).toBe("say &quot;hi&quot;");
    expect(renderTemplate(`{{owner.firstName | ""}}!`, noOwner)).toEqual({ text: "!", emptyWithoutFallback: [] });
  });

  it("renders empty variables without a fallback as nothing and reports them", () => {
    expect(renderTemplate("Hi {{lead.firstName}}, {{owner.firstName}}.", noOwner)).toEqual({ text: "Hi , .", emptyWithoutFallback: ["lead.firstName", "owner.firstName"] });
  });

  it("escapes HTML in values and fallbacks, not in the template's own text", () => {
    const vars = { ...withOwner, "lead.firstName": `<script>alert("x")</script>`, "lead.company": "Smith & Sons's" };
    expect(renderTemplate("<b>{{lead.firstName}}</b> of {{lead.company}}", vars).text).toBe("<b>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</b> of Smith &amp; Sons&#39;s");
    expect(renderTemplate(`{{owner.firstName | "<i>team</i>"}}`, noOwner).text).toBe("&lt;i&gt;team&lt;/i&gt;");
    expect(escapeHtml(`&<>"'`)).toBe("&amp;&lt;&gt;&quot;&#39;");
    // Plain-text output (the previews, where React escapes) keeps the characters as they are.
    expect(renderTemplate("{{lead.company}}", vars, { escape: false }).text).toBe("Smith & Sons's");
  });

  it("joins multi-select values and writes booleans as yes/no", () => {
    expect(renderTemplate("{{lead.interests}} / {{owner.isActive}}", withOwner).text).toBe("api, crm / yes");
    expect(renderTemplate("{{owner.isActive}}", noOwner).text).toBe("no");
  });

  it("leaves malformed tags as text", () => {
    expect(renderTemplate("a {{ nope nope }} b {{lead.firstName", withOwner).text).toBe("a {{ nope nope }} b {{lead.firstName");
  });
});

describe("validateTemplate", () => {
  it("accepts known variables with and without fallbacks", () => {
    expect(validateTemplate(`Hi {{lead.firstName}}, {{owner.firstName | "our team"}}`, KNOWN)).toEqual([]);
  });

  it("returns each unknown variable with its position", () => {
    const t = "Hi {{lead.firstname}},\n{{owner.phone | \"x\"}} and {{owner.firstName}}";
    expect(validateTemplate(t, KNOWN)).toEqual([
      { code: "unknown_variable", name: "lead.firstname", index: 3, line: 1, column: 4, message: "Unknown variable “lead.firstname”" },
      { code: "unknown_variable", name: "owner.phone", index: 23, line: 2, column: 1, message: "Unknown variable “owner.phone”" },
    ]);
  });

  it("reports unclosed and malformed tags as syntax errors", () => {
    const issues = validateTemplate("ok {{owner.firstName | our team}} then {{lead.firstName", KNOWN);
    expect(issues.map((i) => [i.code, i.index, i.column])).toEqual([
      ["syntax", 3, 4],
      ["syntax", 39, 40],
    ]);
  });

  it("parses names and fallbacks", () => {
    expect(parseTemplate(`{{ a.b | "c" }}`).tokens).toEqual([{ kind: "var", name: "a.b", fallback: "c", index: 0, raw: `{{ a.b | "c" }}` }]);
  });
});
