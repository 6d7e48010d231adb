// The guarantee behind "at most `rate` request starts in any window": a FIFO gate over the actual start times.
// It also spaces starts evenly (windowMs / rate apart), so the window fills smoothly instead of 50 at once and then
// nothing for a second.
//
// Bottleneck's minTime would space them too, but is not enough. It registers every job it may run (up to
// maxConcurrent) at once, each with its own setTimeout at `previous + minTime`; when the event loop stalls (GC,
// writing a workbook, a busy CI box) those timers fire late and together, and a burst lands inside one server
// window. It also charges minTime to a job that then sends nothing (its token fetch failed). This gate looks at when
// requests really started, so a stall can only make us slower, never faster.
import { setTimeout as sleep } from 'node:timers/promises';

/** How long a widened window stays widened after the last rate-limit answer. */
const CALM_MS = 30_000;
const MAX_STRETCH = 2;

export class SlidingWindow {
  /** performance.now() of the most recent starts, oldest first; never more than `rate` entries. */
  readonly #starts: number[] = [];
  #chain: Promise<void> = Promise.resolve();
  #pausedUntil = 0;
  #stretch = 1;
  #lastPenalty = 0;
  /** When the next start is due under even spacing. */
  #next = -Infinity;

  constructor(
    readonly rate: number,
    readonly windowMs: number,
  ) {}

  /** Resolves when one more request may start now, and records that start. Callers are served in order. */
  acquire(): Promise<void> {
    const turn = this.#chain.then(() => this.#waitForRoom());
    this.#chain = turn;
    return turn;
  }

  /** See Limiters.rateLimited. Answers from one burst (already in flight together) widen the window only once. */
  penalize(resetMs: number): void {
    const now = performance.now();
    if (now >= this.#pausedUntil) this.#stretch = Math.min(MAX_STRETCH, this.#stretch * 1.1);
    this.#pausedUntil = Math.max(this.#pausedUntil, now + resetMs);
    this.#lastPenalty = now;
  }

  async #waitForRoom(): Promise<void> {
    for (;;) {
      const now = performance.now();
      if (this.#stretch > 1 && now - this.#lastPenalty > CALM_MS) this.#stretch = 1;
      const windowMs = this.windowMs * this.#stretch;
      // A start exactly windowMs ago still counts: the server may count both ends of its window.
      while (this.#starts.length > 0 && now - this.#starts[0]! > windowMs) this.#starts.shift();
      let wait = Math.max(this.#pausedUntil - now, this.#next - now);
      if (this.#starts.length >= this.rate) wait = Math.max(wait, this.#starts[0]! + windowMs - now + 1);
      if (wait <= 0) {
        this.#starts.push(now);
        // Due one gap after the previous due time, so timer overshoot (a ms or so per sleep) does not add up and
        // cost throughput; but never less than half a gap after this start, so a stall does not turn into a burst.
        const gap = windowMs / this.rate;
        this.#next = Math.max(this.#next + gap, now + gap / 2);
        return;
      }
      await sleep(Math.ceil(wait));
    }
  }
}
