// POST /open-apis/attendance/v1/user_approvals/query?employee_type=…  (NOTES.md "Reading back")
// Answers the records of the asked users and dates, grouped per user and date in the create body's shape.
import type { RequestContext } from '../state.js';
import { Checker, dayNumber, type Json } from '../validate.js';
import { ITEM_LISTS } from './approval-items.js';
import { employeeType, success, userIds } from './common.js';
import { groupDay, unixSeconds } from './group-time.js';

const check: Checker = new Checker('attendance');
const MAX_DAYS = 30;

/** A window of yyyyMMdd days, both ends included, at most MAX_DAYS apart. */
function dayWindow(from: string, to: string, names: string): { from: string; to: string } {
  if (to < from) check.fail(`${names}: the end (${to}) is before the start (${from})`);
  if (dayNumber(to) - dayNumber(from) > MAX_DAYS) check.fail(`${names} must be at most ${MAX_DAYS} days apart`);
  return { from, to };
}

/**
 * The days asked for. check_date_from/to is the documented window; the official SDK's typings also allow
 * check_time_from/to (unix seconds), taken as the group days they fall on. Either pair will do; with both, a record
 * must be within both.
 */
function window(body: Json): { from: string; to: string } {
  const byTime = body.check_time_from !== undefined || body.check_time_to !== undefined;
  const byDate = body.check_date_from !== undefined || body.check_date_to !== undefined || !byTime;
  const windows: Array<{ from: string; to: string }> = [];
  if (byDate) {
    const from = check.dateInt(body.check_date_from, 'check_date_from');
    const to = check.dateInt(body.check_date_to, 'check_date_to');
    windows.push(dayWindow(from, to, 'check_date_from and check_date_to'));
  }
  if (byTime) {
    const from = unixSeconds(body.check_time_from, 'check_time_from');
    const to = unixSeconds(body.check_time_to, 'check_time_to');
    if (to < from) check.fail('check_time_to is before check_time_from');
    windows.push(dayWindow(groupDay(from), groupDay(to), 'check_time_from and check_time_to'));
  }
  return windows.reduce((a, b) => ({ from: a.from > b.from ? a.from : b.from, to: a.to < b.to ? a.to : b.to }));
}

export function handleApprovalsQuery({ state, query, body }: RequestContext): unknown {
  // Like the create endpoint (and the official SDK's typings), unlike the remedy endpoints, this one takes open_id.
  const employee_type = employeeType(query, ['employee_id', 'employee_no', 'open_id']);
  check.onlyKeys(body, 'body', ['user_ids', 'check_date_from', 'check_date_to', 'check_date_type', 'check_time_from', 'check_time_to', 'status']);
  const users = new Set(userIds(body.user_ids, state));
  const { from, to } = window(body);
  // PeriodTime / CreateTime / UpdateTime in the SDK's typings; the sandbox keeps no create or update times to filter on.
  check.string(body.check_date_type, 'check_date_type', false);
  // Omitted means approved (2) only, as documented; a client that wants revoked records too asks for 4 separately.
  const status = check.int(body.status, 'status', false, [0, 1, 2, 3, 4]) ?? 2;

  const groups = new Map<string, Json>();
  for (const rec of state.store.ofUsers(users)) {
    if (rec.kind === 'remedy' || rec.employee_type !== employee_type || !users.has(rec.user_id)) continue;
    if (rec.date < from || rec.date > to || rec.status !== status) continue;
    const key = `${rec.user_id}\u0000${rec.date}`;
    const group = groups.get(key) ?? { user_id: rec.user_id, date: rec.date };
    groups.set(key, group);
    const listKey = ITEM_LISTS.find((l) => l.kind === rec.kind)?.key ?? rec.kind;
    ((group[listKey] ??= []) as Json[]).push({ approval_id: rec.approval_id, ...rec.content, idempotent_id: rec.idempotent_id ?? '' });
  }
  const user_approvals = [...groups.values()].sort((a, b) =>
    `${String(a.user_id)}\u0000${String(a.date)}` < `${String(b.user_id)}\u0000${String(b.date)}` ? -1 : 1,
  );
  return success({ user_approvals });
}
