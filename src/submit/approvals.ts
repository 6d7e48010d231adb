// One user+date group → POST user_approvals, and what each answer means for each of its rows.
// Every record carries an idempotent_id, so resending a group is safe; what is not safe is trusting a single
// answer for the whole group: 1225001 names the failing records, and the rest must still be written.
import { parseErrorRecords } from '../feishu/errors.js';
import { approvalBody } from '../plan/plan.js';
import { APPROVAL_KEYS, type ApprovalKind, type NormalizedRecord } from '../types.js';
import { closedUnsent, failureMessage, journalText, type CallResult, type SubmitContext } from './context.js';
import { readApprovals } from '../readback/approvals.js';
import { ReadBackError } from '../readback/errors.js';
import { ref, said, type MessageRef } from '../messages/said.js';

const PATH = '/open-apis/attendance/v1/user_approvals';
/** A group is resent at most this often after partial failures (each round removes at least one record). */
const MAX_ROUNDS = 5;

const idemOf = (r: NormalizedRecord) => String(r.body.idempotent_id ?? '');

/** approval_id per idempotent_id in a create (or query) answer. */
export function approvalIdsOf(data: unknown): Map<string, string> {
  const ids = new Map<string, string>();
  const ua = (data as { user_approval?: Record<string, unknown> } | undefined)?.user_approval;
  if (!ua) return ids;
  for (const key of Object.values(APPROVAL_KEYS)) {
    const items = ua[key];
    if (!Array.isArray(items)) continue;
    for (const it of items as Array<{ idempotent_id?: string; approval_id?: string }>) {
      if (it.idempotent_id && it.approval_id) ids.set(it.idempotent_id, it.approval_id);
    }
  }
  return ids;
}

