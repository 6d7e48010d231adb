// reconcile: what the inputs want against what the journal and Feishu hold → one action per row and per held record
// in scope. Pure: no network, no disk, no clock; tested with in-memory views. plan draws its answer, apply executes it.
import { isLifecycleKind, type NormalizedRecord } from '../types.js';
import { reconcileApprovals } from './approvals.js';
import { isOwnIdFormat } from './family.js';
import { reconcileRemedies } from './remedies.js';
import type { HeldRecord, JournalFacts, Reconciliation, RecordAction, RowAction, Scope, ServerView } from './types.js';

export type * from './types.js';
export { fieldChanges, sameValue } from './diff.js';
export { generation, isOwnIdFormat, nextId } from './family.js';
export { matchRemedies, type RemedyLike } from './remedies.js';

const inScope = (h: HeldRecord, scope: Scope) => scope.users.has(h.user_id) && h.date >= scope.from && h.date <= scope.to;
/** Still standing: pending or approved (rejected, cancelled and revoked records are gone). */
const live = (h: HeldRecord) => h.status === 0 || h.status === 2;

export function reconcile(desired: readonly NormalizedRecord[], journal: JournalFacts, server: ServerView, scope: Scope): Reconciliation {
  // Written by this tool: the journal says so, or the id has the shape of ours (the state folder may be lost).
  const managed = (h: HeldRecord) => journal.wrote(h.approval_id) || isOwnIdFormat(h.idempotent_id);
  const claimed = new Set<HeldRecord>();
  const approvals = desired.filter((r) => r.kind !== 'remedies' && !isLifecycleKind(r.kind));
  const remedies = desired.filter((r) => r.kind === 'remedies');
  const byRecord = new Map<NormalizedRecord, RowAction>();
  for (const a of [...reconcileApprovals(approvals, server.records, managed, claimed), ...reconcileRemedies(remedies, server.records, managed, claimed)]) byRecord.set(a.record, a);
  const rows = desired.map((r): RowAction => byRecord.get(r) ?? { type: 'send', record: r });

  const records: RecordAction[] = [];
  let managedInScope = 0;
  for (const h of server.records) {
    if (!live(h) || !inScope(h, scope)) continue;
    const ours = managed(h);
    if (ours) managedInScope++;
    if (claimed.has(h)) continue;
    records.push(ours ? { type: 'revoke', held: h, move: h.status === 0 ? 1 : 4 } : { type: 'unmanaged', held: h });
  }
  return { rows, records, managedInScope, source: server.source };
}

/** The users and dates the inputs cover: every user of a creating row, from its earliest date to its latest. */
export function scopeOf(desired: readonly NormalizedRecord[], extra: { from?: string; to?: string; users?: readonly string[] } = {}): Scope {
  const creating = desired.filter((r) => !isLifecycleKind(r.kind));
  const dates = creating.map((r) => r.date).sort();
  return {
    from: extra.from ?? dates[0] ?? '',
    to: extra.to ?? dates[dates.length - 1] ?? '',
    users: new Set([...creating.map((r) => r.user_id), ...(extra.users ?? [])]),
  };
}

/** Counts per action, for summaries. */
export function totals(r: Reconciliation): Record<'create' | 'keep' | 'replace' | 'revoke' | 'unmanaged', number> {
  const t = { create: 0, keep: 0, replace: 0, revoke: 0, unmanaged: 0 };
  for (const a of r.rows) if (a.type !== 'send') t[a.type]++;
  for (const a of r.records) t[a.type]++;
  return t;
}
