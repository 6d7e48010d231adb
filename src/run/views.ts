// The journal as the reconcile stage sees it: which approvals this state folder's runs wrote, how often a row's
// records were withdrawn, and, planning without credentials, what it says Feishu holds.
import type { JournalQueries } from '../journal/index.js';
import type { HeldRecord, JournalFacts, ServerView } from '../reconcile/types.js';
import type { CreatingKind } from '../types.js';

export function journalFacts(state: JournalQueries): JournalFacts {
  return {
    wrote: (approval_id) => state.locate(approval_id) !== undefined,
    withdrawnTimes: (hash) => state.withdrawnTimes(hash),
  };
}

/**
 * What the journal says Feishu holds: every record confirmed written and not withdrawn since, approved (remedies: in
 * the state their rows asked for is unknown, so approved too), content unknown. Used by `plan` without credentials.
 */
export function journalServerView(state: JournalQueries, slice?: { has(user_id: string): boolean }): ServerView {
  const standing = state.standing();
  const records = (slice ? standing.filter((s) => slice.has(s.where.user_id)) : standing).map(
    (s): HeldRecord => ({
      kind: s.where.kind as CreatingKind,
      user_id: s.where.user_id,
      date: s.where.date,
      approval_id: s.approval_id,
      ...(s.record.idempotent_id ? { idempotent_id: s.record.idempotent_id } : {}),
      status: 2,
      content: {},
      hash: s.hash,
    }),
  );
  return { records, source: 'journal' };
}
