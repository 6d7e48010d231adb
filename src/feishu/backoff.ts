// Retry timing shared by the client and the token fetcher.
import { setTimeout as sleepTimer } from 'node:timers/promises';

export interface BackoffOptions {
  /** First retry waits up to this long (default 200 ms). */
  baseMs?: number;
  /** No retry waits longer than this (default 10 s). */
  capMs?: number;
  /**
   * A call's first failure while its endpoint is calm (see retryDelayMs) waits up to this long (default 50 ms, never
   * more than baseMs).
   */
  quickMs?: number;
  /** For tests: a deterministic source instead of Math.random. */
  random?: () => number;
}

/**
 * Exponential backoff with full jitter: a uniform wait in [0, min(cap, base·2^(n−1))]. Full jitter spreads the
 * retries of many rows that failed together (a 5xx burst) instead of sending them back in lockstep.
 */
export function backoffMs(failures: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 200;
  const cap = options.capMs ?? 10_000;
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, failures - 1));
  return Math.round((options.random ?? Math.random)() * ceiling);
}

/**
 * The wait before resending a call that has failed `failures` times. A first failure while the endpoint is calm (the
 * window has room, and its answers are not failing broadly: see storms.ts) is resent almost at once: a 5xx here and
 * there is not an overloaded server, and at the end of a run, when the window has room, a long wait is pure delay.
 * A call that fails again, or any call while failures are widespread, backs off exponentially.
 */
export function retryDelayMs(failures: number, calm: boolean, options: BackoffOptions = {}): number {
  if (!calm || failures > 1) return backoffMs(failures, options);
  const ceiling = Math.min(options.quickMs ?? 50, options.baseMs ?? 200, options.capMs ?? 10_000);
  return Math.round((options.random ?? Math.random)() * ceiling);
}

/** Sleeps `ms`, or less if `signal` aborts (the caller checks the signal afterwards). */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return;
  try {
    await sleepTimer(ms, undefined, signal ? { signal } : {});
  } catch {
    // Aborted: wake up early, nothing else.
  }
}
