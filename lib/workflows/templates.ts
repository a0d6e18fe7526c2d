/**
 * Message templates: `{{lead.firstName}}`, `{{owner.firstName}}` and fallbacks `{{owner.firstName | "our team"}}`.
 * Pure: parsing, validation and rendering take plain values, so the editor's live preview, the lead page and the
 * agent's send path all render the same way.
 */
import type { LeadVariables, VariableValue } from "./variables";

export type TemplateToken =
  | { kind: "text"; text: string }
  | { kind: "var"; name: string; fallback: string | null; index: number; raw: string };

export type TemplateIssue = {
  code: "unknown_variable" | "syntax";
  /** The variable name as written (empty for syntax errors). */
  name: string;
  /** 0-based offset of the opening `{{` in the template; line and column are 1-based, for the editor's message. */
  index: number;
  line: number;
  column: number;
  message: string;
};

// Inside the braces: a dotted name, then optionally `| "fallback"` (double or single quotes, `\"` escapes a quote).
const TAG = /^\s*([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)\s*(?:\|\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*)?$/;

function position(template: string, index: number) {
  const before = template.slice(0, index).split("\n");
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** Splits a template into text and variable tokens; malformed tags are reported, not thrown. */
export function parseTemplate(template: string): { tokens: TemplateToken[]; issues: TemplateIssue[] } {
  const tokens: TemplateToken[] = [];
  const issues: TemplateIssue[] = [];
  let at = 0;
  while (at < template.length) {
    const open = template.indexOf("{{", at);
    if (open < 0) break;
    if (open > at) tokens.push({ kind: "text", text: template.slice(at, open) });
    const close = template.indexOf("}}", open + 2);
    if (close < 0) {
      issues.push({ code: "syntax", name: "", index: open, ...position(template, open), message: "“{{” is never closed with “}}”" });
      tokens.push({ kind: "text", text: template.slice(open) });
      at = template.length;
      break;
    }
    const raw = template.slice(open, close + 2);
    const m = TAG.exec(template.slice(open + 2, close));
    if (!m) {
      issues.push({ code: "syntax", name: "", index: open, ...position(template, open), message: `${raw} is not a variable; write {{lead.firstName}} or {{owner.firstName | "our team"}}` });
      tokens.push({ kind: "text", text: raw });
    } else {
      const quoted = m[2] ?? m[3];
      tokens.push({ kind: "var", name: m[1], fallback: quoted === undefined ? null : quoted.replace(/\\(.)/g, "$1"), index: open, raw });
    }
    at = close + 2;
  }
  if (at < template.length) tokens.push({ kind: "text", text: template.slice(at) });
  return { tokens, issues };
}

/**
 * Save-time check: syntax errors and every variable that is not a known name, with where it is. An unknown variable
 * is an error here rather than at send time, when nobody could fix it.
 */
export function validateTemplate(template: string, known: ReadonlySet<string>): TemplateIssue[] {
  const { tokens, issues } = parseTemplate(template);
  for (const t of tokens) {
    if (t.kind === "var" && !known.has(t.name)) {
      issues.push({ code: "unknown_variable", name: t.name, index: t.index, ...position(template, t.index), message: `Unknown variable “${t.name}”` });
    }
  }
  return issues.sort((a, b) => a.index - b.index);
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

export function isEmptyValue(v: VariableValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "") || (Array.isArray(v) && v.length === 0);
}

function toText(v: VariableValue): string {
  if (Array.isArray(v)) return v.join(", ");
  if (typeof v === "boolean") return v ? "yes" : "no";
  return String(v);
}

export type RenderResult = {
  text: string;
  /** Variables that were empty and had no fallback (rendered as nothing): the preview warns about them. */
  emptyWithoutFallback: string[];
};

/**
 * Renders a template. Values (and fallbacks) are HTML-escaped, since lead fields come from visitors and the message
 * may be shown as HTML; the template's own text is the author's and is left as written. `escape: false` is for
 * plain-text output that React (or a text channel) escapes itself, such as the previews.
 */
export function renderTemplate(template: string, vars: LeadVariables, opts: { escape?: boolean } = {}): RenderResult {
  const out = opts.escape === false ? (s: string) => s : escapeHtml;
  const { tokens } = parseTemplate(template);
  const empty = new Set<string>();
  let text = "";
  for (const t of tokens) {
    if (t.kind === "text") {
      text += t.text;
      continue;
    }
    const v = vars[t.name];
    if (!isEmptyValue(v)) text += out(toText(v as VariableValue));
    else if (t.fallback !== null) text += out(t.fallback);
    else empty.add(t.name);
  }
  return { text, emptyWithoutFallback: [...empty] };
}
