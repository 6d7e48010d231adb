import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeRow } from '../../src/normalize/record.js';
import { canonicalJson, contentHash } from '../../src/plan/idempotency.js';
import type { Cell } from '../../src/types.js';
import { leaveCells, noDefaults, rowOf } from '../normalize/rows.js';

const hashOf = (cells: Record<string, Cell>, where: { file?: string; sheet?: string; row?: number } = {}) => {
  const { record, problems } = normalizeRow(rowOf('leaves', cells, where), noDefaults);
  if (!record) throw new Error(JSON.stringify(problems));
  return record.hash;
};

describe('canonicalJson', () => {
  it('sorts keys recursively, drops whitespace and NFC-normalises strings', () => {
    expect(canonicalJson({ b: [1, { d: 'x', c: null }], a: 'e\u0301', u: undefined })).toBe('{"a":"é","b":[1,{"c":null,"d":"x"}]}');
  });
});

describe('contentHash', () => {
  it('ignores idempotent_id, so a user id column does not change the content hash', () => {
    const parts = { kind: 'leaves' as const, user_id: 'u1', date: '20260302', body: { reason: 'r' } };
    expect(contentHash({ ...parts, body: { ...parts.body, idempotent_id: 'X' } })).toBe(contentHash(parts));
  });

  it('does not depend on file, sheet, row, column order or header spelling', () => {
    const where = fc.record({ file: fc.string(), sheet: fc.string(), row: fc.integer({ min: 2, max: 1_048_576 }) });
    const base = hashOf(leaveCells());
    fc.assert(
      fc.property(where, fc.boolean(), (w, reversed) => {
        const entries = Object.entries(leaveCells());
        if (reversed) entries.reverse();
        const cells = Object.fromEntries(entries.map(([h, v]) => [h === 'user_id' ? '工号' : h, v]));
        expect(hashOf(cells, w)).toBe(base);
      }),
      { numRuns: 50 },
    );
  });

  it('reads the same content the same way however it was typed', () => {
    expect(hashOf(leaveCells({ start_time: '2026/3/2 9:00', unit: '小时', '时长(秒)': 10800 }))).toBe(hashOf(leaveCells()));
  });

  it('changes when any value sent to Feishu changes', () => {
    const changes: Record<string, Cell[]> = {
      user_id: ['u2', 'U1'],
      uniq_id: ['annual02'],
      unit: ['day', 'half_hour'],
      start_time: ['2026-03-02 09:01', '2026-03-01 09:00'],
      end_time: ['2026-03-02 12:01'],
      'i18n_names.ch': ['年休假'],
      'i18n_names.en': ['Annual'],
      reason: ['家里有事。'],
      default_locale: ['en'],
      date: ['20260303'],
      '时长(秒)': [10799],
    };
    const base = hashOf(leaveCells());
    fc.assert(
      fc.property(fc.constantFrom(...Object.entries(changes).flatMap(([h, vs]) => vs.map((v) => [h, v] as const))), ([h, v]) => {
        expect(hashOf(leaveCells({ [h]: v }))).not.toBe(base);
      }),
    );
  });

  it('changes with any reason text (a property over arbitrary strings)', () => {
    const base = hashOf(leaveCells({ reason: 'base' }));
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).filter((s) => s.trim() !== '' && s.trim() !== 'base'), (reason) => {
        expect(hashOf(leaveCells({ reason }))).not.toBe(base);
      }),
      { numRuns: 50 },
    );
  });
});
