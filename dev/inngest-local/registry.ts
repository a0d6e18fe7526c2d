// Holds what apps registered through `POST /fn/register` and answers "which
// functions does this event start?". One registration per app (keyed by
// appName) replaces the previous one, which is how a re-sync after a code
// change or `next dev` reload takes effect.
import { evaluate, UnsupportedExpression } from "./expression";
import type { FunctionConfig, InngestEvent, Log, RegisterBody } from "./types";

export interface RegisteredFunction {
  appName: string;
  config: FunctionConfig;
  /** The URL to POST step requests to (contains fnId=…&stepId=step). */
  url: string;
  /** Total attempts allowed = retries + 1; the SDK default is retries: 3. */
  maxAttempts: number;
}

export class Registry {
  private apps = new Map<string, RegisteredFunction[]>();
  private warned = new Set<string>();
  /** Called after every registration so cron schedules can be rebuilt. */
  onChange: () => void = () => {};

  constructor(private log: Log) {}

  register(body: RegisterBody): { modified: boolean } {
    const fns = (body.functions ?? []).map((config) => {
      const step = config.steps?.step ?? Object.values(config.steps ?? {})[0];
      if (!step) throw new Error(`function ${config.id} has no step runtime`);
      const retries = step.retries?.attempts ?? 3;
      return { appName: body.appName, config, url: step.runtime.url, maxAttempts: retries + 1 };
    });
    const before = JSON.stringify(this.apps.get(body.appName)?.map((f) => f.config) ?? null);
    this.apps.set(body.appName, fns);
    const modified = before !== JSON.stringify(fns.map((f) => f.config));
    if (modified) this.log(`registered app "${body.appName}": ${fns.map((f) => f.config.id).join(", ") || "(no functions)"}`);
    this.onChange();
    return { modified };
  }

  all(): RegisteredFunction[] {
    return [...this.apps.values()].flat();
  }

  get(functionId: string): RegisteredFunction | undefined {
    return this.all().find((f) => f.config.id === functionId);
  }

  /** Every function with an event trigger matching the name and its expression. */
  match(event: InngestEvent): RegisteredFunction[] {
    return this.all().filter((fn) =>
      fn.config.triggers.some((t) => t.event !== undefined && nameMatches(t.event, event.name) && this.expressionMatches(fn, t.expression, event)),
    );
  }

  private expressionMatches(fn: RegisteredFunction, expression: string | undefined, event: InngestEvent): boolean {
    if (!expression) return true;
    try {
      return evaluate(expression, { event });
    } catch (err) {
      if (!(err instanceof UnsupportedExpression)) throw err;
      // Not running the function is the lesser surprise than running it for
      // events its filter would have rejected; say so once per expression.
      const key = `${fn.config.id}:${expression}`;
      if (!this.warned.has(key)) {
        this.warned.add(key);
        this.log(`WARN ${fn.config.id}: trigger expression not supported by the local runner, never matches: ${expression}`);
      }
      return false;
    }
  }
}

/** Exact names, plus the `prefix/*` wildcard Inngest allows in triggers. */
export function nameMatches(pattern: string, name: string): boolean {
  if (pattern.endsWith("*")) return name.startsWith(pattern.slice(0, -1));
  return pattern === name;
}
