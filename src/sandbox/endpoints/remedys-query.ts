// POST /open-apis/attendance/v1/user_task_remedys/query?employee_type=…  (NOTES.md "Reading back")
import type { RequestContext } from '../state.js';
import { Checker } from '../validate.js';
import { employeeType, success, userIds } from './common.js';

const check: Checker = new Checker('attendance');

/**
 * remedy_time is wall-clock time of the employee's attendance group; the sandbox puts every group in UTC+8
 * (China, no daylight saving) to compare it with the unix-second window.
 */
const GROUP_OFFSET_SECONDS = 8 * 3600;

function unixSeconds(v: unknown, path: string): number {
  const s = check.requiredString(v, path);
  if (!/^\d{1,11}$/.test(s)) check.fail(`${path} must be unix seconds as a string, got "${s}"`);
  return Number(s);
}

function remedyEpoch(remedyTime: string): number {
  const [d, t] = remedyTime.split(' ');
  const [y, mo, da] = (d ?? '').split('-').map(Number);
  const [h, mi] = (t ?? '').split(':').map(Number);
  return Date.UTC(y ?? 0, (mo ?? 1) - 1, da ?? 1, h ?? 0, mi ?? 0) / 1000 - GROUP_OFFSET_SECONDS;
}

export function handleRemedysQuery({ state, query, body }: RequestContext): unknown {
  const employee_type = employeeType(query, ['employee_id', 'employee_no']);
  check.onlyKeys(body, 'body', ['user_ids', 'check_time_from', 'check_time_to', 'status']);
  const users = new Set(userIds(body.user_ids, state));
  const from = unixSeconds(body.check_time_from, 'check_time_from');
  const to = unixSeconds(body.check_time_to, 'check_time_to');
  if (to < from) check.fail('check_time_to is before check_time_from');
  // Omitted means approved (2) only, as documented: reconciling pending remedies needs its own call with status 0.
  const status = check.int(body.status, 'status', false, [0, 1, 2, 3, 4]) ?? 2;

  const user_remedys = state.store.records
    .filter((r) => r.kind === 'remedy' && r.employee_type === employee_type && users.has(r.user_id) && r.status === status)
    .filter((r) => {
      const at = remedyEpoch(String(r.content.remedy_time));
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
