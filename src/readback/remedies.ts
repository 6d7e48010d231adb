// Reading remedies back from user_task_remedys/query (NOTES.md "Reading back"): one status per call, a window in
// unix seconds. The window's limit is not published, so every call spans at most 30 days; the remedy dates are
// widened by a day before and two after, which covers any attendance group's time zone and a punch on the next day.
import type { Caller } from '../feishu/types.js';
import type { EmployeeType } from '../types.js';
import { ReadBackError } from './errors.js';
import { DAYS_PER_QUERY, queryCalls, toDay, type Target } from './windows.js';

const QUERY = '/open-apis/attendance/v1/user_task_remedys/query';
const DAY_S = 86_400;
/** Days added before and after the remedy dates; the dates themselves are cut to leave room for them. */
const MARGIN_BEFORE = 1;
const MARGIN_AFTER = 2;

/** 0 pending, 1 rejected, 2 approved, 3 cancelled, 4 revoked. */
export type RemedyState = 0 | 1 | 2 | 3 | 4;

export interface ServerRemedy {
  approval_id: string;
  user_id: string;
  remedy_date: number;
  punch_no: number;
  work_type: number;
  remedy_time: string;
  status: number;
}

/** Every remedy in one of `statuses` the server holds for these users around these dates. */
export async function readRemedies(targets: readonly Target[], statuses: readonly RemedyState[], client: Caller, employeeType: EmployeeType): Promise<ServerRemedy[]> {
  const calls = queryCalls(targets, DAYS_PER_QUERY - MARGIN_BEFORE - MARGIN_AFTER);
  const answers = await Promise.all(calls.flatMap((c) => statuses.map((status) => queryOne(c.user_ids, c.from, c.to, status, client, employeeType))));
  const seen = new Set<string>();
  // Windows of neighbouring batches never overlap in users, but a server may repeat a record across statuses.
  return answers.flat().filter((r) => !seen.has(r.approval_id) && !!seen.add(r.approval_id));
}

async function queryOne(user_ids: string[], from: string, to: string, status: RemedyState, client: Caller, employeeType: EmployeeType): Promise<ServerRemedy[]> {
  const res = await client.call({
    endpoint: 'user_task_remedys_query',
    method: 'POST',
    path: QUERY,
    query: { employee_type: employeeType },
    body: {
      user_ids,
      check_time_from: String((toDay(from) - MARGIN_BEFORE) * DAY_S),
      check_time_to: String((toDay(to) + MARGIN_AFTER) * DAY_S),
      status,
    },
    retryAmbiguous: true,
  });
  if (!res.ok) throw new ReadBackError('user_task_remedys/query', res.msg);
  const list = (res.data as { user_remedys?: ServerRemedy[] } | undefined)?.user_remedys ?? [];
  // The query filters by status already; kept explicit in case a server ignores the filter.
  return list.filter((r) => r.status === status);
}
