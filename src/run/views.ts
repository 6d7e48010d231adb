// The journal as the reconcile stage sees it: which approvals this state folder's runs wrote, how often a row's
// records were withdrawn, and, planning without credentials, what it says Feishu holds.
import type { JournalEntry, JournalView } from '../journal/index.js';
import type { HeldRecord, JournalFacts, ServerView } from '../reconcile/types.js';
import type { CreatingKind } from '../types.js';

/** Counted once per journal as loaded: a run in slices asks for them once per slice. */
const factsOf = new WeakMap<JournalView, JournalFacts>();

export function journalFacts(state: JournalView): JournalFacts {
  const known = factsOf.get(state);
  if (known) return known;
  const withdrawn = withdrawnTimes(state.entries);
  const facts: JournalFacts = {
    wrote: (approval_id) => state.locate(approval_id) !== undefined,
    withdrawnTimes: (hash) => withdrawn.get(hash) ?? 0,
  };
  factsOf.set(state, facts);
  return facts;
}

/**
 * What the journal says Feishu holds: every record confirmed written and not withdrawn since, approved (remedies: in
 * the state their rows asked for is unknown, so approved too), content unknown. Used by `plan` without credentials.
 */
export function journalServerView(state: JournalView, slice?: { has(user_id: string): boolean }): ServerView {
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

/**
 * hash → how many distinct approvals written for it no longer stand: their latest recorded status change is a
 * revoke (4), or was made by an undo run. The same rule as JournalState's `withdrawn`, counted.
 */
function withdrawnTimes(entries: readonly JournalEntry[]): Map<string, number> {
  const undoRuns = new Set<string>();
  const latest = new Map<string, { status: number; run: string }>();
  const approvals = new Map<string, Set<string>>();
  for (const e of entries) {
    if (e.t === 'run-start' && e.command === 'undo') undoRuns.add(e.run);
    if (e.t === 'process' && e.result !== 'failed') latest.set(e.approval_id, e);
    if (e.t !== 'outcome') continue;
    for (const r of e.records) {
      if ((r.status === 'created' || r.status === 'exists') && r.approval_id) approvals.set(r.hash, (approvals.get(r.hash) ?? new Set()).add(r.approval_id));
    }
  }
  const counts = new Map<string, number>();
  for (const [hash, ids] of approvals) {
    const n = [...ids].filter((id) => {
      const p = latest.get(id);
      return !!p && (p.status === 4 || undoRuns.has(p.run));
    }).length;
    if (n) counts.set(hash, n);
  }
  return counts;
}
