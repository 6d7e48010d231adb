// A per-endpoint sliding-window limiter on arrivals: at most `limit` accepted requests in any 1-second window.
// Refused arrivals do not enter the window, so a client that backs off gets through once a slot frees.
import type { Dialect } from './dialects.js';
import { ApiError } from './reply.js';

const WINDOW_MS = 1000;

export class SlidingWindow {
  private readonly accepted: number[] = [];
  maxInAnyWindow = 0;

  constructor(private readonly limit: number) {}

  /** Records an arrival at `now` (ms, monotonic). Returns 0 when accepted, else the seconds until a slot frees. */
  arrive(now: number): number {
    while (this.accepted.length > 0 && (this.accepted[0] ?? 0) <= now - WINDOW_MS) this.accepted.shift();
    if (this.limit > 0 && this.accepted.length >= this.limit) {
      const oldest = this.accepted[0] ?? now;
      return Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000));
    }
    this.accepted.push(now);
    // The window ending at an arrival is where the count peaks, so checking here finds the true maximum.
    this.maxInAnyWindow = Math.max(this.maxInAnyWindow, this.accepted.length);
    return 0;
  }
}

/** The answer over the limit, shaped by the dialect: NOTES.md names both statuses, and a gateway may omit the reset. */
export function rateLimitError(dialect: Dialect['rateLimit'], limit: number, resetSeconds: number): ApiError {
  const headers: Record<string, string> = { 'x-ogw-ratelimit-limit': String(limit) };
  if (dialect.resetHeader) headers['x-ogw-ratelimit-reset'] = String(resetSeconds);
  return new ApiError(dialect.status, 99991400, 'request trigger frequency limit', headers);
}
