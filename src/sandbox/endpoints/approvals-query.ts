// POST /open-apis/attendance/v1/user_approvals/query?employee_type=…  (NOTES.md "Reading back")
// Answers the records of the asked users and dates, grouped per user and date in the create body's shape.
import type { RequestContext } from '../state.js';
import { Checker, dayNumber, type Json } from '../validate.js';
import { ITEM_LISTS } from './approval-items.js';
import { employeeType, success, userIds } from './common.js';

const check: Checker = new Checker('attendance');
const MAX_DAYS = 30;

export function handleApprovalsQuery({ state, query, body }: RequestContext): unknown {
  const employee_type = employeeType(query, ['employee_id', 'employee_no']);
  check.onlyKeys(body, 'body', ['user_ids', 'check_date_from', 'check_date_to', 'status']);
  const users = new Set(userIds(body.user_ids, state));
  const from = check.dateInt(body.check_date_from, 'check_date_from');
  const to = check.dateInt(body.check_date_to, 'check_date_to');
  if (to < from) check.fail(`check_date_to (${to}) is before check_date_from (${from})`);
  if (dayNumber(to) - dayNumber(from) > MAX_DAYS) check.fail(`check_date_from and check_date_to must be at most ${MAX_DAYS} days apart`);
  // Omitted means approved (2) only, as documented; a client that wants revoked records too asks for 4 separately.
  const status = check.int(body.status, 'status', false, [0, 1, 2, 3, 4]) ?? 2;

  const groups = new Map<string, Json>();
  for (const rec of state.store.records) {
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
