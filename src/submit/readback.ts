// Reading back what the server holds, to settle answers we could not trust (a timeout after sending, a refused
// repeat of an idempotent_id) without ever writing a record twice.
import { approvalIdsOf } from './approvals.js';
import type { SubmitContext } from './context.js';

/** approval_id per idempotent_id of what the server holds for one user on one date; null when the read failed. */
export async function readBackApprovals(user_id: string, date: string, ctx: SubmitContext): Promise<Map<string, string> | null> {
  const res = await ctx.client.call({
    endpoint: 'user_approvals_query',
    method: 'POST',
    path: '/open-apis/attendance/v1/user_approvals/query',
    query: { employee_type: ctx.employeeType },
    body: { user_ids: [user_id], check_date_from: Number(date), check_date_to: Number(date) },
    retryAmbiguous: true,
  });
  if (!res.ok) return null;
  const found = new Map<string, string>();
  const list = (res.data as { user_approvals?: unknown[] } | undefined)?.user_approvals ?? [];
  for (const ua of list) for (const [k, v] of approvalIdsOf({ user_approval: ua })) found.set(k, v);
  return found;
}
