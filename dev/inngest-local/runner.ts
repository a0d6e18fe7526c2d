// A local stand-in for the Inngest dev server (`npx inngest-cli dev`), whose
// binary cannot be downloaded on these machines. It receives registrations and
// events on the dev server's address and executes runs against the app's real
// serve handler with the step protocol. Dev and test tooling only: see README.md
// for what it deliberately does not do (flow control, cancellation, …).
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { CronScheduler } from "./cron";
import { createApiServer } from "./event-api";
import { errorMessage, executeRun, type ExecutorHost } from "./executor";
import { evaluate } from "./expression";
import { nameMatches, Registry, type RegisteredFunction } from "./registry";
import type { InngestEvent, Log, RunSummary } from "./types";

export type { RunSummary } from "./types";

export interface LocalInngestOptions {
  /** The app's serve endpoint, e.g. http://127.0.0.1:3000/api/inngest. */
  appUrl: string;
  /** Default 8288, the SDK's dev-server default; 0 picks a free port. */
  port?: number;
  host?: string;
  log?: (line: string) => void;
  /** Multiplies step.sleep / waitForEvent timeouts; tests use e.g. 0.01. */
  sleepScale?: number;
  /** Fire cron triggers on schedule (default true). fireCron() works either way. */
  cron?: boolean;
  /** Backoff unit between attempts: attempt n waits retryDelayMs * n (default 200). */
  retryDelayMs?: number;
  /** How many requests may be in flight to the app at once (default 4). */
  maxConcurrentRequests?: number;
}

export interface LocalInngest {
  /** Base URL for the SDK client (INNGEST_DEV=<url> or new Inngest({ isDev: true, baseUrl: url })). */
  url: string;
  port: number;
  /** PUT appUrl so the SDK posts its config to /fn/register; retries until the app answers. */
  register(opts?: { timeoutMs?: number }): Promise<void>;
  /** Same as the event API: returns the event ids. */
  send(events: { name: string; data?: unknown; id?: string }[]): Promise<string[]>;
  /** Resolves when no run is queued or executing (sleeping/waiting runs count as executing). */
  idle(timeoutMs?: number): Promise<void>;
  runs(): RunSummary[];
  /** Start a run of a cron-triggered function now instead of waiting for its schedule. */
  fireCron(functionId: string): string;
  /** The functions registered so far (ids as the SDK registers them: "<app>-<fn>"). */
  functions(): string[];
  /** Runs currently blocked in step.waitForEvent, so a test can send the awaited event at the right time. */
  waits(): { runId: string; event: string }[];
  close(): Promise<void>;
}

interface EventWaiter {
  runId: string;
  name: string;
  ifExpr?: string;
  waiting: InngestEvent;
  resolve: (e: InngestEvent) => void;
}

