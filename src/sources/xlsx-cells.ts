// One <c> element of sheet XML → the pipeline's Cell. Dates become WallTime text: a serial number is a wall-clock
// value, so it is turned into text arithmetically, never through a Date in the machine's time zone.
import { CellError, WallTime, type Cell } from '../types.js';

/** What a formula cell without a saved result turns into; counted by the caller for one notice per sheet. */
export const NO_RESULT = Symbol('no formula result');

/** A <c> element as read: type attribute, style id, whether it has a formula, the <v> text, the inline string. */
export interface RawCell {
  t: string | undefined;
  s: number;
  f: boolean;
  v: string | null;
  is: string | null;
}

export interface CellContext {
  sharedStrings: readonly unknown[];
  numFmt(styleId: number): string | undefined;
  date1904: boolean;
}

export function cellValue(c: RawCell, ctx: CellContext): Cell | typeof NO_RESULT {
  const empty = c.f ? NO_RESULT : null;
  switch (c.t) {
    case 's':
      return c.v === null ? null : sharedText(ctx.sharedStrings[Number(c.v)]);
    case 'inlineStr':
      return c.is ?? c.v;
    case 'str':
      return c.v ?? empty;
    case 'b':
      return c.v === null ? empty : c.v.trim() === '1' || c.v.trim() === 'true';
    case 'e':
      return new CellError(c.v ?? '#N/A');
    case 'd':
      return c.v ? isoToWallTime(c.v) : empty;
    default: {
      if (c.v === null || c.v.trim() === '') return empty;
      const n = Number(c.v);
      if (Number.isNaN(n)) return c.v;
      return isDateStyle(ctx.numFmt(c.s)) ? serialToWallTime(n, ctx.date1904) : n;
    }
  }
}

/** exceljs caches a shared string as text, or as `{richText: [{text}]}` when it has formatting runs. */
function sharedText(s: unknown): string | null {
  if (s === undefined) return null;
  if (s && typeof s === 'object' && 'richText' in s && Array.isArray(s.richText)) {
    return s.richText.map((r: { text?: string | null }) => r.text ?? '').join('');
  }
  return s === null ? '' : String(s);
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
