// Leaves, overtime, trips and outs: each row against the approved records Feishu holds for its user.
// keep: a record of the row's idempotent id family is there. replace: a record this tool wrote with the row's identity
// (kind, user, start, end, type) but other content. create: neither. What this tool wrote in scope and no row wants
// any more is a revoke; what others wrote is unmanaged.
import { identityOf } from '../normalize/record.js';
import { canonicalJson } from '../plan/idempotency.js';
import type { NormalizedRecord } from '../types.js';
import { fieldChanges } from './diff.js';
import { generation } from './family.js';
import type { HeldRecord, RowAction } from './types.js';

/** identityOf with object keys in one order, so `i18n_names` echoed in another key order still matches. */
const identity = (kind: NormalizedRecord['kind'], user_id: string, body: Record<string, unknown>) =>
  identityOf(kind, user_id, JSON.parse(canonicalJson(body)) as Record<string, unknown>);

const userKind = (user_id: string, kind: string) => `${user_id}\u0000${kind}`;

/** Rows → actions; `claimed` collects the held records some row keeps or replaces. */
export function reconcileApprovals(records: readonly NormalizedRecord[], held: readonly HeldRecord[], managed: (h: HeldRecord) => boolean, claimed: Set<HeldRecord>): RowAction[] {
  const approved = held.filter((h) => h.status === 2 && h.kind !== 'remedies');
  const byUserKind = new Map<string, HeldRecord[]>();
  const byIdentity = new Map<string, HeldRecord[]>();
  for (const h of approved) {
    byUserKind.set(userKind(h.user_id, h.kind), [...(byUserKind.get(userKind(h.user_id, h.kind)) ?? []), h]);
    // Only the journal knows content-less records: they can be kept by id but not compared by identity.
    if (Object.keys(h.content).length) {
      const k = identity(h.kind, h.user_id, h.content);
      byIdentity.set(k, [...(byIdentity.get(k) ?? []), h]);
    }
  }
  const actions: RowAction[] = [];
  const pending: NormalizedRecord[] = [];
  // Keeps first, over all rows: a row's own record must never be taken as another row's earlier version.
  for (const r of records) {
    const root = String(r.body.idempotent_id ?? '');
    const mine = (byUserKind.get(userKind(r.user_id, r.kind)) ?? []).filter((h) => !claimed.has(h) && generation(root, h.idempotent_id ?? '') !== undefined);
    const keep = mine.sort((a, b) => (generation(root, b.idempotent_id ?? '') ?? 0) - (generation(root, a.idempotent_id ?? '') ?? 0))[0];
    if (keep) {
      claimed.add(keep);
      actions.push({ type: 'keep', record: r, held: keep });
    } else pending.push(r);
  }
  for (const r of pending) {
    const candidates = (byIdentity.get(identity(r.kind, r.user_id, r.body)) ?? []).filter((h) => !claimed.has(h) && managed(h));
    // Of several, the closest: the fewest fields to change.
    const earlier = candidates.map((h) => ({ h, changes: fieldChanges(r.body, h.content) })).sort((a, b) => a.changes.length - b.changes.length)[0];
    if (earlier) {
      claimed.add(earlier.h);
      actions.push({ type: 'replace', record: r, earlier: earlier.h, changes: earlier.changes });
    } else actions.push({ type: 'create', record: r });
  }
  return actions;
}