export async function sendApprovalGroup(key: string, records: NormalizedRecord[], ctx: SubmitContext): Promise<void> {
  const first = records[0];
  if (!first) return;
  const { user_id, date } = first;
  let pending = records;
  for (let round = 0; pending.length > 0; round++) {
    if (round >= MAX_ROUNDS) {
      for (const r of pending) ctx.outcomes.set(r, 'failed', { ...said('submit.tooManyRounds') });
      return;
    }
    // Every round reuses the group's key, so whichever later run settles the group also closes an intent left open here.
    const reqKey = key;
    await ctx.journal.intent(reqKey, 'user_approvals', pending);
    const res = await ctx.client.call({
      endpoint: 'user_approvals',
      method: 'POST',
      path: PATH,
      query: { employee_type: ctx.employeeType },
      body: approvalBody(user_id, date, pending),
      retryAmbiguous: true,
      signal: ctx.signal,
    });
    const logId = res.logId;
    if (await closedUnsent(res, pending, reqKey, ctx)) return;
    if (res.ok) {
      const ids = approvalIdsOf(res.data);
      const settled = pending.map((r) => {
        const approval_id = ids.get(idemOf(r));
        ctx.outcomes.set(r, 'created', { ...(approval_id ? { approval_id } : {}), ...(logId ? { log_id: logId } : {}) });
        return { hash: r.hash, status: 'created' as const, ...(approval_id ? { approval_id } : {}) };
      });
      await ctx.journal.outcome(reqKey, 'ok', settled, { ...(logId ? { logId } : {}) });
      return;
    }
    const meta = { ...(logId ? { logId } : {}), ...(res.httpStatus ? { httpStatus: res.httpStatus } : {}) };
    const failedRows = parseFailedRows(res, pending);
    if (failedRows) {
      // 1225001: the server wrote nothing; the named records failed, the others go again without them.
      for (const [r, said] of failedRows) ctx.outcomes.set(r, 'failed', { error_code: String(res.code), message: typeof said === 'string' ? ref('feishu.said', { message: said }) : said, ...(logId ? { log_id: logId } : {}) });
      await ctx.journal.outcome(reqKey, 'failed', [...failedRows].map(([r, said]) => ({ hash: r.hash, status: 'failed' as const, code: res.code ?? 0, ...journalText(said) })), meta);
      pending = pending.filter((r) => !failedRows.has(r));
      continue;
    }
    if (res.code === 1225001 && pending.length > 1) {
      // 1225001 in a shape we cannot attribute: nothing was written; each record alone gets its own verdict.
      await ctx.journal.outcome(reqKey, 'failed', [], meta);
      for (const r of pending) await sendApprovalGroup(`${key}:${r.hash}`, [r], ctx);
      return;
    }
    if (res.kind === 'business' || res.ambiguous) {
      // A refusal may be how this server answers ids it has already seen (NOTES.md: unknown), and an ambiguous answer
      // may hide a write: which records Feishu holds is read back, not guessed from the refusal's words.
      const found = await readBackGroup(user_id, date, ctx);
      const present = pending.filter((r) => found.has(idemOf(r)));
      for (const r of present) ctx.outcomes.set(r, 'exists', { approval_id: found.get(idemOf(r)) ?? '', ...(logId ? { log_id: logId } : {}) });
      if (present.length > 0) {
        await ctx.journal.outcome(reqKey, 'ok', present.map((r) => ({ hash: r.hash, status: 'exists' as const, approval_id: found.get(idemOf(r)) ?? '' })), meta);
        pending = pending.filter((r) => !found.has(idemOf(r)));
        continue;
      }
    }
    if (res.ambiguous) {
      const message = ref('submit.ambiguous', { message: failureMessage(res) });
      for (const r of pending) ctx.outcomes.set(r, 'failed', { error_code: res.code !== undefined ? String(res.code) : 'network', message, ...(logId ? { log_id: logId } : {}) });
      await ctx.journal.outcome(reqKey, 'ambiguous', [], meta);
      return;
    }
    for (const r of pending) ctx.outcomes.set(r, 'failed', { ...(res.code !== undefined ? { error_code: String(res.code) } : {}), message: failureMessage(res), ...(logId ? { log_id: logId } : {}) });
    await ctx.journal.outcome(reqKey, 'failed', pending.map((r) => ({ hash: r.hash, status: 'failed' as const, ...(res.code !== undefined ? { code: res.code } : {}), ...journalText(res.msg) })), meta);
    return;
  }
}

/**
 * For 1225001: the records the server named, each with Feishu's own text for it (or the request's message when it
 * gave none); null when the answer names none we can match.
 */
function parseFailedRows(res: Extract<CallResult, { ok: false }>, pending: NormalizedRecord[]): Map<NormalizedRecord, string | MessageRef> | null {
  if (res.code !== 1225001) return null;
  const parsed = parseErrorRecords(typeof res.msg === 'string' ? res.msg : '', res.data);
  if (!parsed) return null;
  const failed = new Map<NormalizedRecord, string | MessageRef>();
  for (const kind of Object.keys(APPROVAL_KEYS) as ApprovalKind[]) {
    for (const item of parsed[kind] ?? []) {
      const match = pending.find((r) => r.kind === kind && !failed.has(r) && (item.idempotent_id ? idemOf(r) === item.idempotent_id : r.body.start_time === item.start_time && r.body.end_time === item.end_time));
      if (match) failed.set(match, item.error_msg || failureMessage(res));
    }
  }
  return failed.size > 0 ? failed : null;
}

/** approval_id per idempotent_id of the approved records the server holds for one user on one date (empty when the read failed). */
async function readBackGroup(user_id: string, date: string, ctx: SubmitContext): Promise<Map<string, string>> {
  try {
    const held = await readApprovals([{ user_id, date }], 2, ctx.client, ctx.employeeType);
    return new Map(held.filter((h) => h.user_id === user_id && h.date === date).map((h) => [h.idempotent_id, h.approval_id]));
  } catch (e) {
    if (e instanceof ReadBackError) return new Map();
    throw e;
  }
}
