// What Feishu holds in a run's scope, as the reconcile stage reads it: approved leaves, overtime, trips and outs, and
// pending, rejected and approved remedies, of the scope's users over its dates (50 users × ≤ 30 days a call).
import type { Caller } from '../feishu/types.js';
import type { HeldRecord, Scope, ServerView } from '../reconcile/types.js';
import type { EmployeeType } from '../types.js';
import { readApprovals } from './approvals.js';
import { readRemedies, type ServerRemedy } from './remedies.js';
import { DAYS_PER_QUERY, fromDay, toDay, type Target } from './windows.js';

/** One target per user every 30 days from the scope's first date, and its last: windows then cover every day. */
function targets(scope: Scope): Target[] {
  if (!scope.from || !scope.to) return [];
  const days: string[] = [];
  for (let d = toDay(scope.from); d <= toDay(scope.to); d += DAYS_PER_QUERY) days.push(fromDay(d));
  days.push(scope.to);
  return [...scope.users].flatMap((user_id) => days.map((date) => ({ user_id, date })));
}

export const heldRemedy = (r: ServerRemedy): HeldRecord => ({
  kind: 'remedies',
  user_id: r.user_id,
  date: String(r.remedy_date),
  approval_id: r.approval_id,
  status: r.status,
  content: { ...r },
});

export const asServerRemedy = (h: HeldRecord): ServerRemedy => ({
  approval_id: h.approval_id,
  user_id: h.user_id,
  remedy_date: Number(h.content.remedy_date ?? h.date),
  punch_no: Number(h.content.punch_no),
  work_type: Number(h.content.work_type),
  remedy_time: String(h.content.remedy_time ?? ''),
  status: h.status,
});

/** Throws ReadBackError when a query fails. */
export async function readServerView(scope: Scope, want: { approvals: boolean; remedies: boolean }, client: Caller, employeeType: EmployeeType): Promise<ServerView> {
  const at = targets(scope);
  const [approvals, remedies] = await Promise.all([
    want.approvals && at.length ? readApprovals(at, 2, client, employeeType) : [],
    want.remedies && at.length ? readRemedies(at, [0, 1, 2], client, employeeType) : [],
  ]);
  const records: HeldRecord[] = [
    ...approvals.map((a): HeldRecord => ({ kind: a.kind, user_id: a.user_id, date: a.date, approval_id: a.approval_id, idempotent_id: a.idempotent_id, status: 2, content: a.item })),
    ...remedies.map(heldRemedy),
  ];
  return { records, source: 'server' };
}
