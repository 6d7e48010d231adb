// The guarantee behind "at most `rate` request starts in any window": a FIFO gate over the actual start times.
// It also spaces starts evenly (windowMs / rate apart), so the window fills smoothly instead of 50 at once and then
// nothing for a second. Retries are served before first attempts: a retry has waited its turn once already, and a
// retry stuck behind a queue of first attempts is what stretches the end of a run.
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
/** Timers fire a millisecond or two late as a matter of course; later than this means the event loop was blocked. */
const STALL_MS = 4;

export class SlidingWindow {
  /** performance.now() of the most recent starts, oldest first; never more than `rate` entries. */
  readonly #starts: number[] = [];
  /** Callers waiting for a start, each list first come first served: retries, then first attempts. */
  readonly #retries: Array<() => void> = [];
  readonly #firsts: Array<() => void> = [];
  #pumping = false;
  #pausedUntil = 0;
  #stretch = 1;
  #lastPenalty = 0;
  /** When the next start is due under even spacing. */
  #next = -Infinity;

  constructor(
    readonly rate: number,
    readonly windowMs: number,
  ) {}

  /** Resolves when one more request may start now, and records that start. Retries first, otherwise in order. */
  acquire(retry = false): Promise<void> {
    return new Promise((resolve) => {
      (retry ? this.#retries : this.#firsts).push(resolve);
      if (!this.#pumping) void this.#pump();
    });
  }

  /**
   * Whether a request could start now without waiting: nobody is queued, the window is not full, and no rate-limit
   * answer is being waited out or has recently widened the window.
   */
  hasRoom(): boolean {
    const now = performance.now();
    if (this.#pumping || now < this.#pausedUntil) return false;
    const windowMs = this.#windowAt(now);
    return windowMs === this.windowMs && this.#startsWithin(now, windowMs) < this.rate;
  }

  /** See Limiters.rateLimited. Answers from one burst (already in flight together) widen the window only once. */
  penalize(resetMs: number): void {
    const now = performance.now();
    if (now >= this.#pausedUntil) this.#stretch = Math.min(MAX_STRETCH, this.#stretch * 1.1);
    this.#pausedUntil = Math.max(this.#pausedUntil, now + resetMs);
    this.#lastPenalty = now;
  }

  /** Hands out starts one at a time. Who gets one is decided when it is free, so a retry that came meanwhile goes first. */
  async #pump(): Promise<void> {
    this.#pumping = true;
    try {
      while (this.#retries.length + this.#firsts.length > 0) {
        await this.#waitForRoom();
        (this.#retries.shift() ?? this.#firsts.shift())?.();
      }
    } finally {
      this.#pumping = false;
    }
  }

  /** The window's current length: widened after rate-limit answers, back to normal once they have stopped for a while. */
  #windowAt(now: number): number {
    if (this.#stretch > 1 && now - this.#lastPenalty > CALM_MS) this.#stretch = 1;
    return this.windowMs * this.#stretch;
  }

  #startsWithin(now: number, windowMs: number): number {
    // A start exactly windowMs ago still counts: the server may count both ends of its window.
    while (this.#starts.length > 0 && now - this.#starts[0]! > windowMs) this.#starts.shift();
    return this.#starts.length;
  }

  async #waitForRoom(): Promise<void> {
    for (;;) {
      const now = performance.now();
      const windowMs = this.#windowAt(now);
      let wait = Math.max(this.#pausedUntil - now, this.#next - now);
      if (this.#startsWithin(now, windowMs) >= this.rate) wait = Math.max(wait, this.#starts[0]! + windowMs - now + 1);
      if (wait <= 0) {
        this.#starts.push(now);
        // Due one gap after the previous due time, so timer overshoot (a ms or so per sleep) does not add up and
        // cost throughput; but never less than half a gap after this start, so a stall does not turn into a burst.
        const gap = windowMs / this.rate;
        this.#next = Math.max(this.#next + gap, now + gap / 2);
        return;
      }
      const wakeAt = now + Math.ceil(wait);
      await sleep(Math.ceil(wait));
      this.#afterStall(performance.now() - wakeAt, windowMs / this.rate);
    }
  }

  /**
   * We woke `late` ms late: the event loop was blocked. The request started just before the block may have reached
   * the server only now (its bytes sat unwritten or unread in this process, as with the in-process sandbox), so it
   * is counted as starting now, and the next start keeps half a gap from it. Without this, a 25 ms stall after a
   * start is enough for 51 arrivals to fall in one server second. Only the last start can be affected: starts happen
   * only here, one per wake, and the one before had a whole gap of unblocked loop to go out.
   */
  #afterStall(late: number, gap: number): void {
    if (late < STALL_MS || this.#starts.length === 0) return;
    const now = performance.now();
    this.#starts[this.#starts.length - 1] = now;
    this.#next = Math.max(this.#next, now + gap / 2);
  }
}
