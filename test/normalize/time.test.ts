// The fast paths for times (normalize/time.ts) must answer exactly as the general parser: pinned against it here.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDateTime, isCanonicalDateTime, parseDateTime, wallSeconds } from '../../src/normalize/time.js';

/** The general answer: parses, and formatting gives back the very same text. */
const canonicalByParser = (t: string) => {
  const p = parseDateTime(t);
  return typeof p !== 'string' && formatDateTime(p) === t;
};

/** wallSeconds as it was written before its fast path (the reference). */
function referenceSeconds(normalized: string): number {
  const n = (from: number, to: number) => Number(normalized.slice(from, to));
  const seconds = normalized.length > 16 ? n(17, 19) : 0;
  const ms = Date.UTC(n(0, 4), n(5, 7) - 1, n(8, 10), n(11, 13), n(14, 16), seconds);
  if (Number.isNaN(ms)) throw new Error(`not a normalized time: ${normalized}`);
  return ms / 1000;
}

// Texts shaped like times, with a fair chance of a wrong digit, separator or calendar day.
const timeLike = fc
  .array(fc.constantFrom(...'0123456789-: /T'.split(''), '0', '1', '2', '9', 'a', '٣'), { minLength: 19, maxLength: 19 })
  .map((cs) => cs.join(''));
const almostCanonical = fc
  .record({ y: fc.integer({ min: 1850, max: 3050 }), mo: fc.integer({ min: 0, max: 13 }), d: fc.integer({ min: 0, max: 32 }), h: fc.integer({ min: 0, max: 25 }), mi: fc.integer({ min: 0, max: 61 }), s: fc.integer({ min: 0, max: 61 }) })
  .map(({ y, mo, d, h, mi, s }) => formatDateTime({ y, mo, d, h, mi, s }));

describe('isCanonicalDateTime', () => {
  it('agrees with parsing and re-formatting, for real and impossible days and any junk', () => {
    fc.assert(fc.property(fc.oneof(timeLike, almostCanonical), (t) => {
        expect(isCanonicalDateTime(t)).toBe(canonicalByParser(t));
      }), { numRuns: 3000 });
  });

  it.each(['2026-03-02 09:00:00', '2024-02-29 23:59:59', '2000-02-29 00:00:00'])('accepts %s', (t) => expect(isCanonicalDateTime(t)).toBe(true));
  it.each(['2026-02-29 09:00:00', '1900-02-29 09:00:00', '2026-03-02T09:00:00', ' 2026-03-02 09:00', '2026-03-02 09:00', '1899-12-31 00:00:00'])(
    'leaves %s to the general parser',
    (t) => expect(isCanonicalDateTime(t)).toBe(false),
  );
});

describe('wallSeconds', () => {
  it('counts as the reference does on every normalized time, to the minute or the second', () => {
    fc.assert(
      fc.property(almostCanonical, fc.boolean(), (t, minute) => {
        const text = minute ? t.slice(0, 16) : t;
        expect(wallSeconds(text)).toBe(referenceSeconds(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads other texts as the reference does, and throws where it throws', () => {
    fc.assert(
      fc.property(fc.oneof(timeLike, fc.string({ maxLength: 22 })), (t) => {
        let expected: number | string;
        try {
          expected = referenceSeconds(t);
        } catch (e) {
          expected = (e as Error).message;
        }
        let actual: number | string;
        try {
          actual = wallSeconds(t);
        } catch (e) {
          actual = (e as Error).message;
        }
        expect(actual).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
