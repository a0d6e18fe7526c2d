// Fires cron-triggered functions on schedule with croner (maintained, no deps).
// Schedules are rebuilt from the registry after every registration, so a
// changed or removed cron takes effect on the next sync.
import { Cron } from "croner";
import type { Log } from "./types";
import type { Registry } from "./registry";

export class CronScheduler {
  private jobs: Cron[] = [];

  constructor(
    private registry: Registry,
    private fire: (functionId: string, cron: string) => void,
    private log: Log,
  ) {}

  /** Stop every job and schedule the cron triggers registered now. */
  rebuild(): void {
    this.stop();
    for (const fn of this.registry.all()) {
      for (const trigger of fn.config.triggers) {
        if (!trigger.cron) continue;
        const { pattern, timezone } = parseInngestCron(trigger.cron);
        try {
          // protect: a run still being created never overlaps its next tick's fire call.
          this.jobs.push(new Cron(pattern, { timezone, protect: true }, () => this.fire(fn.config.id, trigger.cron!)));
        } catch (err) {
          this.log(`WARN ${fn.config.id}: cannot schedule cron "${trigger.cron}": ${(err as Error).message}`);
        }
      }
    }
  }

  stop(): void {
    for (const job of this.jobs) job.stop();
    this.jobs = [];
  }
}

/** Inngest accepts a `TZ=Area/City ` prefix before the pattern. */
export function parseInngestCron(cron: string): { pattern: string; timezone?: string } {
  const m = /^(?:CRON_)?TZ=(\S+)\s+(.*)$/.exec(cron.trim());
  return m ? { pattern: m[2], timezone: m[1] } : { pattern: cron.trim() };
}
