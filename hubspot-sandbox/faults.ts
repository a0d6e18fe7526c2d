// Faults on demand for tests: per endpoint template, either a sequence of outcomes consumed one per matching
// request (then the endpoint behaves normally again), or a seeded random rate of a given status.
import { createRng, type Rng } from "./prng";

export type FaultStep = number | "timeout" | { latencyMs: number } | { status: number; body?: unknown; headers?: Record<string, string> };
export type FaultSpec = { endpoint: string; sequence?: FaultStep[]; rate?: number; status?: number; latencyMs?: number };

export class Faults {
  private specs: Array<FaultSpec & { cursor: number }> = [];
  private rng: Rng;
  constructor(seed: number) {
    this.rng = createRng(seed ^ 0x5eed);
  }

  add(spec: FaultSpec): void {
    if (typeof spec?.endpoint !== "string" || !spec.endpoint) throw new Error("endpoint is required (e.g. \"POST /crm/v3/objects/contacts/batch/read\" or \"*\")");
    if (!spec.sequence && spec.rate === undefined && spec.latencyMs === undefined) throw new Error("give sequence, rate+status, or latencyMs");
    this.specs.push({ ...spec, cursor: 0 });
  }
  clear(endpoint?: string): void {
    this.specs = endpoint ? this.specs.filter((s) => s.endpoint !== endpoint) : [];
  }
  list(): FaultSpec[] {
    return this.specs.map(({ cursor, ...s }) => ({ ...s, sequence: s.sequence?.slice(cursor) }));
  }

  /** The fault to apply to this request, if any (consumes one sequence step). */
  take(template: string): FaultStep | undefined {
    for (const s of this.specs) {
      if (s.endpoint !== template && s.endpoint !== "*") continue;
      if (s.sequence) {
        if (s.cursor < s.sequence.length) return s.sequence[s.cursor++];
        continue;
      }
      if (s.rate !== undefined && this.rng.next() < s.rate) return s.status ?? 500;
      if (s.latencyMs !== undefined) return { latencyMs: s.latencyMs };
    }
    return undefined;
  }
}
