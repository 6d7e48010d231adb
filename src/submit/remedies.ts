// Remedies have no idempotency key: user_task_remedys inserts a new record every time it is called. So before
// creating any, we ask the server what it already holds and match rows to it one-to-one; an ambiguous create
// (timeout, reset, 5xx after sending) is settled the same way before it is ever sent again.
import { ReadBackError } from '../readback/errors.js';
import { readRemedies, type ServerRemedy } from '../readback/remedies.js';
import { matchRemedies } from '../reconcile/remedies.js';
import type { NormalizedRecord, RemedyStatus } from '../types.js';
import { closedUnsent, failureMessage, journalText, wasNotSent, withDetail, type SubmitContext } from './context.js';
import { ref, said, type MessageRef } from '../messages/said.js';

const CREATE = '/open-apis/attendance/v1/user_task_remedys';
const PROCESS = '/open-apis/attendance/v1/approval_infos/process';
/** Remedy states that mean "this remedy exists": pending 0, rejected 1, approved 2 (3 cancelled and 4 revoked do not). */
const LIVE_STATES = [0, 1, 2] as const;
const MAX_CREATE_ATTEMPTS = 3;

export type { ServerRemedy };

/** Everything the server holds for these users around their remedy dates, in the live states; null when a read failed. */
export async function queryRemedies(records: readonly NormalizedRecord[], ctx: Pick<SubmitContext, 'client' | 'employeeType'>): Promise<ServerRemedy[] | null> {
  try {
    return await readRemedies(records, LIVE_STATES, ctx.client, ctx.employeeType);
  } catch (e) {
    if (e instanceof ReadBackError) return null;
    throw e;
  }
}

const TARGET: Record<RemedyStatus, number | undefined> = { pending: undefined, approved: 2, rejected: 1 };

export { matchRemedies };

type Settled = { error?: MessageRef; skipped?: boolean };

/**
 * Brings a pending remedy to the state the row asks for (approval_infos/process: 2 approve, 1 reject). Whether it got
 * there is read back from the query endpoint, never from a refusal's words: a lost answer whose retry was refused
 * ("already decided") still ends in the state the row asked for.
 */
async function settleStatus(record: NormalizedRecord, approval_id: string, current: number, ctx: SubmitContext): Promise<Settled> {
  const target = TARGET[record.status ?? 'pending'];
  if (target === undefined || target === current) return {};
  if (current !== 0) return { error: ref('submit.remedyStateUnreachable', { approval_id, held: stateName(current), wanted: record.status ?? '' }) };
  const res = await ctx.client.call({
    endpoint: 'approval_infos_process',
    method: 'POST',
    path: PROCESS,
    body: { approval_id, approval_type: 'remedy', status: target },
    retryAmbiguous: true,
    signal: ctx.signal,
  });
  if (res.ok) {
    await ctx.journal.process?.(approval_id, 'remedy', target, res, false);
    return {};
  }
  if (wasNotSent(res)) return { skipped: true };
  const held = await heldState(record, approval_id, ctx);
  if (held === target) {
    await ctx.journal.process?.(approval_id, 'remedy', target, res, true);
    return {};
  }
  return { error: ref('submit.remedyStatusFailed', { message: withDetail(failureMessage(res), stateNote(held)) }) };
}

/** One remedy's state now (undefined: the read failed). */
async function heldState(record: NormalizedRecord, approval_id: string, ctx: SubmitContext): Promise<number | 'absent' | undefined> {
  try {
    const held = await readRemedies([record], [0, 1, 2, 3, 4], ctx.client, ctx.employeeType);
    return held.find((h) => h.approval_id === approval_id)?.status ?? 'absent';
  } catch (e) {
    if (e instanceof ReadBackError) return undefined;
    throw e;
  }
}

const STATE_NAMES = ['pending', 'rejected', 'approved', 'cancelled', 'revoked'] as const;
export const stateName = (status: number): MessageRef => ref(`state.${STATE_NAMES[status] ?? 'unknown'}`);

