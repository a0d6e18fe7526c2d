// Drives one run through the SDK's step protocol, the way the Inngest executor
// does (stack-notes §4): POST the function's runtime URL with `stepId=step`
// (discovery) or `stepId=<hashed id>` (run that step), memoise every result in
// `steps`, and call again until the SDK answers 200 (done) or gives up.
//
// Each "round" sends one or more requests concurrently: normally one discovery
// request; after a 206 with several StepPlanned ops (Promise.all in the
// function), one request per planned step. When a round plans nothing new we
// go back to discovery, which lets the function advance past what completed.
import { durationMs } from "./duration";
import type { RegisteredFunction } from "./registry";
import type { InngestEvent, Log, RunSummary, StepOp, StepState } from "./types";

export interface ExecutorHost {
  log: Log;
  sleepScale: number;
  /** Backoff before attempt n is retryDelayMs * n (Inngest backs off far longer; dev wants speed). */
  retryDelayMs: number;
  /** Bounds how many requests hit the app at once; runs themselves are not limited. */
  limit<T>(task: () => Promise<T>): Promise<T>;
  waitForEvent(runId: string, name: string, ifExpr: string | undefined, timeoutMs: number, waiting: InngestEvent): Promise<InngestEvent | null>;
  invoke(functionId: string, payload: { data?: unknown; [k: string]: unknown }, timeoutMs: number | undefined, parentRunId: string): Promise<{ data: unknown } | { error: unknown }>;
  sleep(ms: number): Promise<void>;
  /** True once the runner is closing: runs stop at the next round instead of calling the app again. */
  closed(): boolean;
}

export interface RunState {
  summary: RunSummary;
  fn: RegisteredFunction;
  event: InngestEvent;
  events: InngestEvent[];
}

type Work = { stepId: string; attempt: number };
type Outcome = { kind: "done"; output: unknown } | { kind: "failed"; error: unknown } | { kind: "continue"; next: Work[] };

/** Thrown for protocol situations the runner cannot handle; fails the run without retries. */
class Unsupported extends Error {}

