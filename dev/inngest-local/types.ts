// Shapes shared by the runner's modules. They mirror what inngest@4.24 sends to
// and expects from the dev server (see shared/reference/stack-notes.md §4), kept
// loose (`unknown`) where the runner only passes data through.

/** An event as stored by the runner and handed to functions. */
export interface InngestEvent {
  name: string;
  data: Record<string, unknown>;
  id: string;
  ts: number;
  [key: string]: unknown;
}

/** One trigger in a function config from `POST /fn/register`. */
export interface TriggerConfig {
  event?: string;
  expression?: string;
  cron?: string;
}

/** The subset of a registered function config the runner uses. */
export interface FunctionConfig {
  id: string;
  name?: string;
  triggers: TriggerConfig[];
  steps: Record<string, { id: string; runtime: { type: string; url: string }; retries?: { attempts: number } }>;
  [key: string]: unknown;
}

/** Body of `POST /fn/register` (only the fields the runner reads). */
export interface RegisterBody {
  url: string;
  appName: string;
  functions: FunctionConfig[];
  sdk?: string;
  framework?: string;
}

export type RunStatus = "running" | "completed" | "failed";

export interface RunSummary {
  id: string;
  functionId: string;
  eventName: string;
  status: RunStatus;
  /** Requests made to the app whose ctx.attempt was > 0, plus one: 1 means no retry happened. */
  attempts: number;
  output?: unknown;
  error?: unknown;
  startedAt: number;
  endedAt?: number;
}

/** A step op in a 206 response (OutgoingOp in the SDK). */
export interface StepOp {
  id: string;
  op: string;
  name?: string;
  displayName?: string;
  opts?: Record<string, unknown>;
  data?: unknown;
  error?: unknown;
}

/** Memoised step state sent back to the SDK, keyed by hashed step id. */
export type StepState = Record<string, { type: "data"; data: unknown } | { type: "error"; error: unknown }>;

export type Log = (line: string) => void;