/** What Feishu holds, as a row's message says it after a refusal (undefined: the read failed). */
export function stateNote(held: number | 'absent' | undefined): MessageRef {
  if (held === undefined) return ref('submit.stateUnread');
  return held === 'absent' ? ref('submit.stateAbsent') : ref('submit.stateHeld', { state: stateName(held) });
}

/** Creates (or finds) one remedy, then sets its status. */
export async function sendRemedy(key: string, record: NormalizedRecord, known: ServerRemedy | undefined, ctx: SubmitContext): Promise<void> {
  let approval_id = known?.approval_id;
  let current = known?.status ?? 0;
  let status: 'created' | 'exists' = 'exists';
  let logId: string | undefined;
  if (known && ctx.journal.leftOpen?.(key)) {
    // A run that crashed after sending this remedy: the server has it. Close that run's open intent, and record the
    // remedy as this run's, so an undo of this run withdraws it too.
    await ctx.journal.outcome(key, 'ok', [{ hash: record.hash, status: 'exists', approval_id: known.approval_id }], {});
  }
  for (let attempt = 1; !approval_id; attempt++) {
    if (attempt > MAX_CREATE_ATTEMPTS || ctx.signal.aborted) {
      ctx.outcomes.set(record, 'failed', { ...said('submit.ambiguous', { message: 'no answer' }) });
      return;
    }
    await ctx.journal.intent(key, 'user_task_remedys', [record]);
    const res = await ctx.client.call({ endpoint: 'user_task_remedys', method: 'POST', path: CREATE, query: { employee_type: ctx.employeeType }, body: record.body, retryAmbiguous: false, signal: ctx.signal });
    logId = res.logId;
    if (await closedUnsent(res, [record], key, ctx)) return;
    const meta = { ...(logId ? { logId } : {}), ...(!res.ok && res.httpStatus ? { httpStatus: res.httpStatus } : {}) };
    if (res.ok) {
      approval_id = (res.data as { user_remedy?: { approval_id?: string } } | undefined)?.user_remedy?.approval_id ?? '';
      status = 'created';
      current = 0;
      await ctx.journal.outcome(key, 'ok', [{ hash: record.hash, status, approval_id }], meta);
      break;
    }
    if (!res.ambiguous) {
      ctx.outcomes.set(record, 'failed', { ...(res.code !== undefined ? { error_code: String(res.code) } : {}), message: failureMessage(res), ...(logId ? { log_id: logId } : {}) });
      await ctx.journal.outcome(key, 'failed', [{ hash: record.hash, status: 'failed', ...(res.code !== undefined ? { code: res.code } : {}), ...journalText(res.msg) }], meta);
      return;
    }
    // The server may or may not have written it: look before sending again.
    await ctx.journal.outcome(key, 'ambiguous', [], meta);
    const server = await queryRemedies([record], ctx);
    const found = server ? matchRemedies([record], server).get(record) : undefined;
    if (found) {
      // Not there when this row was matched before sending: the remedy is the one this run just wrote.
      approval_id = found.approval_id;
      current = found.status;
      status = 'created';
      await ctx.journal.outcome(key, 'ok', [{ hash: record.hash, status, approval_id }], meta);
    } else if (!server) {
      ctx.outcomes.set(record, 'failed', { ...said('submit.ambiguous', { message: failureMessage(res) }), ...(logId ? { log_id: logId } : {}) });
      return;
    }
  }
  const settled = await settleStatus(record, approval_id, current, ctx);
  // Ctrl-C before the status change was sent: the remedy stands (pending); the next run moves it on.
  const rowStatus = settled.error ? 'failed' : settled.skipped ? 'skipped' : status;
  const message = settled.error ?? (settled.skipped ? ref('submit.interrupted') : undefined);
  ctx.outcomes.set(record, rowStatus, { approval_id, ...(message ? { message } : {}), ...(logId ? { log_id: logId } : {}) });
}
