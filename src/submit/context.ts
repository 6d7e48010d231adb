// What every submit step needs, passed in once (taze: one queue, shared, so nothing bypasses it).
import type { CallRequest, CallResult, Caller } from '../feishu/types.js';
import type { Located } from '../readback/status.js';
import type { EmployeeType, Endpoint, NormalizedRecord } from '../types.js';
import type { Outcomes } from './outcomes.js';
import { ref, said, type MessageRef, type Param } from '../messages/said.js';

export type { CallRequest, CallResult, Caller };

/** The journal operations submit needs (src/journal implements them durably). */
export interface SubmitJournal {
  intent(req: string, endpoint: Endpoint, records: NormalizedRecord[]): Promise<void>;
  outcome(
    req: string,
    result: 'ok' | 'failed' | 'ambiguous',
    records: Array<{ hash: string; status: 'created' | 'exists' | 'failed' | 'conflict'; approval_id?: string; code?: number; msg?: string; said?: MessageRef }>,
    meta: { logId?: string; httpStatus?: number },
  ): Promise<void>;
  /**
   * An approval status change that was done (`exists`: found already done), or refused. Status updates record it so
   * that a later run, an undo and a re-import know the approval's state without asking Feishu.
   */
  process?(approval_id: string, approval_type: string, status: number, res: CallResult, exists?: boolean): Promise<void>;
  /** True when an earlier run sent this request and died before recording its answer. */
  leftOpen?(req: string): boolean;
  /** Where an approval this tool wrote can be read back (its user, date and kind); undefined for others' approvals. */
  locate?(approval_id: string): Located | undefined;
}

export interface SubmitEvents {
  /** A request finished (whatever its result); `records` rows were settled by it. */
  onSettled?(endpoint: Endpoint, records: number): void;
  onNotice?(message: MessageRef): void;
}

export interface SubmitContext {
  client: Caller;
  journal: SubmitJournal;
  outcomes: Outcomes;
  employeeType: EmployeeType;
  events: SubmitEvents;
  /** Set when the user pressed Ctrl-C: nothing new is started. */
  signal: AbortSignal;
}

/** What a row says of a failed call: the server's message (or ours), plus our explanation when we have one. */
export function failureMessage(res: Extract<CallResult, { ok: false }>): MessageRef {
  if (res.explanation) return ref('feishu.explained', { message: res.msg, explanation: res.explanation });
  return typeof res.msg === 'string' ? ref('feishu.said', { message: res.msg }) : res.msg;
}

/** A failure's text for the journal: Feishu's words as `msg`, the client's own (no answer) as `said`. */
export const journalText = (msg: string | MessageRef): { msg: string } | { said: MessageRef } => (typeof msg === 'string' ? { msg } : { said: msg });

/** `message (detail)`: a message with a state or the changed fields after it. */
export const withDetail = (message: MessageRef, detail: Param): MessageRef => ref('said.withDetail', { message, detail });

/**
 * Ctrl-C stopped the call before anything of it could have been written: while it waited for its turn, a rate-limit
 * window (the server refused before acting) or a backoff after failures that happened before the write.
 */
export const wasNotSent = (res: CallResult): boolean => !res.ok && !!res.aborted && !res.ambiguous;

/**
 * Ctrl-C caught the call in the limiter's queue, so it was never sent: its rows are `skipped`, and the intent is
 * closed in the journal (nothing to reconcile). False when the call was sent (or not aborted).
 */
export async function closedUnsent(res: CallResult, records: NormalizedRecord[], req: string, ctx: SubmitContext): Promise<boolean> {
  if (!wasNotSent(res)) return false;
  for (const r of records) ctx.outcomes.set(r, 'skipped', { ...said('submit.interrupted') });
  await ctx.journal.outcome(req, 'failed', [], {});
  return true;
}
