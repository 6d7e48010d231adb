// One rate limiter per Feishu endpoint (each endpoint has its own 50 req/s budget), created once and passed to
// the client so nothing bypasses it. Only real HTTP attempts go through it and count as in flight: never backoff
// sleeps (a call waiting to retry holds no slot), never skipped rows.
import Bottleneck from 'bottleneck';
import { SlidingWindow } from './window.js';

export interface LimiterOptions {
  /** Request starts allowed per endpoint in any one-second window (default 50, Feishu's per-endpoint limit). */
  rate?: number;
  /** Requests of one endpoint in flight at once (default rate × 2: keeps the window full up to ~2 s latency). */
  maxConcurrent?: number;
  /**
   * Extra milliseconds added to the one-second window (default 20, i.e. ≥ 0.98 of the limit). The boundary matters:
   * 51 starts exactly 20 ms apart span exactly 1000 ms, which a server counting both ends of its window sees as 51,
   * and requests reach the server with a few ms of jitter on top. So the 51st start waits until more than
   * 1000 + margin ms after the 1st.
   */
  marginMs?: number;
}

export class Limiters {
  readonly rate: number;
  readonly maxConcurrent: number;
  readonly #windowMs: number;
  readonly #byEndpoint = new Map<string, { bottleneck: Bottleneck; window: SlidingWindow }>();

  constructor(options: LimiterOptions = {}) {
    this.rate = Math.max(1, Math.floor(options.rate ?? 50));
    this.maxConcurrent = Math.max(1, Math.floor(options.maxConcurrent ?? this.rate * 2));
    this.#windowMs = 1000 + (options.marginMs ?? 20);
  }

  /**
   * Runs one HTTP attempt of `endpoint`: `prepare` (getting the token) when a concurrency slot is free, then `send`
   * when the window has room. The start is counted only then, because a start counted before a slow token fetch
   * would let the delayed request land inside a later window. If `prepare` throws (no token, or the run was
   * stopped), no start is spent and the error comes back to the caller.
   */
  schedule<P, T>(
    endpoint: string,
    prepare: () => Promise<P>,
    send: (prepared: P) => Promise<T>,
    options: { retry?: boolean } = {},
  ): Promise<T> {
    const { bottleneck, window } = this.#get(endpoint);
    // A retry goes ahead of first attempts still queued, for a slot and then for a start: it has waited its turn
    // once already, and at the end of a run nothing else is left to fill the window while it waits.
    return bottleneck.schedule({ priority: options.retry ? 4 : 5 }, async () => {
      const prepared = await prepare();
      await window.acquire(options.retry);
      return send(prepared);
    });
  }

  /**
   * Whether a request of `endpoint` could start now without waiting for a slot or a start, and no rate-limit answer
   * is being waited out. A retry then holds nothing up by going at once; when the window is full the queue spaces it
   * anyway.
   */
  hasRoom(endpoint: string): boolean {
    const entry = this.#byEndpoint.get(endpoint);
    return !entry || (entry.bottleneck.queued() === 0 && entry.window.hasRoom());
  }

  /**
   * Feishu answered "too many requests" on `endpoint`. No new request of that endpoint starts until the window
   * Feishu names has passed (its `x-ogw-ratelimit-reset`): retrying sooner would only be rejected again and keep the
   * server's window full. The window also widens by 10% (up to 2×) for a while, so if something else shares the
   * app's budget (another run, another tool) we settle below the limit instead of bouncing off it every second.
   */
  rateLimited(endpoint: string, resetMs: number): void {
    this.#get(endpoint).window.penalize(resetMs);
  }

  #get(endpoint: string): { bottleneck: Bottleneck; window: SlidingWindow } {
    let entry = this.#byEndpoint.get(endpoint);
    if (!entry) {
      // Bottleneck queues and bounds what is in flight; the spacing and the limit itself are the sliding window's job,
      // on actual start times (see window.ts for why bottleneck's minTime is not used).
      const bottleneck = new Bottleneck({ maxConcurrent: this.maxConcurrent });
      entry = { bottleneck, window: new SlidingWindow(this.rate, this.#windowMs) };
      this.#byEndpoint.set(endpoint, entry);
    }
    return entry;
  }
}
