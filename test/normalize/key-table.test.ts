// The cross-row checks' table of accepted rows (src/normalize/key-table.ts): whatever goes in comes out, through
// growth and probing.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashHalves, keyHalves, KeyTable } from '../../src/normalize/key-table.js';

const halves = (i: number) => hashHalves(createHash('sha256').update(String(i)).digest('hex').slice(0, 32))!;

describe('KeyTable', () => {
  it('keeps 200,000 content keys with their row codes, and knows no others', () => {
    const t = new KeyTable();
    for (let i = 0; i < 200_000; i++) t.set(...halves(i), i * 2 ** 32 + 7);
    for (let i = 0; i < 200_000; i += 997) expect(t.get(...halves(i))).toBe(i * 2 ** 32 + 7);
    for (let i = 200_000; i < 201_000; i++) expect(t.get(...halves(i))).toBeUndefined();
  });

  it('a key set again keeps one entry with the new value; 0 is a value like any other', () => {
    const t = new KeyTable();
    t.set(0, 0, 0);
    expect(t.get(0, 0)).toBe(0);
    t.set(0, 0, 5);
    expect(t.get(0, 0)).toBe(5);
    // Same slot start (the slot hashes l ^ h), different keys: both kept.
    t.set(1, 1, 9);
    expect([t.get(0, 0), t.get(1, 1), t.get(2, 2)]).toEqual([5, 9, undefined]);
  });

  it('reads the first 64 bits of a hex hash, and nothing else', () => {
    expect(hashHalves('ffffffff00000001' + '0'.repeat(16))).toEqual([0xffffffff, 1]);
    expect(hashHalves('not a hash')).toBeUndefined();
    // A content key: 64 bits as four UTF-16 code units.
    expect(keyHalves(String.fromCharCode(0xffff, 0xfffe, 0, 1))).toEqual([0xfffffffe, 1]);
  });
});
