// The verify step of apply: after the writes, read back every record of the run's users and dates and settle each
// row from what Feishu holds (README "Verify after apply"). Runs on the query endpoints' own rate limits.
import { ReadBackError } from '../readback/errors.js';
import type { SubmitContext } from '../submit/context.js';
import { isLifecycleKind, type NormalizedRecord } from '../types.js';
import { confirmApprovals, type ConfirmCounts } from './approvals.js';
import { confirmRemedies } from './remedies.js';
import { said } from '../messages/said.js';

export type { ConfirmCounts };

export async function confirmWrites(records: readonly NormalizedRecord[], ctx: SubmitContext): Promise<ConfirmCounts> {
  const counts: ConfirmCounts = { confirmed: 0, rewritten: 0, unconfirmed: 0 };
  const approvals = records.filter((r) => r.kind !== 'remedies' && !isLifecycleKind(r.kind));
  const remedies = records.filter((r) => r.kind === 'remedies');
  await Promise.all([
    guarded(approvals, ctx, counts, () => confirmApprovals(approvals, ctx, counts)),
    guarded(remedies, ctx, counts, () => confirmRemedies(remedies, ctx, counts)),
  ]);
  return counts;
}

/** A read-back that fails leaves the rows it was for unconfirmed (with the reason), never claimed done. */
async function guarded(rows: readonly NormalizedRecord[], ctx: SubmitContext, counts: ConfirmCounts, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (e) {
    if (!(e instanceof ReadBackError)) throw e;
    for (const r of rows) {
      const o = ctx.outcomes.get(r.ref);
      if (o?.status !== 'created' && o?.status !== 'exists') continue;
      counts.unconfirmed++;
      ctx.outcomes.setRaw({ ...o, status: 'unconfirmed', ...said('confirm.readFailed', { message: e.said }) });
    }
  }
}
