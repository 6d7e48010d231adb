// Sending one status update (approval_infos/process) or one CoreHR decision, and what its answer means for the row.
// Both are safe to resend: asked twice, the server refuses the second move as "already in that state" (status
// updates) or "already processed" (1161001), and both end as `exists`. So ambiguous failures are simply retried.
import { lifecycleCall } from '../plan/lifecycle.js';
import type { NormalizedRecord, RowStatus } from '../types.js';
import { closedUnsent, errorText, type CallResult, type SubmitContext } from './context.js';

/** CoreHR: 1161001 the task was already processed; 1161005 the node was decided meanwhile (another approver). */
const COREHR_SETTLED: ReadonlySet<number> = new Set([1161001, 1161005]);

/**
 * The approval's status named in a refused approval_infos/process ("…: current status 2, requested 4", as the sandbox
 * words it; Feishu's wording is not documented). undefined when the answer says nothing we can read.
 */
export function currentStatusOf(res: CallResult): number | undefined {
  if (res.ok || res.code !== 1220001) return undefined;
  const m = /current status:?\s*(\d+)/i.exec(res.msg);
  return m ? Number(m[1]) : undefined;
}

type Verdict = { status: Extract<RowStatus, 'updated' | 'exists' | 'failed'>; message?: string; code?: number };

/** What an answer means for the row it carried. */
function judge(record: NormalizedRecord, res: CallResult): Verdict {
  if (res.ok) return { status: 'updated' };
  if (record.kind === 'approval_status' && currentStatusOf(res) === record.body.status) return { status: 'exists' };
  // Kept as the row's message: the user should know that someone else decided (1161005), or how it was decided.
  if (record.kind === 'corehr_approvals' && res.code !== undefined && COREHR_SETTLED.has(res.code)) return { status: 'exists', message: errorText(res), code: res.code };
  return { status: 'failed', message: errorText(res), ...(res.code !== undefined ? { code: res.code } : {}) };
}

export async function sendLifecycle(key: string, record: NormalizedRecord, ctx: SubmitContext): Promise<void> {
  const call = lifecycleCall(record);
  await ctx.journal.intent(key, call.endpoint, [record]);
  const res = await ctx.client.call({ ...call, retryAmbiguous: true, signal: ctx.signal });
  const logId = res.logId;
  if (await closedUnsent(res, [record], key, ctx)) return;
  const v = judge(record, res);
  const approval_id = record.kind === 'approval_status' ? String(record.body.approval_id) : undefined;
  ctx.outcomes.set(record, v.status, {
    ...(approval_id ? { approval_id } : {}),
    ...(v.code !== undefined ? { error_code: String(v.code) } : {}),
    ...(v.message ? { error_message: v.message } : {}),
    ...(logId ? { log_id: logId } : {}),
  });
  const meta = { ...(logId ? { logId } : {}), ...(!res.ok && res.httpStatus ? { httpStatus: res.httpStatus } : {}) };
  // The journal has no "updated": `created` there means "this run made the change" (entries.ts is the file format).
  const journalStatus = v.status === 'updated' ? 'created' : v.status;
  await ctx.journal.outcome(key, v.status === 'failed' ? 'failed' : 'ok', [
    { hash: record.hash, status: journalStatus, ...(approval_id ? { approval_id } : {}), ...(v.code !== undefined ? { code: v.code } : {}), ...(v.message && v.status === 'failed' && !res.ok ? { msg: res.msg } : {}) },
  ], meta);
  if (approval_id) await ctx.journal.process?.(approval_id, String(record.body.approval_type), Number(record.body.status), res, v.status === 'exists');
}
