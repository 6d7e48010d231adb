// The one events interface of every run (apply, plan, undo, verify): the core reports, the caller draws (the CLI's
// progress, or a program's own). Every handler is optional; a run calls only those that apply to it.
import type { MessageRef } from '../messages/said.js';
import type { Endpoint } from '../types.js';

export interface RunEvents {
  onNotice?(message: MessageRef): void;
  /**
   * The work per endpoint is known (after reconcile left out what is settled). A run big enough to go in slices of
   * users calls it again after planning each slice, with the totals so far; `more` is true while slices remain to be
   * planned (the totals will grow: an endpoint that has done its total so far is not done yet).
   */
  onPlanned?(totals: Partial<Record<Endpoint, number>>, more?: boolean): void;
  onProgress?(endpoint: Endpoint, done: number, total: number): void;
  onRateLimited?(endpoint: string): void;
  onRetry?(endpoint: string): void;
  /** A request was sent (every attempt counts): progress shows requests per second from these. */
  onRequest?(endpoint: string): void;
}
