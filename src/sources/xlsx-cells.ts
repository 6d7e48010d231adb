// One <c> element of sheet XML → the pipeline's Cell. Dates become WallTime text: a serial number is a wall-clock
// value, so it is turned into text arithmetically, never through a Date in the machine's time zone.
import { CellError, WallTime, type Cell } from '../types.js';
import { finishText } from './xlsx-text.js';

/** What a formula cell without a saved result turns into; counted by the caller for one notice per sheet. */
export const NO_RESULT = Symbol('no formula result');

/**
 * A <c> element as read: type attribute, style id, whether it has a formula, the <v> text, the inline string's raw
 * text. A plain decimal `<v>` of a number or shared-string cell is read as the number `n` instead (v stays ''); NaN
 * when it was not.
 */
export interface RawCell {
  t: string | undefined;
  s: number;
  f: boolean;
  v: string | null;
  n: number;
  is: string | null;
}

export interface CellContext {
  /** Each shared string as Excel shows it, or the too-long error (see xlsx-strings.ts). */
  sharedStrings: readonly (string | CellError)[];
  numFmt(styleId: number): string | undefined;
  date1904: boolean;
}

export function cellValue(c: RawCell, ctx: CellContext): Cell | typeof NO_RESULT {
  const empty = c.f ? NO_RESULT : null;
  switch (c.t) {
    case 's':
      return c.v === null ? null : (ctx.sharedStrings[c.n === c.n ? c.n : Number(c.v)] ?? null);
    case 'inlineStr': {
      const raw = c.is ?? c.v;
      return raw === null ? null : finishText(raw);
    }
    case 'str':
      return c.v === null ? empty : finishText(c.v);
    case 'b':
      return c.v === null ? empty : /^\s*(1|true)\s*$/i.test(c.v);
    case 'e':
      return new CellError(c.v ?? '#N/A');
    case 'd':
      return c.v ? isoToWallTime(c.v) : empty;
    default: {
      if (c.v === null || (c.n !== c.n && c.v.trim() === '')) return empty;
      const n = c.n === c.n ? c.n : Number(c.v);
      if (Number.isNaN(n)) return c.v;
      return isDateStyle(ctx.numFmt(c.s)) ? wallTimeOf(n, ctx.date1904) : n;
    }
  }
}

/** Same test as exceljs's own: a format is a date format if it has date letters outside quotes and brackets. */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  return /[ymdhs]/i.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, ''));
}

// A workbook has a handful of number formats and every numeric cell asks about its own: answer each format once.
const dateStyles = new Map<string | undefined, boolean>();
function isDateStyle(fmt: string | undefined): boolean {
  let isDate = dateStyles.get(fmt);
  if (isDate === undefined) {
    if (dateStyles.size >= 1000) dateStyles.clear();
    dateStyles.set(fmt, (isDate = isDateFormat(fmt)));
  }
  return isDate;
}

// A sheet's dates and times repeat (the same working hours on every row): each serial is turned into text once.
// The cells that share it share one WallTime, which is never written to.
const wallTimes = [new Map<number, Cell>(), new Map<number, Cell>()] as const;
function wallTimeOf(serial: number, date1904: boolean): Cell {
  const cache = wallTimes[date1904 ? 1 : 0];
  let cell = cache.get(serial);
  if (cell === undefined) {
    if (cache.size >= 10_000) cache.clear();
    cache.set(serial, (cell = serialToWallTime(serial, date1904)));
  }
  return cell;
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const pad = (n: number, w = 2) => (w === 2 && n < 100 ? TWO_DIGITS[n]! : String(n).padStart(w, '0'));

/** Excel serial (days since 1899-12-30, or 1904-01-01) → `yyyy-MM-dd HH:mm:ss`, rounded to the second it shows. */
export function serialToWallTime(serial: number, date1904: boolean): Cell {
  const ms = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400) * 1000;
  const d = new Date(ms); // read back through UTC fields only: no zone is involved
  if (Number.isNaN(d.getTime())) return new CellError('#NUM!');
  return new WallTime(
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
      `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
  );
}

/** `t="d"` cells hold ISO 8601 text (written by a few tools); it is wall-clock too, so a trailing Z is dropped. */
function isoToWallTime(iso: string): Cell {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(?::(\d{2}))?)?/.exec(iso.trim());
  if (!m) return iso;
  return new WallTime(`${m[1]} ${m[2] ?? '00:00'}:${m[3] ?? '00'}`);
}

/**
 * The text Excel shows for a whole number under a padding format (`00000000`, `"E"0000`, `\#0000`), or undefined for
 * any other format. Used for id columns: `12345` formatted `00000000` is the id `00012345`, not 12345.
 */
export function paddedText(n: number, fmt: string | undefined): string | undefined {
  if (!fmt || !Number.isInteger(n) || n < 0 || n >= 1e15) return undefined;
  let prefix = '';
  let suffix = '';
  let zeros = 0;
  let placeholders = false;
  const section = fmt.split(';')[0] ?? '';
  for (let i = 0; i < section.length; i++) {
    const ch = section[i]!;
    let literal: string;
    if (ch === '0' || ch === '#') {
      if (suffix) return undefined; // digits on both sides of a literal: not a plain padding
      placeholders = true;
      if (ch === '0') zeros++;
      continue;
    } else if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      if (end < 0) return undefined;
      literal = section.slice(i + 1, end);
      i = end;
    } else if (ch === '\\' && i + 1 < section.length) {
      literal = section[++i]!;
    } else if (ch === '[') {
      const end = section.indexOf(']', i);
      if (end < 0 || section[i + 1] === 'h' || section[i + 1] === 'm' || section[i + 1] === 's') return undefined;
      i = end; // a colour or locale: shows nothing
      continue;
    } else return undefined;
    if (placeholders) suffix += literal;
    else prefix += literal;
  }
  return placeholders && (zeros > 1 || prefix || suffix) ? `${prefix}${String(n).padStart(zeros, '0')}${suffix}` : undefined;
}
