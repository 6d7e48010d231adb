// The reconcile stage on in-memory views (as changesets tests assembleReleasePlan against a fake state): no network,
// no disk, no clock. Rows against what Feishu holds → create / keep / replace / revoke / unmanaged.
import { describe, expect, it } from 'vitest';
import { normalizeRow } from '../../src/normalize/record.js';
import { reconcile, scopeOf, totals, type HeldRecord, type JournalFacts, type ServerView } from '../../src/reconcile/index.js';
import type { NormalizedRecord } from '../../src/types.js';
import { leaveCells, noDefaults, rowOf } from '../normalize/rows.js';

const leave = (over: Record<string, string> = {}, row = 2): NormalizedRecord => {
  const r = normalizeRow(rowOf('leaves', leaveCells(over), { row }), noDefaults).record;
  if (!r) throw new Error('fixture row is invalid');
  return r;
};
const remedy = (time: string, status: string, row = 2): NormalizedRecord => {
  const cells = { user_id: 'u1', remedy_date: 20260302, punch_no: 0, work_type: 'on', remedy_time: time, reason: 'forgot', status };
  const r = normalizeRow(rowOf('remedies', cells, { row }), noDefaults).record;
  if (!r) throw new Error('fixture row is invalid');
  return r;
};

/** A record as Feishu would hold it after the row was written. */
const heldOf = (r: NormalizedRecord, approval_id: string, status = 2): HeldRecord => ({
  kind: r.kind as HeldRecord['kind'],
  user_id: r.user_id,
  date: r.date,
  approval_id,
  ...(typeof r.body.idempotent_id === 'string' ? { idempotent_id: r.body.idempotent_id } : {}),
  status,
  content: { approval_id, ...r.body },
});
const noJournal: JournalFacts = { wrote: () => false, withdrawnTimes: () => 0 };
const server = (records: HeldRecord[]): ServerView => ({ records, source: 'server' });
const types = (x: ReturnType<typeof reconcile>) => ({ rows: x.rows.map((a) => a.type), records: x.records.map((a) => [a.type, a.held.approval_id]) });

describe('reconcile', () => {
  it('creates what Feishu does not hold and keeps what it holds, by idempotent id or a re-import of it', () => {
    const a = leave();
    const b = leave({ start_time: '2026-03-03 09:00:00', end_time: '2026-03-03 12:00:00' }, 3);
    const reimported: HeldRecord = { ...heldOf(b, 'B'), idempotent_id: `${String(b.body.idempotent_id)}-r2` };
    const out = reconcile([a, b], noJournal, server([reimported]), scopeOf([a, b]));
    expect(types(out)).toEqual({ rows: ['create', 'keep'], records: [] });
    expect(out.rows[1]).toMatchObject({ type: 'keep', held: { approval_id: 'B' } });
  });

  it('a changed row is a replace of the record this tool wrote with its identity, field by field', () => {
    const before = leave({ reason: '家中有事' });
    const after = leave({ reason: '家里有事' });
    const out = reconcile([after], noJournal, server([heldOf(before, 'A')]), scopeOf([after]));
    expect(out.rows[0]).toMatchObject({ type: 'replace', earlier: { approval_id: 'A' }, changes: [{ field: 'reason', from: '家中有事', to: '家里有事' }] });
    expect(out.records).toEqual([]);
  });

  it('revokes what this tool wrote in scope and no row wants; lists what others wrote, never touching it', () => {
    const kept = leave();
    const gone = leave({ start_time: '2026-03-04 09:00:00', end_time: '2026-03-04 12:00:00' }, 3);
    const byHand: HeldRecord = { ...heldOf(gone, 'H'), idempotent_id: 'made-in-feishu', approval_id: 'H', date: '20260303' };
    const outOfScope: HeldRecord = { ...heldOf(gone, 'X'), date: '20260420' };
    const out = reconcile([kept], noJournal, server([heldOf(kept, 'K'), heldOf(gone, 'G'), byHand, outOfScope]), { from: '20260301', to: '20260331', users: new Set(['u1']) });
    expect(types(out)).toEqual({ rows: ['keep'], records: [['revoke', 'G'], ['unmanaged', 'H']] });
    expect(out.managedInScope).toBe(2);
  });

  it('an approval the journal says it wrote is managed even with an id of another shape', () => {
    const gone = leave({ idempotent_id: 'OA-4711' });
    const journal: JournalFacts = { wrote: (id) => id === 'G', withdrawnTimes: () => 0 };
    const out = reconcile([], journal, server([heldOf(gone, 'G')]), { from: '20260301', to: '20260331', users: new Set(['u1']) });
    expect(types(out).records).toEqual([['revoke', 'G']]);
  });

  it('pairs remedies one to one, preferring the wanted state; a rejected one does not stand for an approved row', () => {
    const approved = remedy('2026-03-02 09:00', 'approved');
    const twin = remedy('2026-03-02 09:00', 'approved', 3);
    const held = [heldOf(approved, 'P', 0), heldOf(approved, 'A', 2), heldOf(approved, 'R', 1)];
    const out = reconcile([approved, twin], noJournal, server(held), scopeOf([approved, twin]));
    expect(out.rows.map((a) => (a.type === 'keep' ? a.held.approval_id : a.type))).toEqual(['A', 'P']);
    // The rejected one is gone as far as a revoke is concerned: nothing to prune.
    expect(out.records).toEqual([]);
  });

  it('a remedy with the same identity and another time, written by this tool, is a replace; a pending one gone from the inputs is rejected', () => {
    const wanted = remedy('2026-03-02 09:05', 'pending');
    const earlier = remedy('2026-03-02 09:00', 'pending');
    const journal: JournalFacts = { wrote: () => true, withdrawnTimes: () => 0 };
    const out = reconcile([wanted], journal, server([heldOf(earlier, 'E', 0)]), scopeOf([wanted]));
    expect(out.rows[0]).toMatchObject({ type: 'replace', earlier: { approval_id: 'E' }, changes: [{ field: 'remedy_time', from: '2026-03-02 09:00', to: '2026-03-02 09:05' }] });
    const gone = reconcile([], journal, server([heldOf(earlier, 'E', 0)]), { from: '20260301', to: '20260331', users: new Set(['u1']) });
    expect(gone.records).toMatchObject([{ type: 'revoke', move: 1, held: { approval_id: 'E' } }]);
  });

  it('is deterministic and counts its actions', () => {
    const rows = [leave(), leave({ reason: 'x' }, 3)];
    const view = server([heldOf(leave(), 'A')]);
    expect(reconcile(rows, noJournal, view, scopeOf(rows))).toEqual(reconcile(rows, noJournal, view, scopeOf(rows)));
    // The held record is the first row's own: the second (same identity, other content) cannot take it over.
    expect(totals(reconcile(rows, noJournal, view, scopeOf(rows)))).toEqual({ create: 1, keep: 1, replace: 0, revoke: 0, unmanaged: 0 });
  });
});
