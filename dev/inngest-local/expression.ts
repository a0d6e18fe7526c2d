// A deliberately tiny evaluator for the CEL expressions the SDK puts in configs.
// The Inngest server runs full CEL; here we only need the forms the SDK itself
// generates plus simple user filters:
//   - onFailure triggers:  event.data.function_id == '<app>-<fn>'
//   - waitForEvent match:  event.data.x == async.data.x
//   - trigger `if`:        event.data.plan == "pro" && event.data.n >= 3
// Supported: `&&`, `||` (no parentheses), == != > >= < <=, string/number/bool/
// null literals, dotted paths rooted at `event` or `async`. Anything else
// throws UnsupportedExpression so the caller can log it instead of guessing.

export class UnsupportedExpression extends Error {}

type Scope = { event?: unknown; async?: unknown };

const OPS = ["==", "!=", ">=", "<=", ">", "<"] as const;

export function evaluate(expression: string, scope: Scope): boolean {
  return splitTop(expression, "||").some((alt) => splitTop(alt, "&&").every((clause) => evalClause(clause.trim(), scope)));
}

/** Splits on an operator outside quotes. */
function splitTop(s: string, sep: string): string[] {
  const parts: string[] = [];
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (s.startsWith(sep, i)) {
      parts.push(s.slice(start, i));
      start = i + sep.length;
      i += sep.length - 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

function evalClause(clause: string, scope: Scope): boolean {
  if (clause.includes("(")) throw new UnsupportedExpression(`unsupported expression: ${clause}`);
  for (const op of OPS) {
    const parts = splitTop(clause, op);
    if (parts.length === 2) {
      const a = operand(parts[0].trim(), scope);
      const b = operand(parts[1].trim(), scope);
      switch (op) {
        case "==": return deepEqual(a, b);
        case "!=": return !deepEqual(a, b);
        case ">=": return (a as number) >= (b as number);
        case "<=": return (a as number) <= (b as number);
        case ">": return (a as number) > (b as number);
        case "<": return (a as number) < (b as number);
      }
    }
  }
  // A bare path or literal: truthy check (e.g. `event.data.enabled`).
  return Boolean(operand(clause, scope));
}

function operand(token: string, scope: Scope): unknown {
  if (/^'.*'$|^".*"$/s.test(token)) return token.slice(1, -1).replace(/\\(.)/g, "$1");
  if (/^-?\d+(\.\d+)?$/.test(token)) return Number(token);
  if (token === "true" || token === "false") return token === "true";
  if (token === "null") return null;
  const path = token.split(".");
  if (path[0] !== "event" && path[0] !== "async") throw new UnsupportedExpression(`unsupported operand: ${token}`);
  if (!path.every((p) => /^[A-Za-z_][\w-]*$/.test(p))) throw new UnsupportedExpression(`unsupported operand: ${token}`);
  let v: unknown = scope[path[0] as "event" | "async"];
  for (const key of path.slice(1)) v = v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
