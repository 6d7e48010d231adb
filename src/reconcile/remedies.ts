// Remedies have no idempotency key: rows are paired one to one with the remedies Feishu holds (same user, date,
// punch, type and time), preferring one already in the state the row asks for. A row with no such remedy but one this
// tool wrote with the row's identity (user, date, punch, type) and another time or reason is a replace.
import type { NormalizedRecord, RemedyStatus } from '../types.js';
import { fieldChanges } from './diff.js';
import type { HeldRecord, RowAction } from './types.js';

/** A remedy as the query endpoint answers it (the fields pairing needs). */
export interface RemedyLike {
  user_id: string;
  remedy_date: unknown;
  punch_no: unknown;
  work_type: unknown;
  remedy_time: unknown;
  status: number;
}

const keyOf = (r: { user_id: string; remedy_date: unknown; punch_no: unknown; work_type: unknown; remedy_time: unknown }) =>
  `${r.user_id}|${Number(r.remedy_date)}|${Number(r.punch_no)}|${Number(r.work_type)}|${String(r.remedy_time)}`;
const identityOf = (r: { user_id: string; remedy_date: unknown; punch_no: unknown; work_type: unknown }) =>
  `${r.user_id}|${Number(r.remedy_date)}|${Number(r.punch_no)}|${Number(r.work_type)}`;

const TARGET: Record<RemedyStatus, number> = { pending: 0, approved: 2, rejected: 1 };

/**
 * How well a held remedy stands for a row, best first: already in the wanted state (0), pending and so still movable
 * (1), anything else live (2: paired, so it is not created twice, and reported as a state not reached). A rejected
 * remedy does not stand for a row that wants another state: after an undo rejects it, a re-import creates it anew.
 */
function fit(held: RemedyLike, wanted: RemedyStatus): number | undefined {
  if (held.status === TARGET[wanted]) return 0;
  if (held.status === 1 || held.status > 2) return undefined;
  return held.status === 0 ? 1 : 2;
}

/** Pairs rows with held remedies one to one, preferring the wanted state. */
export function matchRemedies<T extends RemedyLike>(records: readonly NormalizedRecord[], held: readonly T[]): Map<NormalizedRecord, T> {
  const pool = new Map<string, T[]>();
  for (const s of held) pool.set(keyOf(s), [...(pool.get(keyOf(s)) ?? []), s]);
  const matched = new Map<NormalizedRecord, T>();
  for (const r of records) {
    const candidates = pool.get(keyOf({ ...(r.body as Omit<RemedyLike, 'status'>), user_id: r.user_id })) ?? [];
    const wanted = r.status ?? 'pending';
    let best = -1;
    let bestFit = 3;
    candidates.forEach((s, i) => {
      const f = fit(s, wanted);
      if (f !== undefined && f < bestFit) [best, bestFit] = [i, f];
    });
    if (best >= 0) {
      matched.set(r, candidates[best] as T);
      candidates.splice(best, 1);
    }
  }
  return matched;
}

const asRemedy = (h: HeldRecord): RemedyLike & { held: HeldRecord } => ({
  user_id: h.user_id,
  remedy_date: h.content.remedy_date ?? h.date,
  punch_no: h.content.punch_no,
  work_type: h.content.work_type,
  remedy_time: h.content.remedy_time,
  status: h.status,
  held: h,
});

export function reconcileRemedies(records: readonly NormalizedRecord[], held: readonly HeldRecord[], managed: (h: HeldRecord) => boolean, claimed: Set<HeldRecord>): RowAction[] {
  const pool = held.filter((h) => h.kind === 'remedies' && !claimed.has(h)).map(asRemedy);
  // Known only from the journal (no content to pair by): the row whose content wrote it.
  const byHash = new Map(pool.filter((p) => p.held.hash).map((p) => [p.held.hash, p]));
  const matched = byHash.size ? new Map(records.flatMap((r) => (byHash.has(r.hash) ? [[r, byHash.get(r.hash)!] as const] : []))) : matchRemedies(records, pool);
  for (const m of matched.values()) claimed.add(m.held);
  return records.map((r): RowAction => {
    const m = matched.get(r);
    if (m) return { type: 'keep', record: r, held: m.held };
    const key = identityOf({ ...(r.body as Omit<RemedyLike, 'status'>), user_id: r.user_id });
    const earlier = pool.find((p) => !claimed.has(p.held) && managed(p.held) && (p.status === 0 || p.status === 2) && identityOf(p) === key);
    if (!earlier) return { type: 'create', record: r };
    claimed.add(earlier.held);
    return { type: 'replace', record: r, earlier: earlier.held, changes: fieldChanges(r.body, earlier.held.content) };
  });
}
