// The one events interface of every run (apply, plan, undo, verify): the core reports, the caller draws (the CLI's
// progress, or a program's own). Every handler is optional; a run calls only those that apply to it.
import type { MessageRef } from '../messages/said.js';
import type { Endpoint } from '../types.js';

export interface RunEvents {
  onNotice?(message: MessageRef): void;
  /**
   * The work per endpoint is known (after reconcile left out what is settled). A run big enough to go in slices of
   * users calls it again after planning each slice, with the totals so far.
   */
  onPlanned?(totals: Partial<Record<Endpoint, number>>): void;
  onProgress?(endpoint: Endpoint, done: number, total: number): void;
  onRateLimited?(endpoint: string): void;
  onRetry?(endpoint: string): void;
  /** A request was sent (every attempt counts): progress shows requests per second from these. */
  onRequest?(endpoint: string): void;
}
