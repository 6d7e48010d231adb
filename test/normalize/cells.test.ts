import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENUMS } from '../../src/fields.js';
import { convertCell } from '../../src/normalize/cells.js';
import { CellError, WallTime } from '../../src/types.js';

const value = (c: ReturnType<typeof convertCell>) => (c.ok ? c.value : `!${c.code}`);

describe('datetime', () => {
  it.each([
    ['2026-03-02 09:00:00', '2026-03-02 09:00:00'],
    ['2026-03-02 09:00', '2026-03-02 09:00:00'],
    ['2026/3/2 9:00', '2026-03-02 09:00:00'],
    ['2026/3/2 9:05:07', '2026-03-02 09:05:07'],
    ['2026-3-2 9:00', '2026-03-02 09:00:00'],
    ['  2026-03-02 18:30  ', '2026-03-02 18:30:00'],
    [new WallTime('2026-03-02 09:00:00'), '2026-03-02 09:00:00'],
  ])('reads %s', (cell, expected) => {
    expect(value(convertCell('datetime', cell))).toBe(expected);
  });

  it.each(['2026-02-30 09:00', '2026-03-02 25:00', '2026-13-01 09:00', '2026-03-02 09:60', '2025-02-29 09:00'])(
    'refuses the impossible %s',
    (cell) => expect(value(convertCell('datetime', cell))).toBe('!validate.impossibleTime'),
  );

  it.each(['tomorrow', '2026-03-02', '09:00', 46083.375, true])('refuses %s as not a time', (cell) => {
    expect(value(convertCell('datetime', cell))).toBe('!validate.badTime');
  });

  it('accepts 29 February in a leap year', () => {
    expect(value(convertCell('datetime', '2028-02-29 08:00'))).toBe('2028-02-29 08:00:00');
  });

  it('round-trips every valid time through any accepted spelling', () => {
    const parts = fc.record({
      y: fc.integer({ min: 1900, max: 2999 }),
      mo: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 28 }),
      h: fc.integer({ min: 0, max: 23 }),
      mi: fc.integer({ min: 0, max: 59 }),
      s: fc.integer({ min: 0, max: 59 }),
    });
    fc.assert(
      fc.property(parts, fc.boolean(), ({ y, mo, d, h, mi, s }, slash) => {
        const p2 = (n: number) => String(n).padStart(2, '0');
        const canonical = `${y}-${p2(mo)}-${p2(d)} ${p2(h)}:${p2(mi)}:${p2(s)}`;
        const loose = slash ? `${y}/${mo}/${d} ${h}:${p2(mi)}:${p2(s)}` : canonical;
        expect(value(convertCell('datetime', loose))).toBe(canonical);
        expect(value(convertCell('datetime', new WallTime(canonical)))).toBe(canonical);
      }),
    );
  });
});

describe('minute', () => {
  it('keeps minutes and refuses seconds it would have to drop', () => {
    expect(value(convertCell('minute', '2026/3/2 8:05'))).toBe('2026-03-02 08:05');
    expect(value(convertCell('minute', new WallTime('2026-03-02 08:05:00')))).toBe('2026-03-02 08:05');
    expect(value(convertCell('minute', '2026-03-02 08:05:30'))).toBe('!validate.minuteSeconds');
    expect(value(convertCell('minute', 'soon'))).toBe('!validate.badMinute');
  });
});

describe('date', () => {
  it.each([
    [20260302, '20260302'],
    ['20260302', '20260302'],
    ['2026-03-02', '20260302'],
    ['2026/3/2', '20260302'],
    [new WallTime('2026-03-02 00:00:00'), '20260302'],
  ])('reads %s', (cell, expected) => expect(value(convertCell('date', cell))).toBe(expected));

  it('refuses bad and impossible dates', () => {
    expect(value(convertCell('date', 20260230))).toBe('!validate.impossibleTime');
    expect(value(convertCell('date', 46083))).toBe('!validate.badDate');
    expect(value(convertCell('date', 'March 2nd'))).toBe('!validate.badDate');
  });
});

describe('enums', () => {
  it('accepts the API value, numeric text, or any name in either language', () => {
    for (const cell of [2, '2', ' hour ', 'HOUR', '小时']) expect(value(convertCell('enum', cell, ENUMS.unit))).toBe(2);
    expect(value(convertCell('enum', '调休', ENUMS.overtime_type))).toBe(1);
    expect(value(convertCell('enum', 'free', ENUMS.work_type))).toBe(0);
    expect(value(convertCell('enum', 'L3', ENUMS.region_level))).toBe('l3');
    expect(value(convertCell('enum', '通过', ENUMS.remedy_status))).toBe('approved');
  });

  it('lists the accepted values when refusing one', () => {
    const c = convertCell('enum', 'weeks', ENUMS.unit);
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.params.allowed).toBe('1 = day / 天, 2 = hour / 小时, 3 = half_day / 半天, 4 = half_hour / 半小时');
    expect(value(convertCell('enum', 5, ENUMS.unit))).toBe('!validate.badEnum');
  });

  it('splits lists on the separators people type', () => {
    expect(value(convertCell('enum_list', '1,2', ENUMS.transportation))).toEqual([1, 2]);
    expect(value(convertCell('enum_list', '飞机，火车、高铁; ship', ENUMS.transportation))).toEqual([1, 2, 4, 5]);
    expect(value(convertCell('enum_list', 3, ENUMS.transportation))).toEqual([3]);
    expect(value(convertCell('enum_list', 'plane,rocket', ENUMS.transportation))).toBe('!validate.badEnum');
  });
});

describe('numbers, ids, text', () => {
  it('reads int and number cells or text', () => {
    expect(value(convertCell('int', '3600'))).toBe(3600);
    expect(value(convertCell('int', 3600))).toBe(3600);
    expect(value(convertCell('int', 1.5))).toBe('!validate.badInt');
    expect(value(convertCell('int', 'an hour'))).toBe('!validate.badInt');
    expect(value(convertCell('number', ' 1.5 '))).toBe(1.5);
    expect(value(convertCell('number', 'x'))).toBe('!validate.badNumber');
  });

  it('keeps ids as text and refuses numbers Excel has already rounded', () => {
    expect(value(convertCell('id', ' abd754f7 '))).toBe('abd754f7');
    expect(value(convertCell('id', 10023))).toBe('10023');
    expect(value(convertCell('id', '6863333418483058189'))).toBe('6863333418483058189');
    expect(value(convertCell('id', 6863333418483058189))).toBe('!validate.idDigitsLost');
    expect(value(convertCell('id', 1234567890123456))).toBe('!validate.idDigitsLost');
    expect(value(convertCell('id', 123456789012345))).toBe('123456789012345');
  });

  it('trims text and turns numbers into text', () => {
    expect(value(convertCell('string', '  家里有事 '))).toBe('家里有事');
    expect(value(convertCell('string', 42))).toBe('42');
  });

  it('reads booleans', () => {
    expect(value(convertCell('bool', '是'))).toBe(true);
    expect(value(convertCell('bool', 'No'))).toBe(false);
    expect(value(convertCell('bool', 'maybe'))).toBe('!validate.badBool');
  });

  it('treats empty cells as absent and error cells as problems', () => {
    for (const type of ['string', 'int', 'datetime', 'date', 'enum'] as const) {
      expect(value(convertCell(type, null))).toBeUndefined();
      expect(value(convertCell(type, '   '))).toBeUndefined();
      expect(value(convertCell(type, new CellError('#N/A')))).toBe('!validate.cellError');
    }
  });
});
