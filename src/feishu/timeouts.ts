// Response timeouts that follow the latency each endpoint shows. A fixed 30 s lets a hung request hold its slot (and
// its row) for 30 s when answers come back in 200 ms; a fixed short one would cut off a slow but healthy server.
// So: a few times the recent p99, never below a floor, never above the configured timeout, which also applies until
// enough answers have been seen.

/** Answers remembered per endpoint. */
const SAMPLES = 200;
/** Answers needed before the timeout adapts. */
const MIN_SAMPLES = 20;
/** Timeout = this × the p99 of the remembered answers (then floor and ceiling). */
const FACTOR = 4;

export class Timeouts {
  /** Per endpoint, the latest answer times in ms, a ring of SAMPLES. */
  readonly #byEndpoint = new Map<string, { ms: number[]; next: number }>();
  readonly #floorMs: number;

  constructor(
    readonly ceilingMs: number,
    floorMs: number,
  ) {
    this.#floorMs = Math.min(floorMs, ceilingMs);
  }

  /**
   * An attempt of `endpoint` was answered after `ms` (whatever the answer). Attempts that timed out are not counted:
   * a few hung requests must not drag the timeout up to the ceiling. A server slower than the timeout is still
   * reached, because a call's next attempt after a timeout waits twice as long (see `for`).
   */
  observe(endpoint: string, ms: number): void {
    let s = this.#byEndpoint.get(endpoint);
    if (!s) this.#byEndpoint.set(endpoint, (s = { ms: [], next: 0 }));
    s.ms[s.next] = ms;
    s.next = (s.next + 1) % SAMPLES;
  }

  /** The timeout for an attempt of `endpoint` after `timedOut` attempts of the same call timed out. */
  for(endpoint: string, timedOut = 0): number {
    const s = this.#byEndpoint.get(endpoint);
    const base = !s || s.ms.length < MIN_SAMPLES ? this.ceilingMs : Math.max(this.#floorMs, FACTOR * p99(s.ms));
    return Math.round(Math.min(this.ceilingMs, base * 2 ** timedOut));
  }
}

function p99(ms: readonly number[]): number {
  const sorted = [...ms].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length * 0.99) - 1] ?? 0;
}
