// What the sandbox was asked, for tests that assert call counts ("no more than N HubSpot calls") and sizes.
// /_sandbox/* calls are never logged. Entries are capped; counts are exact.
export type LogEntry = { method: string; path: string; template: string | null; status: number; bodyBytes: number; at: string };

const MAX_ENTRIES = 20_000;

export class RequestLog {
  entries: LogEntry[] = [];
  counts: Record<string, number> = {};
  total = 0;
  add(e: LogEntry): void {
    this.total++;
    this.entries.push(e);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    const key = e.template ?? `${e.method} (unmatched)`;
    this.counts[key] = (this.counts[key] ?? 0) + 1;
  }
  clear(): void {
    this.entries = [];
    this.counts = {};
    this.total = 0;
  }
}
