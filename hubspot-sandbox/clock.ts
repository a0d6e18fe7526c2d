// A controllable clock. Token expiry, rate-limit windows, search-index lag and record timestamps all read
// this instead of Date.now(), so tests can jump forward (POST /_sandbox/clock) instead of sleeping.
export class Clock {
  offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
