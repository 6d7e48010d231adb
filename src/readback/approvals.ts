// Reading leaves, overtime, trips and outs back from user_approvals/query (NOTES.md "Reading back"). The query
// answers one status at a time (default 2, approved); leaves and overtime can be asked for as 2 or 4 only, so those
// are the two states read: what an import writes, and what an undo or an admin leaves behind.
import type { Caller } from '../feishu/types.js';
import { APPROVAL_KEYS, type ApprovalKind, type EmployeeType } from '../types.js';
import { ReadBackError } from './errors.js';
import { queryCalls, type QueryCall, type Target } from './windows.js';

const QUERY = '/open-apis/attendance/v1/user_approvals/query';

export type ApprovalState = 2 | 4;

/** One approval item the server holds, in the create body's shape plus `approval_id`. */
export interface HeldApproval {
  kind: ApprovalKind;
  user_id: string;
  date: string;
  /** The status it was asked for (the answer's items carry none of their own). */
  status: ApprovalState;
  approval_id: string;
  idempotent_id: string;
  item: Record<string, unknown>;
}

const LISTS = Object.entries(APPROVAL_KEYS) as Array<[ApprovalKind, string]>;

/** Every item in `status` the server holds for these users and dates (whole windows: neighbours come along). */
export async function readApprovals(targets: readonly Target[], status: ApprovalState, client: Caller, employeeType: EmployeeType): Promise<HeldApproval[]> {
  // All at once: the client's limiter for this endpoint keeps them under the rate limit.
  const answers = await Promise.all(queryCalls(targets).map((c) => queryOne(c, status, client, employeeType)));
  return answers.flat();
}

async function queryOne(c: QueryCall, status: ApprovalState, client: Caller, employeeType: EmployeeType): Promise<HeldApproval[]> {
  const res = await client.call({
    endpoint: 'user_approvals_query',
    method: 'POST',
    path: QUERY,
    query: { employee_type: employeeType },
    body: { user_ids: c.user_ids, check_date_from: Number(c.from), check_date_to: Number(c.to), status },
    retryAmbiguous: true,
  });
  if (!res.ok) throw new ReadBackError('user_approvals/query', res.msg);
  const found: HeldApproval[] = [];
  const groups = (res.data as { user_approvals?: Array<Record<string, unknown>> } | undefined)?.user_approvals ?? [];
  for (const g of groups) {
    for (const [kind, key] of LISTS) {
      const items = g[key];
      if (!Array.isArray(items)) continue;
      for (const item of items as Array<Record<string, unknown>>) {
        found.push({
          kind,
          user_id: String(g.user_id),
          date: String(g.date),
          status,
          approval_id: String(item.approval_id ?? ''),
          idempotent_id: String(item.idempotent_id ?? ''),
          item,
        });
      }
    }
  }
  return found;
}
