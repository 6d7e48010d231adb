// Reading leaves, overtime, trips and outs back: user_approvals/query takes at most 30 days and (like the remedy
// query) 50 users per call, so the rows' dates are cut into 30-day windows and their users into batches of 50.
import { ConfigError } from '../errors.js';
import type { Caller } from '../submit/context.js';
import { t } from '../messages/index.js';
import { APPROVAL_KEYS, type ApprovalKind, type EmployeeType, type NormalizedRecord } from '../types.js';

const QUERY = '/open-apis/attendance/v1/user_approvals/query';
const USERS_PER_QUERY = 50;
const DAYS_PER_QUERY = 30;
/** Approved: what an import writes. Revoked (4) records no longer count as present, so they are not asked for. */
const APPROVED = 2;

/** One approval item the server holds, in the create body's shape plus `approval_id`. */
export interface ServerApproval {
  kind: ApprovalKind;
  user_id: string;
  date: string;
  item: Record<string, unknown>;
}

const DAY_MS = 86_400_000;
const toDay = (yyyymmdd: string) => Date.UTC(Number(yyyymmdd.slice(0, 4)), Number(yyyymmdd.slice(4, 6)) - 1, Number(yyyymmdd.slice(6, 8))) / DAY_MS;
const fromDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10).replace(/-/g, '');

/**
 * Consecutive windows of at most `days` days (both ends included) from the earliest to the latest date, leaving
 * out windows that hold none of the dates: one stray row a year away costs one more call, not twelve.
 */
export function dateWindows(dates: readonly string[], days = DAYS_PER_QUERY): Array<{ from: string; to: string }> {
  const sorted = [...new Set(dates.map(toDay))].sort((a, b) => a - b);
  const windows: Array<{ from: string; to: string }> = [];
  for (const day of sorted) {
    const last = windows[windows.length - 1];
    if (last && day <= toDay(last.to)) continue;
    // Windows start at the first date not yet covered, so each holds at least one date.
    windows.push({ from: fromDay(day), to: fromDay(day + days - 1) });
  }
  return windows;
}

function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const LISTS = Object.entries(APPROVAL_KEYS) as Array<[ApprovalKind, string]>;

/** Every approved item the server holds for the users and dates of these records. */
export async function queryApprovals(records: readonly NormalizedRecord[], client: Caller, employeeType: EmployeeType): Promise<ServerApproval[]> {
  const calls: Array<{ user_ids: string[]; from: string; to: string }> = [];
  const users = [...new Set(records.map((r) => r.user_id))].sort();
  for (const user_ids of batches(users, USERS_PER_QUERY)) {
    const inBatch = new Set(user_ids);
    for (const w of dateWindows(records.filter((r) => inBatch.has(r.user_id)).map((r) => r.date))) calls.push({ user_ids, ...w });
  }
  // All at once: the client's limiter for this endpoint keeps them under the rate limit.
  const answers = await Promise.all(calls.map((c) => queryOne(c, client, employeeType)));
  return answers.flat();
}

async function queryOne(c: { user_ids: string[]; from: string; to: string }, client: Caller, employeeType: EmployeeType): Promise<ServerApproval[]> {
  const res = await client.call({
    endpoint: 'user_approvals_query',
    method: 'POST',
    path: QUERY,
    query: { employee_type: employeeType },
    body: { user_ids: c.user_ids, check_date_from: Number(c.from), check_date_to: Number(c.to), status: APPROVED },
    retryAmbiguous: true,
  });
  if (!res.ok) throw new ConfigError(t('verify.queryFailed', { endpoint: 'user_approvals/query', message: res.msg }));
  const found: ServerApproval[] = [];
  const groups = (res.data as { user_approvals?: Array<Record<string, unknown>> } | undefined)?.user_approvals ?? [];
  for (const g of groups) {
    for (const [kind, key] of LISTS) {
      const items = g[key];
      if (!Array.isArray(items)) continue;
      for (const item of items as Array<Record<string, unknown>>) found.push({ kind, user_id: String(g.user_id), date: String(g.date), item });
    }
  }
  return found;
}
