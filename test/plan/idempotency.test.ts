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

  it('writes any value as the plain rule does, whatever shapes and texts came before it', () => {
    // The rule written the obvious way: the fast one remembers key orders and quoted texts, and must never be misled
    // by them (the same keys in another order, a key more or less, a text seen before).
    const rule = (v: unknown): string => {
      if (typeof v === 'string') return JSON.stringify(v.normalize('NFC'));
      if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
      if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : rule(x))).join(',')}]`;
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o).sort().filter((k) => o[k] !== undefined);
      return `{${keys.map((k) => `${JSON.stringify(k.normalize('NFC'))}:${rule(o[k])}`).join(',')}}`;
    };
    const key = fc.constantFrom('a', 'b', 'c', 'unit', 'reason', 'e\u0301', 'é', '年', '1', '10');
    const text = fc.oneof(fc.string(), fc.constantFrom('年假', 'e\u0301', '"', 'Annual leave'));
    const value = fc.letrec((tie) => ({
      any: fc.oneof({ depthSize: 'small' }, text, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), tie('list'), tie('object')),
      list: fc.array(tie('any'), { maxLength: 4 }),
      object: fc.dictionary(key, tie('any'), { maxKeys: 6 }),
    }));
    fc.assert(fc.property(fc.array(value.object, { minLength: 1, maxLength: 12 }), (objects) => {
      for (const o of objects) expect(canonicalJson(o)).toBe(rule(o));
    }), { numRuns: 500 });
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
