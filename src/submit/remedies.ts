// Remedies have no idempotency key: user_task_remedys inserts a new record every time it is called. So before
// creating any, we ask the server what it already holds and match rows to it one-to-one; an ambiguous create
// (timeout, reset, 5xx after sending) is settled the same way before it is ever sent again.
import { t } from '../messages/index.js';
import type { NormalizedRecord, RemedyStatus } from '../types.js';
import { closedUnsent, errorText, type SubmitContext } from './context.js';

const CREATE = '/open-apis/attendance/v1/user_task_remedys';
const QUERY = '/open-apis/attendance/v1/user_task_remedys/query';
const PROCESS = '/open-apis/attendance/v1/approval_infos/process';
/** user_task_remedys/query takes at most 50 users per call. */
const USERS_PER_QUERY = 50;
/** Remedy states that mean "this remedy exists": pending 0, rejected 1, approved 2 (3 cancelled and 4 revoked do not). */
const LIVE_STATES = [0, 1, 2] as const;
const MAX_CREATE_ATTEMPTS = 3;

export interface ServerRemedy {
  approval_id: string;
  user_id: string;
  remedy_date: number;
  punch_no: number;
  work_type: number;
  remedy_time: string;
  status: number;
}

const keyOf = (r: { user_id: string; remedy_date: unknown; punch_no: unknown; work_type: unknown; remedy_time: unknown }) =>
  `${r.user_id}|${Number(r.remedy_date)}|${Number(r.punch_no)}|${Number(r.work_type)}|${String(r.remedy_time)}`;

/** Unix seconds of a yyyyMMdd date read as UTC, shifted by whole days. The margin of a day covers any time zone. */
function dayToUnix(yyyymmdd: string, shiftDays: number): number {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  return Date.UTC(y, m - 1, d + shiftDays) / 1000;
}

/** Everything the server holds for these users in the window around their remedy dates, in the live states. */
export async function queryRemedies(records: NormalizedRecord[], ctx: SubmitContext): Promise<ServerRemedy[] | null> {
  const users = [...new Set(records.map((r) => r.user_id))].sort();
  const dates = records.map((r) => r.date).sort();
  if (!users.length || !dates.length) return [];
  const from = String(dayToUnix(dates[0] ?? '', -1));
  const to = String(dayToUnix(dates[dates.length - 1] ?? '', 2));
  const found: ServerRemedy[] = [];
  for (let i = 0; i < users.length; i += USERS_PER_QUERY) {
    const user_ids = users.slice(i, i + USERS_PER_QUERY);
    for (const status of LIVE_STATES) {
      const res = await ctx.client.call({
        endpoint: 'user_task_remedys_query',
        method: 'POST',
        path: QUERY,
        query: { employee_type: ctx.employeeType },
        body: { user_ids, check_time_from: from, check_time_to: to, status },
        retryAmbiguous: true,
      });
      if (!res.ok) return null;
      const list = (res.data as { user_remedys?: ServerRemedy[] } | undefined)?.user_remedys ?? [];
      // The query filters by status already; keep it explicit in case a server ignores the filter.
      found.push(...list.filter((r) => r.status === status));
    }
  }
  return found;
}

/** A rejected remedy only stands for a row that wants it rejected: after an undo rejects it, a re-import creates it anew. */
const canStandFor = (server: ServerRemedy, wanted: RemedyStatus) => server.status !== 1 || wanted === 'rejected';

/** Pairs rows with server records one-to-one (same user, date, punch, type and time). */
export function matchRemedies(records: NormalizedRecord[], server: ServerRemedy[]): Map<NormalizedRecord, ServerRemedy> {
  const pool = new Map<string, ServerRemedy[]>();
  for (const s of server) {
    const k = keyOf(s);
    pool.set(k, [...(pool.get(k) ?? []), s]);
  }
  const matched = new Map<NormalizedRecord, ServerRemedy>();
  for (const r of records) {
    const candidates = pool.get(keyOf(r.body as Parameters<typeof keyOf>[0])) ?? [];
    const wanted = r.status ?? 'pending';
    const i = candidates.findIndex((s) => canStandFor(s, wanted));
    if (i >= 0) {
      matched.set(r, candidates[i] as ServerRemedy);
      candidates.splice(i, 1);
    }
  }
  return matched;
}

const TARGET: Record<RemedyStatus, number | undefined> = { pending: undefined, approved: 2, rejected: 1 };

/** Brings a pending remedy to the state the row asks for (approval_infos/process: 2 approve, 1 reject). */
async function settleStatus(record: NormalizedRecord, approval_id: string, current: number, ctx: SubmitContext): Promise<string | undefined> {
  const target = TARGET[record.status ?? 'pending'];
  if (target === undefined || target === current || current !== 0) return undefined;
  const res = await ctx.client.call({
    endpoint: 'approval_infos_process',
    method: 'POST',
    path: PROCESS,
    body: { approval_id, approval_type: 'remedy', status: target },
    retryAmbiguous: true,
  });
  return res.ok ? undefined : t('submit.remedyStatusFailed', { message: errorText(res) });
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
      ctx.outcomes.set(record, 'failed', { error_message: t('submit.ambiguous', { message: 'no answer' }) });
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
      ctx.outcomes.set(record, 'failed', { ...(res.code !== undefined ? { error_code: String(res.code) } : {}), error_message: errorText(res), ...(logId ? { log_id: logId } : {}) });
      await ctx.journal.outcome(key, 'failed', [{ hash: record.hash, status: 'failed', ...(res.code !== undefined ? { code: res.code } : {}), msg: res.msg }], meta);
      return;
    }
    // The server may or may not have written it: look before sending again.
    await ctx.journal.outcome(key, 'ambiguous', [], meta);
    const server = await queryRemedies([record], ctx);
    const found = server ? matchRemedies([record], server).get(record) : undefined;
    if (found) {
      approval_id = found.approval_id;
      current = found.status;
      await ctx.journal.outcome(key, 'ok', [{ hash: record.hash, status: 'exists', approval_id }], meta);
    } else if (!server) {
      ctx.outcomes.set(record, 'failed', { error_message: t('submit.ambiguous', { message: errorText(res) }), ...(logId ? { log_id: logId } : {}) });
      return;
    }
  }
  const statusError = await settleStatus(record, approval_id, current, ctx);
  ctx.outcomes.set(record, statusError ? 'failed' : status, { approval_id, ...(statusError ? { error_message: statusError } : {}), ...(logId ? { log_id: logId } : {}) });
}
