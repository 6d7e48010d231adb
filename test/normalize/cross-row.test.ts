import { describe, expect, it } from 'vitest';
import { CrossRowChecks } from '../../src/normalize/cross-row.js';
import { normalizeRow } from '../../src/normalize/record.js';
import type { Cell, Kind, NormalizedRecord } from '../../src/types.js';
import { leaveCells, noDefaults, rowOf } from './rows.js';
import { problemText } from '../../src/messages/index.js';

function rec(kind: Kind, cells: Record<string, Cell>, where: { file?: string; sheet?: string; row?: number }): NormalizedRecord {
  const { record, problems } = normalizeRow(rowOf(kind, cells), noDefaults);
  if (!record) throw new Error(JSON.stringify(problems));
  return { ...record, ref: { file: where.file ?? 'march.xlsx', sheet: where.sheet ?? kind, row: where.row ?? 2 } };
}

describe('duplicates', () => {
  it('refuses the second copy of a row, naming the first, even from another file', () => {
    const checks = new CrossRowChecks();
    expect(checks.add(rec('leaves', leaveCells(), { file: 'a.xlsx', sheet: '请假', row: 5 }))).toEqual([]);
    const problems = checks.add(rec('leaves', leaveCells(), { file: 'b.xlsx', sheet: 'leaves', row: 9 }));
    expect(problems).toEqual([
      {
        file: 'b.xlsx',
        sheet: 'leaves',
        row: 9,
        column: '',
        field: '',
        code: 'validate.duplicate',
        params: { file: 'a.xlsx', sheet: '请假', row: 5 },
      },
    ]);
    expect(problemText(problems[0]!)).toBe('This row repeats row 5 of sheet 请假 in a.xlsx exactly. Delete one of them.');
  });

  it('does not confuse different content or different kinds', () => {
    const checks = new CrossRowChecks();
    const remedy = { user_id: 'u1', remedy_date: 20260302, punch_no: 0, work_type: 1, remedy_time: '2026-03-02 09:00', reason: 'r' };
    expect(checks.add(rec('remedies', remedy, { row: 2 }))).toEqual([]);
    expect(checks.add(rec('remedies', { ...remedy, work_type: 2, remedy_time: '2026-03-02 18:00' }, { row: 3 }))).toEqual([]);
    expect(checks.add(rec('remedies', remedy, { row: 4 }))[0]?.code).toBe('validate.duplicate');
  });
});

describe('reused idempotent_id', () => {
  it('refuses a second record with the same user-supplied id, which Feishu would drop', () => {
    const checks = new CrossRowChecks();
    expect(checks.add(rec('leaves', leaveCells({ idempotent_id: 'HR-1' }), { row: 2 }))).toEqual([]);
    const later = leaveCells({ idempotent_id: 'HR-1', start_time: '2026-03-03 09:00', end_time: '2026-03-03 10:00' });
    const [p] = checks.add(rec('leaves', later, { row: 3 }));
    expect(p?.code).toBe('validate.duplicateId');
    expect(p && problemText(p)).toContain('idempotent_id HR-1 is already used by row 2');
    const out = { user_id: 'u1', uniq_id: 'o1', unit: 2, start_time: '2026-03-04 10:00', end_time: '2026-03-04 11:00', 'i18n_names.ch': '外出', reason: 'r', idempotent_id: 'HR-1' };
    expect(checks.add(rec('outs', out, { row: 4 }))).toEqual([]);
  });
});

describe('overlapping leaves', () => {
  const leave = (start: string, end: string, user = 'u1') => leaveCells({ user_id: user, start_time: start, end_time: end });

  it('refuses a leave that overlaps an earlier one of the same person, naming it', () => {
    const checks = new CrossRowChecks();
    expect(checks.add(rec('leaves', leave('2026-03-02 09:00', '2026-03-02 12:00'), { row: 2 }))).toEqual([]);
    const [p] = checks.add(rec('leaves', leave('2026-03-02 11:00', '2026-03-02 15:00'), { row: 3 }));
    expect(p?.code).toBe('validate.overlap');
    expect(p?.row).toBe(3);
    expect(p && problemText(p)).toContain('row 2 of sheet leaves in march.xlsx (2026-03-02 09:00:00 – 2026-03-02 12:00:00)');
  });

  it('accepts leaves that touch, leaves of other people, and other kinds at the same time', () => {
    const checks = new CrossRowChecks();
    expect(checks.add(rec('leaves', leave('2026-03-02 09:00', '2026-03-02 12:00'), { row: 2 }))).toEqual([]);
    expect(checks.add(rec('leaves', leave('2026-03-02 12:00', '2026-03-02 18:00'), { row: 3 }))).toEqual([]);
    expect(checks.add(rec('leaves', leave('2026-03-02 08:00', '2026-03-02 09:00'), { row: 4 }))).toEqual([]);
    expect(checks.add(rec('leaves', leave('2026-03-02 09:00', '2026-03-02 12:00', 'u2'), { row: 5 }))).toEqual([]);
    const out = { user_id: 'u1', uniq_id: 'o1', unit: 2, start_time: '2026-03-02 10:00', end_time: '2026-03-02 11:00', 'i18n_names.ch': '外出', reason: 'r' };
    expect(checks.add(rec('outs', out, { row: 6 }))).toEqual([]);
  });

  it('finds an overlap whatever the order rows arrive in (compared with a brute force)', () => {
    // Random-looking but fixed spans over two days, in 30-minute steps.
    const spans = Array.from({ length: 200 }, (_, i) => {
      const start = (i * 37) % 96;
      return [start, start + 1 + ((i * 11) % 6)] as const;
    });
    const at = (half: number) => {
      const d = 2 + Math.floor(half / 48);
      const m = (half % 48) * 30;
      return `2026-03-0${d} ${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    };
    const checks = new CrossRowChecks();
    const accepted: (readonly [number, number])[] = [];
    spans.forEach(([s, e], i) => {
      const expected = accepted.some(([as, ae]) => as < e && s < ae);
      const problems = checks.add(rec('leaves', leave(at(s), at(e)), { row: i + 2 }));
      expect(problems.length > 0, `row ${i + 2}`).toBe(expected);
      if (!expected) accepted.push([s, e]);
    });
  });
});