export async function startLocalInngest(opts: LocalInngestOptions): Promise<LocalInngest> {
  const log: Log = opts.log ?? ((line) => console.log(`[inngest-local] ${line}`));
  const registry = new Registry(log);
  const runs = new Map<string, RunSummary>();
  const runDone = new Map<string, Promise<RunSummary>>();
  const waiters = new Set<EventWaiter>();
  const timers = new Set<{ timer: NodeJS.Timeout; reject: (e: Error) => void }>();
  let active = 0;
  let idleWaiters: (() => void)[] = [];
  let closed = false;

  // Semaphore: bounds requests to the app, not runs, so a run that waits on a
  // child (step.invoke) can never starve the child of a slot.
  const maxRequests = opts.maxConcurrentRequests ?? 4;
  let inFlight = 0;
  const queue: (() => void)[] = [];
  const limit = async <T>(task: () => Promise<T>): Promise<T> => {
    if (inFlight >= maxRequests) await new Promise<void>((r) => queue.push(r));
    inFlight++;
    try {
      return await task();
    } finally {
      inFlight--;
      queue.shift()?.();
    }
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve, reject) => {
      if (closed) return reject(new Error("runner closed"));
      const entry = {
        timer: setTimeout(() => {
          timers.delete(entry);
          resolve();
        }, Math.max(0, ms)),
        reject,
      };
      timers.add(entry);
    });

  const host: ExecutorHost = {
    log,
    sleepScale: opts.sleepScale ?? 1,
    retryDelayMs: opts.retryDelayMs ?? 200,
    limit,
    sleep,
    closed: () => closed,
    waitForEvent(runId, name, ifExpr, timeoutMs, waiting) {
      return new Promise((resolve, reject) => {
        const waiter: EventWaiter = { runId, name, ifExpr, waiting, resolve: (e) => finish(e) };
        const finish = (e: InngestEvent | null) => {
          waiters.delete(waiter);
          resolve(e);
        };
        waiters.add(waiter);
        sleep(timeoutMs).then(() => finish(null), (err) => {
          waiters.delete(waiter);
          reject(err);
        });
      });
    },
    async invoke(functionId, payload, timeoutMs, parentRunId) {
      const fn = registry.get(functionId);
      if (!fn) return { error: { name: "Error", message: `step.invoke: function "${functionId}" is not registered` } };
      const event = makeEvent({ ...payload, name: "inngest/function.invoked", data: payload.data ?? {} });
      const child = startRun(fn, event);
      log(`  run ${parentRunId} invokes ${functionId} as run ${child}`);
      const done = runDone.get(child)!;
      const result = timeoutMs === undefined ? await done : await Promise.race([done, sleep(timeoutMs).then(() => null)]);
      if (!result) return { error: { name: "InngestInvokeTimeoutError", message: `invoked run ${child} timed out` } };
      return result.status === "completed" ? { data: result.output } : { error: result.error };
    },
  };

  function makeEvent(e: { name: string; data?: unknown; id?: string; [k: string]: unknown }): InngestEvent {
    return { ...e, name: e.name, data: (e.data ?? {}) as Record<string, unknown>, id: e.id ?? ulid(), ts: typeof e.ts === "number" ? e.ts : Date.now() };
  }

  function startRun(fn: RegisteredFunction, event: InngestEvent): string {
    const summary: RunSummary = { id: ulid(), functionId: fn.config.id, eventName: event.name, status: "running", attempts: 1, startedAt: Date.now() };
    runs.set(summary.id, summary);
    active++;
    log(`▶ ${fn.config.id} run ${summary.id} (event ${event.name})`);
    const done = executeRun({ summary, fn, event, events: [event] }, host)
      .catch((err: Error) => ({ ok: false as const, error: { name: "LocalRunnerError", message: err.message } }))
      .then((result) => {
        summary.endedAt = Date.now();
        const took = `${summary.endedAt - summary.startedAt}ms`;
        if (result.ok) {
          summary.status = "completed";
          summary.output = result.output;
          log(`✓ ${fn.config.id} run ${summary.id} completed in ${took}`);
        } else {
          summary.status = "failed";
          summary.error = result.error;
          log(`✗ ${fn.config.id} run ${summary.id} failed after ${summary.attempts} attempt(s) in ${took}: ${errorMessage(result.error)}`);
          // What the Inngest server emits on final failure; it routes to the
          // "<id>-failure" function through its `event.data.function_id == …` trigger.
          if (!closed) {
            acceptEvents([{ name: "inngest/function.failed", data: { function_id: fn.config.id, run_id: summary.id, error: result.error, event } }]);
          }
        }
        // Decrement only after follow-up runs exist, so idle() cannot slip in between.
        active--;
        if (active === 0) {
          const w = idleWaiters;
          idleWaiters = [];
          w.forEach((f) => f());
        }
        return summary;
      });
    runDone.set(summary.id, done);
    return summary.id;
  }

  function acceptEvents(list: { name: string; data?: unknown; id?: string }[]): string[] {
    return list.map((raw) => {
      const event = makeEvent(raw);
      for (const w of [...waiters]) {
        if (!nameMatches(w.name, event.name)) continue;
        try {
          if (w.ifExpr && !evaluate(w.ifExpr, { event: w.waiting, async: event })) continue;
        } catch (err) {
          log(`WARN waitForEvent expression not supported, ignoring event: ${(err as Error).message}`);
          continue;
        }
        w.resolve(event);
      }
      for (const fn of registry.match(event)) startRun(fn, event);
      return event.id;
    });
  }

  const cron = new CronScheduler(
    registry,
    (functionId, pattern) => {
      const fn = registry.get(functionId);
      if (fn && !closed) startRun(fn, makeEvent({ name: "inngest/scheduled.timer", data: { cron: pattern } }));
    },
    log,
  );
  if (opts.cron !== false) registry.onChange = () => cron.rebuild();

  const server = createApiServer({
    log,
    register: (body) => registry.register(body),
    events: acceptEvents,
    info: () => ({ name: "inngest-local", appUrl: opts.appUrl, functions: registry.all().map((f) => f.config.id), activeRuns: active }),
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 8288, opts.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${opts.host ?? "127.0.0.1"}:${port}`;

  return {
    url,
    port,
    async register({ timeoutMs = 60_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      let lastError = "";
      for (let attempt = 0; ; attempt++) {
        try {
          const res = await fetch(opts.appUrl, { method: "PUT" });
          const text = await res.text();
          if (res.ok) return;
          lastError = `HTTP ${res.status}: ${text.slice(0, 300)}`;
        } catch (err) {
          lastError = (err as Error).message;
        }
        if (closed || Date.now() >= deadline) throw new Error(`could not register ${opts.appUrl}: ${lastError}`);
        if (attempt > 0 && attempt % 10 === 0) log(`waiting for the app at ${opts.appUrl} (${lastError})`);
        await new Promise((r) => setTimeout(r, Math.min(1000, 100 * (attempt + 1))));
      }
    },
    async send(events) {
      return acceptEvents(events);
    },
    idle(timeoutMs = 30_000) {
      if (active === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => {
          const running = [...runs.values()].filter((r) => r.status === "running").map((r) => `${r.functionId}(${r.id})`);
          reject(new Error(`idle() timed out after ${timeoutMs}ms; still running: ${running.join(", ")}`));
        }, timeoutMs);
        idleWaiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    },
    runs: () => [...runs.values()].map((r) => ({ ...r })),
    fireCron(functionId) {
      const fn = registry.get(functionId);
      const trigger = fn?.config.triggers.find((t) => t.cron);
      if (!fn || !trigger) throw new Error(`no registered cron function "${functionId}"`);
      return startRun(fn, makeEvent({ name: "inngest/scheduled.timer", data: { cron: trigger.cron } }));
    },
    functions: () => registry.all().map((f) => f.config.id),
    waits: () => [...waiters].map((w) => ({ runId: w.runId, event: w.name })),
    async close() {
      closed = true;
      cron.stop();
      for (const t of timers) {
        clearTimeout(t.timer);
        t.reject(new Error("runner closed"));
      }
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// Inngest ids are ULIDs: time-sortable, so runs() and logs read in order.
const B32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
function ulid(now = Date.now()): string {
  let time = "";
  for (let t = now, i = 0; i < 10; i++, t = Math.floor(t / 32)) time = B32[t % 32] + time;
  const rand = [...randomBytes(16)].map((b) => B32[b % 32]).join("");
  return time + rand;
}
