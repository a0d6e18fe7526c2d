// Proves the local runner against the SDK's real serve handler (inngest/node)
// over real HTTP: nothing in the SDK is mocked. Waiting is done with idle()
// (or vi.waitFor on runner state), never with fixed sleeps.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Inngest, NonRetriableError } from "inngest";
import { serve } from "inngest/node";
import { startLocalInngest, type LocalInngest } from "./runner";

const APP = "local-test";
let runner: LocalInngest;
let app: http.Server;
const logs: string[] = [];

// Side-effect counters: each step body increments its own, so "ran once"
// means the runner memoised the output instead of re-running the step.
const calls: Record<string, number> = {};
const bump = (k: string) => (calls[k] = (calls[k] ?? 0) + 1);
const attemptsSeen: number[] = [];
const received: unknown[] = [];
const failures: { functionId: unknown; message: string; originalEvent: unknown }[] = [];
let cronRuns = 0;

function fnId(id: string) {
  return `${APP}-${id}`;
}

function lastRun(functionId: string) {
  const r = runner.runs().filter((x) => x.functionId === fnId(functionId));
  return r[r.length - 1];
}

beforeAll(async () => {
  // The app server starts first on a free port; its handler is set once the
  // runner's URL (needed by the client) is known.
  let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
  app = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((r) => app.listen(0, "127.0.0.1", () => r()));
  const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/inngest`;

  runner = await startLocalInngest({ appUrl, port: 0, sleepScale: 0.001, retryDelayMs: 5, cron: false, log: (l) => logs.push(l) });

  // The exact client options an app needs for a runner on a non-default port.
  const inngest = new Inngest({ id: APP, isDev: true, baseUrl: runner.url, logger: { info() {}, warn() {}, error() {}, debug() {} } });

  const sequential = inngest.createFunction({ id: "sequential", triggers: [{ event: "test/sequential" }] }, async ({ event, step }) => {
    const a = await step.run("a", () => (bump("a"), (event.data as { n: number }).n + 1));
    const b = await step.run("b", () => (bump("b"), a * 10));
    return { a, b };
  });

  const functions = [
    sequential,
    inngest.createFunction({ id: "parallel", triggers: [{ event: "test/parallel" }] }, async ({ step }) => {
      const [x, y, z] = await Promise.all([
        step.run("p1", () => (bump("p1"), 1)),
        step.run("p2", () => (bump("p2"), 2)),
        step.run("p3", () => (bump("p3"), 3)),
      ]);
      const sum = await step.run("sum", () => (bump("sum"), x + y + z));
      return { sum };
    }),
    inngest.createFunction({ id: "sender", triggers: [{ event: "test/send" }] }, async ({ step }) => {
      const { ids } = await step.sendEvent("emit", { name: "test/received", data: { hello: "world" } });
      return { ids };
    }),
    inngest.createFunction({ id: "receiver", triggers: [{ event: "test/received" }] }, async ({ event }) => {
      received.push(event.data);
      return "got it";
    }),
    inngest.createFunction({ id: "flaky", retries: 3, triggers: [{ event: "test/flaky" }] }, async ({ step, attempt }) => {
      const out = await step.run("flaky-step", () => {
        attemptsSeen.push(attempt);
        if (attempt < 2) throw new Error(`boom at attempt ${attempt}`);
        return `ok at attempt ${attempt}`;
      });
      return out;
    }),
    inngest.createFunction(
      {
        id: "doomed",
        retries: 1,
        triggers: [{ event: "test/doomed" }],
        onFailure: async ({ event, error }) => {
          failures.push({ functionId: event.data.function_id, message: error.message, originalEvent: event.data.event });
        },
      },
      async ({ step }) => {
        await step.run("always-fails", () => {
          bump("doomed");
          throw new Error("this always fails");
        });
      },
    ),
    inngest.createFunction({ id: "non-retriable", retries: 3, triggers: [{ event: "test/non-retriable" }] }, async () => {
      bump("non-retriable");
      throw new NonRetriableError("do not retry me");
    }),
    inngest.createFunction({ id: "sleeper", triggers: [{ event: "test/sleep" }] }, async ({ step }) => {
      const before = await step.run("before", () => Date.now());
      await step.sleep("nap", "10m");
      const after = await step.run("after", () => Date.now());
      return { sleptMs: after - before };
    }),
    inngest.createFunction({ id: "waiter", triggers: [{ event: "test/order" }] }, async ({ event, step }) => {
      const approval = await step.waitForEvent("approval", { event: "test/approved", timeout: "1h", match: "data.orderId" });
      return { approvedBy: approval ? (approval.data as { by: string }).by : null, orderId: (event.data as { orderId: string }).orderId };
    }),
    inngest.createFunction({ id: "wait-timeout", triggers: [{ event: "test/wait-timeout" }] }, async ({ step }) => {
      const got = await step.waitForEvent("never", { event: "test/never", timeout: "10s" });
      return { got };
    }),
    inngest.createFunction({ id: "cron-fn", triggers: [{ cron: "0 0 1 1 *" }] }, async ({ event }) => {
      cronRuns++;
      return { name: event.name };
    }),
    inngest.createFunction({ id: "invoker", triggers: [{ event: "test/invoke" }] }, async ({ step }) => {
      return step.invoke("call-child", { function: sequential, data: { n: 4 } });
    }),
  ];

  handler = serve({ client: inngest, functions });
  await runner.register();
});

afterAll(async () => {
  await runner?.close();
  await new Promise<void>((r) => (app ? app.close(() => r()) : r()));
});

describe("local Inngest runner", () => {
  it("registers every function, including the onFailure handler", () => {
    expect(runner.functions()).toEqual(expect.arrayContaining([fnId("sequential"), fnId("doomed"), fnId("doomed-failure"), fnId("cron-fn")]));
  });

  it("runs sequential steps, memoising each step's output (side effects run once)", async () => {
    const [id] = await runner.send([{ name: "test/sequential", data: { n: 1 } }]);
    expect(id).toMatch(/^[0-9A-Z]{26}$/);
    await runner.idle();
    const run = lastRun("sequential");
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ a: 2, b: 20 });
    expect(calls.a).toBe(1);
    expect(calls.b).toBe(1);
  });

  it("runs parallel steps (Promise.all → several StepPlanned ops), each once", async () => {
    await runner.send([{ name: "test/parallel" }]);
    await runner.idle();
    expect(lastRun("parallel")).toMatchObject({ status: "completed", output: { sum: 6 } });
    expect([calls.p1, calls.p2, calls.p3, calls.sum]).toEqual([1, 1, 1, 1]);
  });

  it("delivers step.sendEvent through the event API to another function", async () => {
    await runner.send([{ name: "test/send" }]);
    await runner.idle();
    expect(lastRun("sender").status).toBe("completed");
    expect(lastRun("receiver")).toMatchObject({ status: "completed", output: "got it", eventName: "test/received" });
    expect(received).toEqual([{ hello: "world" }]);
  });

  it("retries a failing step with increasing attempts until it succeeds (retries: 3)", async () => {
    await runner.send([{ name: "test/flaky" }]);
    await runner.idle();
    expect(attemptsSeen).toEqual([0, 1, 2]);
    expect(lastRun("flaky")).toMatchObject({ status: "completed", output: "ok at attempt 2", attempts: 3 });
  });

  it("fails a function after its last attempt and runs its onFailure handler", async () => {
    await runner.send([{ name: "test/doomed", data: { why: "testing" } }]);
    await runner.idle();
    const run = lastRun("doomed");
    expect(run.status).toBe("failed");
    expect(run.attempts).toBe(2); // retries: 1 → two attempts
    expect(calls.doomed).toBe(2);
    expect(lastRun("doomed-failure").status).toBe("completed");
    expect(failures).toHaveLength(1);
    expect(failures[0].functionId).toBe(fnId("doomed"));
    expect(failures[0].message).toContain("this always fails");
    expect(failures[0].originalEvent).toMatchObject({ name: "test/doomed", data: { why: "testing" } });
  });

  it("does not retry a NonRetriableError", async () => {
    await runner.send([{ name: "test/non-retriable" }]);
    await runner.idle();
    expect(lastRun("non-retriable")).toMatchObject({ status: "failed", attempts: 1 });
    expect(calls["non-retriable"]).toBe(1);
  });

  it("scales step.sleep (10m × 0.001 = 600ms)", async () => {
    await runner.send([{ name: "test/sleep" }]);
    await runner.idle();
    const run = lastRun("sleeper");
    expect(run.status).toBe("completed");
    const { sleptMs } = run.output as { sleptMs: number };
    expect(sleptMs).toBeGreaterThanOrEqual(550);
    expect(sleptMs).toBeLessThan(10_000);
  });

  it("resumes step.waitForEvent when a matching event arrives, ignoring non-matching ones", async () => {
    await runner.send([{ name: "test/order", data: { orderId: "o-1" } }]);
    await vi.waitFor(() => expect(runner.waits()).toHaveLength(1), { timeout: 5000, interval: 10 });
    await runner.send([{ name: "test/approved", data: { orderId: "other", by: "mallory" } }]);
    expect(runner.waits()).toHaveLength(1);
    await runner.send([{ name: "test/approved", data: { orderId: "o-1", by: "alice" } }]);
    await runner.idle();
    expect(lastRun("waiter")).toMatchObject({ status: "completed", output: { approvedBy: "alice", orderId: "o-1" } });
  });

  it("times out step.waitForEvent with null", async () => {
    await runner.send([{ name: "test/wait-timeout" }]);
    await runner.idle();
    expect(lastRun("wait-timeout")).toMatchObject({ status: "completed", output: { got: null } });
  });

  it("runs step.invoke and returns the child's output", async () => {
    await runner.send([{ name: "test/invoke" }]);
    await runner.idle();
    expect(lastRun("invoker")).toMatchObject({ status: "completed", output: { a: 5, b: 50 } });
  });

  it("fires a cron-triggered function on demand", async () => {
    const runId = runner.fireCron(fnId("cron-fn"));
    await runner.idle();
    expect(cronRuns).toBe(1);
    expect(runner.runs().find((r) => r.id === runId)).toMatchObject({ status: "completed", output: { name: "inngest/scheduled.timer" } });
  });

  it("accepts events from the SDK client's inngest.send over HTTP", async () => {
    const res = await fetch(`${runner.url}/e/NO_EVENT_KEY_SET`, {
      method: "POST",
      body: JSON.stringify([{ name: "test/sequential", data: { n: 9 } }]),
    });
    expect(await res.json()).toMatchObject({ status: 200, ids: [expect.any(String)] });
    await runner.idle();
    expect(lastRun("sequential").output).toEqual({ a: 10, b: 100 });
  });
});
