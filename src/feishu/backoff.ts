// Retry timing shared by the client and the token fetcher.
import { setTimeout as sleepTimer } from 'node:timers/promises';

export interface BackoffOptions {
  /** First retry waits up to this long (default 200 ms). */
  baseMs?: number;
  /** No retry waits longer than this (default 10 s). */
  capMs?: number;
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

/** Sleeps `ms`, or less if `signal` aborts (the caller checks the signal afterwards). */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return;
  try {
    await sleepTimer(ms, undefined, signal ? { signal } : {});
  } catch {
    // Aborted: wake up early, nothing else.
  }
}
