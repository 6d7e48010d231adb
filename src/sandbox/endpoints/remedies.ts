// POST /open-apis/attendance/v1/user_task_remedys?employee_type=…
// Creates a remedy in state 0 (pending). There is no idempotency key: the same body sent twice makes two records.
import { ApiError } from '../reply.js';
import type { RequestContext } from '../state.js';
import { Checker } from '../validate.js';
import { employeeType, requireUser, success } from './common.js';

const check: Checker = new Checker('attendance');

const REMEDY_ERRORS: Record<number, string> = {
  1226501: 'no need remedy',
  1226502: 'not allowed remedy',
  1226503: 'approval time beyond the time range',
  1226504: 'no remedy time left',
};

export function handleRemedy({ state, query, body }: RequestContext): unknown {
  // The page takes employee_id and employee_no only: open_id stays refused here, unlike user_approvals.
  const employee_type = employeeType(query, ['employee_id', 'employee_no']);
  check.onlyKeys(body, 'body', ['user_id', 'remedy_date', 'punch_no', 'work_type', 'remedy_time', 'reason', 'time']);
  const user_id = check.requiredString(body.user_id, 'user_id');
  const date = check.dateInt(body.remedy_date, 'remedy_date');
  const punch_no = check.requiredInt(body.punch_no, 'punch_no', [0, 1, 2]);
  const work_type = check.requiredInt(body.work_type, 'work_type', [0, 1, 2]);
  // Any valid time, whatever its day: the page has no rule tying it to remedy_date, and a night shift's off-duty
  // punch falls on the next day.
  const remedy_time = check.minuteTime(body.remedy_time, 'remedy_time');
  const reason = check.requiredString(body.reason, 'reason');
  check.string(body.time, 'time', false);
  requireUser(state, user_id);

  const refusal = state.rejectRemedyWhen?.(body, user_id);
  if (refusal !== undefined) throw new ApiError(400, refusal, REMEDY_ERRORS[refusal] ?? 'remedy refused');

  const rec = state.store.add({ kind: 'remedy', user_id, date, status: 0, content: structuredClone(body), employee_type });
  return success({
    user_remedy: {
      user_id, remedy_date: Number(date), punch_no, work_type, approval_id: rec.approval_id, remedy_time,
      status: rec.status, reason, time: '-', time_zone: '-', create_time: '-', update_time: '-',
    },
  });
}