export async function executeRun(run: RunState, host: ExecutorHost): Promise<{ ok: true; output: unknown } | { ok: false; error: unknown }> {
  const steps: StepState = {};
  const stack: string[] = [];
  let version = -1; // let the SDK pick on the first call, then echo what it chose (x-inngest-req-version)
  let round: Work[] = [{ stepId: "step", attempt: 0 }];

  const record = (id: string, state: StepState[string]) => {
    steps[id] = state;
    if (!stack.includes(id)) stack.push(id);
  };

  const call = async ({ stepId, attempt }: Work) => {
    run.summary.attempts = Math.max(run.summary.attempts, attempt + 1);
    const url = new URL(run.fn.url);
    url.searchParams.set("stepId", stepId);
    const body = {
      version,
      event: run.event,
      events: run.events,
      steps,
      ctx: {
        run_id: run.summary.id,
        attempt,
        max_attempts: run.fn.maxAttempts,
        // No fn_id: without it the SDK uses plain async mode instead of
        // checkpointing, which would call the (absent) checkpoint API.
        disable_immediate_execution: false,
        use_api: false,
        stack: { stack: [...stack], current: stack.length },
      },
    };
    return host.limit(async () => {
      try {
        const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
        const text = await res.text();
        const v = Number(res.headers.get("x-inngest-req-version"));
        if (Number.isInteger(v) && v > 0) version = v;
        return { status: res.status, noRetry: res.headers.get("x-inngest-no-retry"), text };
      } catch (err) {
        // The app is down or restarting: a retriable error, like a 5xx.
        return { status: 0, noRetry: null, text: JSON.stringify({ name: "FetchError", message: `request to app failed: ${(err as Error).message}` }) };
      }
    });
  };

  const handleOp = async (op: StepOp, work: Work): Promise<Work[]> => {
    switch (op.op) {
      case "StepRun":
      case "Step":
        record(op.id, { type: "data", data: op.data ?? null });
        return [];
      case "StepPlanned":
        return [{ stepId: op.id, attempt: 0 }];
      case "StepError": {
        const attempt = work.stepId === op.id || work.stepId === "step" ? work.attempt + 1 : 1;
        if (attempt >= run.fn.maxAttempts) {
          record(op.id, { type: "error", error: op.error });
          return [];
        }
        host.log(`  ${run.fn.config.id} step "${op.displayName ?? op.id}" errored (attempt ${attempt - 1}), retrying: ${errorMessage(op.error)}`);
        await host.sleep(host.retryDelayMs * attempt);
        return [{ stepId: op.id, attempt }];
      }
      case "StepFailed":
        record(op.id, { type: "error", error: op.error });
        return [];
      case "Sleep": {
        await host.sleep(durationMs(op.name) * host.sleepScale);
        record(op.id, { type: "data", data: null });
        return [];
      }
      case "WaitForEvent": {
        const timeout = durationMs(op.opts?.timeout) * host.sleepScale;
        const got = await host.waitForEvent(run.summary.id, String(op.name), op.opts?.if as string | undefined, timeout, run.event);
        record(op.id, { type: "data", data: got });
        return [];
      }
      case "InvokeFunction": {
        const opts = (op.opts ?? {}) as { function_id: string; payload?: { data?: unknown }; timeout?: string };
        const timeout = opts.timeout ? durationMs(opts.timeout) * host.sleepScale : undefined;
        const result = await host.invoke(opts.function_id, opts.payload ?? {}, timeout, run.summary.id);
        record(op.id, "data" in result ? { type: "data", data: result.data } : { type: "error", error: result.error });
        return [];
      }
      default:
        // WaitForSignal, AIGateway, Gateway, Defer*: need the real server.
        throw new Unsupported(`step op "${op.op}" (${op.displayName ?? op.id}) is not supported by the local runner`);
    }
  };

  const perform = async (work: Work): Promise<Outcome> => {
    const res = await call(work);
    if (res.status === 200) return { kind: "done", output: parseJson(res.text) };
    if (res.status === 206) {
      const parsed = parseJson(res.text);
      const ops = (Array.isArray(parsed) ? parsed : [parsed]) as StepOp[];
      const next = (await Promise.all(ops.map((op) => handleOp(op, work)))).flat();
      return { kind: "continue", next };
    }
    // 4xx/5xx (or no response): a function-level error. The SDK sets
    // x-inngest-no-retry=true for NonRetriableError and on the last attempt.
    const error = toError(res.text, res.status);
    const noRetry = res.noRetry === "true" || (res.noRetry === null && res.status >= 400 && res.status < 500);
    if (!noRetry && work.attempt + 1 < run.fn.maxAttempts) {
      host.log(`  ${run.fn.config.id} errored (attempt ${work.attempt}, HTTP ${res.status}), retrying: ${errorMessage(error)}`);
      // An unreachable app is usually `next dev` reloading: wait longer so the
      // run survives a restart instead of burning its attempts in a second.
      const unit = res.status === 0 ? host.retryDelayMs * 5 : host.retryDelayMs;
      await host.sleep(unit * (work.attempt + 1));
      return { kind: "continue", next: [{ ...work, attempt: work.attempt + 1 }] };
    }
    return { kind: "failed", error };
  };

  try {
    for (let rounds = 0; round.length; rounds++) {
      if (rounds > 10_000) throw new Unsupported("run made over 10,000 rounds of requests; giving up");
      if (host.closed()) throw new Unsupported("runner closed");
      const outcomes = await Promise.all(round.map(perform));
      const end = outcomes.find((o) => o.kind !== "continue");
      if (end?.kind === "done") return { ok: true, output: end.output };
      if (end?.kind === "failed") return { ok: false, error: end.error };
      const next = new Map<string, Work>();
      for (const o of outcomes) if (o.kind === "continue") for (const w of o.next) next.set(w.stepId, w);
      round = next.size ? [...next.values()] : [{ stepId: "step", attempt: 0 }];
    }
    return { ok: true, output: null };
  } catch (err) {
    if (!(err instanceof Unsupported)) throw err;
    return { ok: false, error: { name: "LocalRunnerError", message: err.message } };
  }
}

function parseJson(text: string): unknown {
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The SDK answers errors with a serialised Error ({name, message, stack}); keep that shape. */
function toError(text: string, status: number): unknown {
  const parsed = parseJson(text);
  if (parsed && typeof parsed === "object" && "message" in parsed) return parsed;
  return { name: "Error", message: `HTTP ${status}: ${typeof parsed === "string" ? parsed : JSON.stringify(parsed)}` };
}

export function errorMessage(error: unknown): string {
  if (error && typeof error === "object" && "message" in error) return String((error as { message: unknown }).message);
  return String(error);
}
