// Withdrawing one approval an import wrote (undo, --replace): revoke it (status 4) when approved; a remedy still
// pending can only be rejected (status 1); one already rejected, cancelled or revoked needs nothing. The state it is
// in comes from the query endpoints (readback/status.ts), never from the words of a refusal: when a move is refused
// (or its answer was lost and the retry refused), the state is read again and decides the row.
import { PROCESS_PATH } from '../plan/lifecycle.js';
import type { HeldStatus } from '../readback/status.js';
import { APPROVAL_TYPES, type CreatingKind, type RowStatus } from '../types.js';
import { failureMessage, wasNotSent, withDetail, type CallResult, type Caller } from './context.js';
import { stateNote } from './remedies.js';
import { said, type MessageRef } from '../messages/said.js';

type WithdrawAction = 'revoke' | 'reject' | 'none';

export interface Withdrawal {
  action: WithdrawAction;
  status: Extract<RowStatus, 'updated' | 'exists' | 'failed' | 'skipped'>;
  error_code?: string;
  message?: MessageRef;
  log_id?: string;
}

/** Records each status change tried (journal `process` entries): `exists` when it was found already done. */
export type RecordProcess = (status: 1 | 4, res: CallResult, exists: boolean) => Promise<void>;

export interface WithdrawDeps {
  client: Caller;
  record: RecordProcess;
  /** The approval's state read anew (undefined: it cannot be read: not ours, or the query failed). */
  reread(): Promise<HeldStatus | undefined>;
  signal?: AbortSignal;
}

/** No longer stands: rejected, cancelled, revoked, or not held at all. */
const gone = (s: HeldStatus | undefined): boolean => s === 1 || s === 3 || s === 4 || s === 'absent';
const NOTHING_TO_DO: CallResult = { ok: true, data: null, attempts: 0 };

export async function withdraw(kind: CreatingKind, approval_id: string, held: HeldStatus | undefined, deps: WithdrawDeps): Promise<Withdrawal> {
  const approval_type = APPROVAL_TYPES[kind];
  const send = (status: 1 | 4) =>
    deps.client.call({ endpoint: 'approval_infos_process', method: 'POST', path: PROCESS_PATH, body: { approval_id, approval_type, status }, retryAmbiguous: true, ...(deps.signal ? { signal: deps.signal } : {}) });
  if (gone(held)) {
    await deps.record(held === 1 ? 1 : 4, NOTHING_TO_DO, true);
    return { action: 'none', status: 'exists', ...(held === 'absent' ? { ...said('submit.stateAbsent') } : {}) };
  }
  if (held === 0 && kind !== 'remedies') {
    return { action: 'none', status: 'failed', ...said('submit.pendingNotRemedy', { approval_id }) };
  }
  // Approved: revoke. Pending remedy: reject. Unknown state: revoke, and for a remedy then reject; the server
  // refuses whichever does not apply, and the state read afterwards says which one stands.
  const moves: Array<1 | 4> = held === 2 ? [4] : held === 0 ? [1] : kind === 'remedies' ? [4, 1] : [4];
  let last: Extract<CallResult, { ok: false }> | undefined;
  let action: WithdrawAction = 'revoke';
  for (const status of moves) {
    action = status === 4 ? 'revoke' : 'reject';
    const res = await send(status);
    const log = res.logId ? { log_id: res.logId } : {};
    if (res.ok) {
      await deps.record(status, res, false);
      return { action, status: 'updated', ...log };
    }
    if (wasNotSent(res)) return { action, status: 'skipped', ...said('submit.interrupted') };
    last = res;
  }
  if (!last) return { action, status: 'failed' };
  const now = await deps.reread();
  const log = last.logId ? { log_id: last.logId } : {};
  if (gone(now)) {
    // Asked, refused, and gone now: the answer to our own move was lost and its retry refused, or someone was faster.
    await deps.record(now === 1 ? 1 : 4, last, true);
    return { action, status: 'updated', ...log };
  }
  await deps.record(action === 'reject' ? 1 : 4, last, false);
  return { action, status: 'failed', ...(last.code !== undefined ? { error_code: String(last.code) } : {}), message: withDetail(failureMessage(last), stateNote(now)), ...log };
}
