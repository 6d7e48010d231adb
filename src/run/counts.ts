// Counts a run adds up over its slices of users.
import type { totals } from '../reconcile/index.js';

export type ActionCounts = ReturnType<typeof totals>;
export const noActions = (): ActionCounts => ({ create: 0, keep: 0, replace: 0, revoke: 0, unmanaged: 0 });

/** Adds counts of one slice to the run's. */
export function addCounts<T extends { [K in keyof T]: number }>(to: T, more: T): void {
  for (const k of Object.keys(more) as (keyof T)[]) to[k] = (to[k] + more[k]) as T[keyof T];
}
