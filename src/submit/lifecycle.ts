// Sending one status update (approval_infos/process) or one CoreHR decision, and what its answer means for the row.
// A status update's outcome is decided by the approval's state read from the query endpoints (before sending, when
// the journal knows where the approval lives, and after a refusal), never by the refusal's words, which Feishu does
// not document. CoreHR answers "already processed" with documented codes (1161001, 1161005): those end as `exists`.
import { lifecycleCall } from '../plan/lifecycle.js';
import type { HeldStatus } from '../readback/status.js';
import { ref, type MessageRef } from '../messages/said.js';
import type { NormalizedRecord, RowStatus } from '../types.js';
import { closedUnsent, failureMessage, journalText, withDetail, type CallResult, type SubmitContext } from './context.js';
import { stateName, stateNote } from './remedies.js';

/** CoreHR: 1161001 the task was already processed; 1161005 the node was decided meanwhile (another approver). */
const COREHR_SETTLED: ReadonlySet<number> = new Set([1161001, 1161005]);

/** status requested → the status it may be applied from (approval_infos/process page: approve/reject a pending one, revoke an approved one). */
const FROM: Record<number, number> = { 1: 0, 2: 0, 4: 2 };

type Verdict = { status: Extract<RowStatus, 'updated' | 'exists' | 'failed' | 'unconfirmed'>; message?: MessageRef; code?: number };

/** What the approval's state says about a status row before anything is sent; undefined: send it. */
export function beforeSending(record: NormalizedRecord, held: HeldStatus | undefined): Verdict | undefined {
  if (record.kind !== 'approval_status' || held === undefined) return undefined;
  const wanted = Number(record.body.status);
  if (held === wanted) return { status: 'exists' };
  if (held === 'absent' || FROM[wanted] !== held) {
    const state = held === 'absent' ? ref('submit.stateAbsent') : stateName(held);
    return { status: 'failed', message: ref('submit.statusUnreachable', { approval_id: String(record.body.approval_id), held: state, wanted }) };
  }
  return undefined;
}

/** What an answer means for the row it carried; `reread` reads the approval's state anew (undefined: cannot). */
async function judge(record: NormalizedRecord, res: CallResult, reread: (() => Promise<HeldStatus | undefined>) | undefined): Promise<Verdict> {
  if (res.ok) return { status: 'updated' };
  const code = res.code !== undefined ? { code: res.code } : {};
  // Kept as the row's message: the user should know that someone else decided (1161005), or how it was decided.
  if (record.kind === 'corehr_approvals') {
    return { status: res.code !== undefined && COREHR_SETTLED.has(res.code) ? 'exists' : 'failed', message: failureMessage(res), ...code };
  }
  // Someone else's approval: its state cannot be read back, and a refusal's words are not documented.
  if (!reread) return { status: 'unconfirmed', message: withDetail(failureMessage(res), ref('submit.stateUnknownOwner')), ...code };
  const now = await reread();
  // In the state asked for after a refusal: our own move whose answer was lost, its retry refused.
  if (now === Number(record.body.status)) return { status: 'updated' };
  return { status: 'failed', message: withDetail(failureMessage(res), stateNote(now)), ...code };
}

export interface LifecycleState {
  /** The approval's state read before sending (status rows of approvals this tool wrote). */
  held?: HeldStatus | undefined;
  reread?: () => Promise<HeldStatus | undefined>;
}

export async function sendLifecycle(key: string, record: NormalizedRecord, ctx: SubmitContext, state: LifecycleState = {}): Promise<void> {
  const call = lifecycleCall(record);
  const approval_id = record.kind === 'approval_status' ? String(record.body.approval_id) : undefined;
  const early = beforeSending(record, state.held);
  if (early) return settle(key, record, early, { ok: true, data: null, attempts: 0 }, ctx, approval_id);
  await ctx.journal.intent(key, call.endpoint, [record]);
  const res = await ctx.client.call({ ...call, retryAmbiguous: true, signal: ctx.signal });
  if (await closedUnsent(res, [record], key, ctx)) return;
  await settle(key, record, await judge(record, res, state.reread), res, ctx, approval_id);
}

async function settle(key: string, record: NormalizedRecord, v: Verdict, res: CallResult, ctx: SubmitContext, approval_id: string | undefined): Promise<void> {
  const logId = res.logId;
  ctx.outcomes.set(record, v.status, {
    ...(approval_id ? { approval_id } : {}),
    ...(v.code !== undefined ? { error_code: String(v.code) } : {}),
    ...(v.message ? { message: v.message } : {}),
    ...(logId ? { log_id: logId } : {}),
  });
  const meta = { ...(logId ? { logId } : {}), ...(!res.ok && res.httpStatus ? { httpStatus: res.httpStatus } : {}) };
  // The journal has no "updated": `created` there means "this run made the change" (entries.ts is the file format).
  const journalStatus = v.status === 'updated' ? 'created' : v.status === 'unconfirmed' ? 'failed' : v.status;
  const done = v.status === 'updated' || v.status === 'exists';
  if (res.attempts > 0) {
    await ctx.journal.outcome(key, done ? 'ok' : 'failed', [
      { hash: record.hash, status: journalStatus, ...(approval_id ? { approval_id } : {}), ...(v.code !== undefined ? { code: v.code } : {}), ...(v.message && !done && !res.ok ? journalText(res.msg) : {}) },
    ], meta);
  }
  if (approval_id && done) await ctx.journal.process?.(approval_id, String(record.body.approval_type), Number(record.body.status), res, v.status === 'exists' || !res.ok);
  else if (approval_id && res.attempts > 0) await ctx.journal.process?.(approval_id, String(record.body.approval_type), Number(record.body.status), res, false);
}
