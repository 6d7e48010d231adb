// POST /open-apis/attendance/v1/user_task_remedys/query?employee_type=…  (NOTES.md "Reading back")
import type { RequestContext } from '../state.js';
import { Checker } from '../validate.js';
import { employeeType, success, userIds } from './common.js';
import { unixSeconds, wallClockEpoch } from './group-time.js';

const check: Checker = new Checker('attendance');
const DAY_SECONDS = 86_400;

export function handleRemedysQuery({ state, query, body }: RequestContext): unknown {
  // The remedy pages take employee_id and employee_no only (no open_id), unlike user_approvals.
  const employee_type = employeeType(query, ['employee_id', 'employee_no']);
  check.onlyKeys(body, 'body', ['user_ids', 'check_time_from', 'check_time_to', 'check_date_type', 'status']);
  const users = new Set(userIds(body.user_ids, state));
  const from = unixSeconds(body.check_time_from, 'check_time_from');
  const to = unixSeconds(body.check_time_to, 'check_time_to');
  if (to < from) check.fail('check_time_to is before check_time_from');
  // The window limit is not published (NOTES.md): the dialect says whether there is one.
  const maxDays = state.dialect.remedyQueryMaxDays;
  if (maxDays !== undefined && to - from > maxDays * DAY_SECONDS) {
    check.fail(`check_time_from and check_time_to must be at most ${maxDays} days apart`);
  }
  // In the official SDK's typings (PeriodTime / CreateTime / UpdateTime); the sandbox keeps no create or update times.
  check.string(body.check_date_type, 'check_date_type', false);
  // Omitted means approved (2) only, as documented: reconciling pending remedies needs its own call with status 0.
  const status = check.int(body.status, 'status', false, [0, 1, 2, 3, 4]) ?? 2;

  const user_remedys = state.store
    .ofUsers(users)
    .filter((r) => r.kind === 'remedy' && r.employee_type === employee_type && users.has(r.user_id) && r.status === status)
    .filter((r) => {
      const at = wallClockEpoch(String(r.content.remedy_time));
      return at >= from && at <= to;
    })
    .map((r) => ({
      user_id: r.user_id,
      remedy_date: Number(r.date),
      punch_no: r.content.punch_no,
      work_type: r.content.work_type,
      approval_id: r.approval_id,
      remedy_time: r.content.remedy_time,
      status: r.status,
      reason: r.content.reason,
      time: '-',
      time_zone: '-',
      create_time: '-',
      update_time: '-',
    }));
  return success({ user_remedys });
}
