// Confirming remedies after the writes: each row's remedy (by approval_id) must read back in the state the row asks
// for (pending rows: any live state, since an approver may have decided meanwhile). A remedy that reads back in no
// live state, or still pending when the row asked for a decision, is `unconfirmed`; a failed decision that reads
// back done after all (its answer was lost) is settled as done.
import { readRemedies } from '../readback/remedies.js';
import type { SubmitContext } from '../submit/context.js';
import { stateName } from '../submit/remedies.js';
import type { NormalizedRecord } from '../types.js';
import type { ConfirmCounts } from './approvals.js';
import { ref, said } from '../messages/said.js';
import { withoutMessage } from '../submit/outcomes.js';

const WANTED = { pending: undefined, approved: 2, rejected: 1 } as const;

export async function confirmRemedies(records: readonly NormalizedRecord[], ctx: SubmitContext, counts: ConfirmCounts): Promise<void> {
  const rows = records.filter((r) => {
    const o = ctx.outcomes.get(r.ref);
    return !!o?.approval_id && (o.status === 'created' || o.status === 'exists' || o.status === 'failed');
  });
  if (!rows.length) return;
  const held = new Map((await readRemedies(rows, [0, 1, 2], ctx.client, ctx.employeeType)).map((h) => [h.approval_id, h.status]));
  for (const r of rows) {
    const o = ctx.outcomes.get(r.ref);
    if (!o?.approval_id) continue;
    const now = held.get(o.approval_id);
    const wanted = WANTED[r.status ?? 'pending'];
    const reached = now !== undefined && (wanted === undefined || now === wanted);
    if (reached) {
      counts.confirmed++;
      if (o.status === 'failed') ctx.outcomes.setRaw({ ...withoutMessage(o), status: 'exists' });
      continue;
    }
    // A failed row keeps the reason it failed with (e.g. the state it cannot reach): it was not claimed done.
    if (o.status === 'failed') continue;
    counts.unconfirmed++;
    const state = now === undefined ? ref('confirm.missingState') : stateName(now);
    ctx.outcomes.setRaw({ ...o, status: 'unconfirmed', ...said('confirm.remedyUnconfirmed', { approval_id: o.approval_id, state, wanted: r.status ?? 'pending' }) });
  }
}
