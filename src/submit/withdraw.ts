// Withdrawing one approval an import wrote (undo): revoke it (status 4); a remedy still pending can only be
// rejected (status 1), and a rejected one needs nothing. The journal does not know a remedy's current state (it may
// have been approved or rejected in Feishu since), so the revoke is tried first and the refusal tells the state.
import { PROCESS_PATH } from '../plan/lifecycle.js';
import { APPROVAL_TYPES, type CreatingKind, type RowStatus } from '../types.js';
import { errorText, type CallResult, type Caller } from './context.js';
import { currentStatusOf } from './lifecycle.js';

type WithdrawAction = 'revoke' | 'reject' | 'none';

export interface Withdrawal {
  action: WithdrawAction;
  status: Extract<RowStatus, 'updated' | 'exists' | 'failed' | 'skipped'>;
  error_code?: string;
  error_message?: string;
  log_id?: string;
}

/** Records each status change tried (journal `process` entries): `exists` when it was found already done. */
export type RecordProcess = (status: 1 | 4, res: CallResult, exists: boolean) => Promise<void>;

/** Statuses after which an approval no longer stands: rejected, cancelled, revoked. */
const GONE = new Set([1, 3, 4]);

export async function withdraw(kind: CreatingKind, approval_id: string, client: Caller, record: RecordProcess, signal?: AbortSignal): Promise<Withdrawal> {
  const approval_type = APPROVAL_TYPES[kind];
  const send = (status: 1 | 4) =>
    client.call({ endpoint: 'approval_infos_process', method: 'POST', path: PROCESS_PATH, body: { approval_id, approval_type, status }, retryAmbiguous: true, ...(signal ? { signal } : {}) });
  const logOf = (res: CallResult) => (res.logId ? { log_id: res.logId } : {});

  const revoked = await send(4);
  if (!revoked.ok && revoked.attempts === 0 && signal?.aborted) return { action: 'revoke', status: 'skipped' };
  if (revoked.ok) {
    await record(4, revoked, false);
    return { action: 'revoke', status: 'updated', ...logOf(revoked) };
  }
  const current = currentStatusOf(revoked);
  // Only a remedy may stand as rejected (1); for the other kinds 1 would be a surprise, so it is not taken as done.
  if (current !== undefined && GONE.has(current) && (current !== 1 || kind === 'remedies')) {
    await record(current === 1 ? 1 : 4, revoked, true);
    return { action: 'none', status: 'exists', ...logOf(revoked) };
  }
  let last: Extract<CallResult, { ok: false }> = revoked;
  let action: WithdrawAction = 'revoke';
  // Pending (0), or a refusal we cannot read: a remedy may still be pending, which only a reject withdraws.
  if (kind === 'remedies' && (current === 0 || (current === undefined && revoked.code === 1220001))) {
    action = 'reject';
    const rejected = await send(1);
    if (rejected.ok) {
      await record(1, rejected, false);
      return { action, status: 'updated', ...logOf(rejected) };
    }
    const now = currentStatusOf(rejected);
    if (now !== undefined && GONE.has(now)) {
      await record(now === 1 ? 1 : 4, rejected, true);
      return { action: 'none', status: 'exists', ...logOf(rejected) };
    }
    last = rejected;
  }
  await record(action === 'reject' ? 1 : 4, last, false);
  return { action, status: 'failed', ...(last.code !== undefined ? { error_code: String(last.code) } : {}), error_message: errorText(last), ...logOf(last) };
}
