// Plain `validate` makes no idempotent ids: its cross-row checks take contentKey, a 64-bit key of the text the content
// hash hashes, fed piece by piece. Here: that key is exactly key64 of that text, and validate without ids refuses
// exactly the rows validate with ids refuses. The ids themselves are pinned in test/plan/hash-pins.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CrossRowChecks } from '../../src/normalize/cross-row.js';
import { normalizeRow, type Unhashed } from '../../src/normalize/record.js';
import { contentHash, contentKey, hashedText, key64 } from '../../src/plan/idempotency.js';
import { validateInputs } from '../../src/run/validate.js';
import type { Cell, InputRow, Kind, Problem } from '../../src/types.js';
import { leaveCells, noDefaults, rowOf } from './rows.js';

describe('contentKey', () => {
  const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom('e\u0301', '"', '\\', '\u007f', '\ud800', 'Ａ', '年假'));
  const value = fc.letrec((tie) => ({
    any: fc.oneof({ depthSize: 'small' }, text, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), tie('list'), tie('object')),
    list: fc.array(tie('any'), { maxLength: 5 }),
    object: fc.dictionary(text, tie('any'), { maxKeys: 6 }),
  })).any;
  const body = fc.dictionary(fc.oneof(text, fc.constant('idempotent_id')), value, { maxKeys: 12 });

  it('is key64 of the very text contentHash hashes, for any record', () => {
    fc.assert(
      fc.property(fc.constantFrom('leaves', 'overtime', 'remedies'), text, text, body, (kind, user_id, date, b) => {
        const parts = { kind: kind as Kind, user_id, date, body: b };
        expect(contentKey(parts)).toBe(key64(hashedText(parts)));
      }),
      { numRuns: 1000 },
    );
  });

  it('tells records apart as the content hash does (canonical key order, NFC, idempotent_id ignored)', () => {
    const parts = (body: Record<string, unknown>) => ({ kind: 'leaves' as const, user_id: 'u1', date: '20260302', body });
    const same = [
      [{ a: 1, b: 'é' }, { b: 'e\u0301', a: 1, idempotent_id: 'x' }],
      [{ o: { y: [1, 2], x: null } }, { o: { x: null, y: [1, 2] } }],
    ];
    for (const [x, y] of same) {
      expect(contentHash(parts(x!))).toBe(contentHash(parts(y!)));
      expect(contentKey(parts(x!))).toBe(contentKey(parts(y!)));
    }
    const differ = [
      [{ a: 1 }, { a: '1' }],
      [{ a: [1, 2] }, { a: [2, 1] }],
      [{ a: 'x"y' }, { a: 'x\\"y' }],
      [{ a: 'Ａ' }, { a: 'A' }],
    ];
    for (const [x, y] of differ) expect(contentKey(parts(x!))).not.toBe(contentKey(parts(y!)));
  });
});

/** Runs rows through normalizeRow and the cross-row checks as validate does, with ids or without. */
function outcomes(rows: InputRow[], withIds: boolean): (Problem[] | 'valid')[] {
  const checks = new CrossRowChecks();
  const unhashed: Unhashed | undefined = withIds ? undefined : { key: '', ownId: undefined };
  return rows.map((row) => {
    const { record, problems } = normalizeRow(row, noDefaults, unhashed);
    const all = record && problems.length === 0 ? checks.add(record, unhashed) : problems;
    return all.length ? all : 'valid';
  });
}

describe('validate without ids', () => {
  it('refuses the same rows as with ids: duplicates, reused own ids, an own id that is the content hash, overlaps', () => {
    const leave = (over: Record<string, Cell> = {}) => leaveCells(over);
    const hashOf = (cells: Record<string, Cell>) => String(normalizeRow(rowOf('leaves', cells), noDefaults).record?.hash);
    const first = leave();
    const cells: [Kind, Record<string, Cell>][] = [
      ['leaves', first],
      ['leaves', leave()], // an exact duplicate
      ['leaves', leave({ user_id: 'u5', reason: 'other' })],
      ['leaves', leave({ user_id: 'u2', idempotent_id: 'HR-1' })],
      ['leaves', leave({ user_id: 'u2', idempotent_id: 'HR-1', start_time: '2026-03-03 09:00:00', end_time: '2026-03-03 10:00:00' })], // reused id
      ['leaves', leave({ user_id: 'u3', idempotent_id: hashOf(leave({ user_id: 'u3' })) })], // its own content hash: not an own id
      ['leaves', leave({ user_id: 'u3', idempotent_id: hashOf(leave({ user_id: 'u3' })), start_time: '2026-03-04 09:00:00', end_time: '2026-03-04 10:00:00' })],
      ['leaves', leave({ user_id: 'u4', start_time: '2026-03-02 10:00:00', end_time: '2026-03-02 11:00:00' })],
      ['leaves', leave({ user_id: 'u4', start_time: '2026-03-02 10:30:00', end_time: '2026-03-02 11:30:00' })], // overlap
      ['approval_status', { approval_id: '7372816340011188225', approval_type: 'leave', status: 4 }],
      ['approval_status', { approval_id: '7372816340011188225', approval_type: 'leave', status: 4 }], // duplicate
      ['approval_status', { approval_id: '7372816340011188226', approval_type: 'remedy', status: 1 }],
      ['approval_status', { approval_id: '7372816340011188226', approval_type: 'remedy', status: 2 }], // same target
      ['remedies', { user_id: 'u1', remedy_date: 20260302, punch_no: 0, work_type: 1, remedy_time: '2026-03-02 09:00', reason: 'r' }],
      ['remedies', { user_id: 'u1', remedy_date: 20260302, punch_no: 0, work_type: 1, remedy_time: '2026-03-02 09:00', reason: 'r' }],
      ['leaves', leave({ unit: 'fortnight' })], // invalid on its own
    ];
    const rows = cells.map(([kind, c], i) => rowOf(kind, c, { row: i + 2 }));
    const withIds = outcomes(rows, true);
    expect(outcomes(rows, false)).toEqual(withIds);
    expect(withIds.map((o) => (o === 'valid' ? o : o.map((p) => p.code).join()))).toEqual([
      'valid', 'validate.duplicate', 'valid', 'valid', 'validate.duplicateId', 'valid', 'valid', 'valid', 'validate.overlap',
      'valid', 'validate.duplicate', 'valid', 'lifecycle.sameTarget', 'valid', 'validate.duplicate', 'validate.badEnum',
    ]);
  });

  it('gives the samples the same verdicts as a run that keeps the records', async () => {
    const files = ['samples/manifest.yaml', 'samples/status-updates.yaml', 'samples/corehr.yaml'];
    const plain = await validateInputs(files);
    const kept = await validateInputs(files, { keepRecords: true });
    expect(kept.records.length).toBe(167);
    expect({ ...plain, inputs: undefined }).toEqual({ ...kept, inputs: undefined, records: [] });
  });
});
