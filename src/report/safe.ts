// The one place a value goes into a cell of a workbook the tool writes (error report, results, template).
// Input text is untrusted: a cell text like `=HYPERLINK(...)` must never become a formula (CSV/formula injection).
//
// How exceljs decides: only an object value `{ formula }` / `{ sharedFormula }` becomes a formula; a JS string is
// always written as a string cell (`t="s"`, or `t="str"` with no `<f>` in the streaming writer). So a string is safe
// as written. What remains is the user editing the cell later: Excel re-parses the text on Enter. exceljs cannot
// write the `quotePrefix` style attribute, so risky text gets the Text number format (`@`) instead, which has the same
// effect: Excel keeps whatever is typed into a Text cell as text.
//
// Objects must never reach exceljs as they are: it reads any object with an `error` key as an error cell and any
// `{ text, hyperlink }` as a link. WallTime and CellError are therefore converted here.
import type ExcelJS from 'exceljs';
import { CellError, WallTime, type Cell } from '../types.js';

export const TEXT_FORMAT = '@';
export const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';
const DATE_FORMAT = 'yyyy-mm-dd';

/** The usual CSV-injection set: text Excel (or LibreOffice, Sheets) could read as a formula or a DDE call. */
const RISKY_START = /^[=+\-@\t\r]/;

export function isRisky(text: string): boolean {
  return RISKY_START.test(text);
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A wall-clock text as a Date whose UTC fields are the wall-clock fields: exceljs turns a Date into an Excel serial
 * from its UTC fields, so the cell shows exactly this time whatever the machine's time zone. Undefined when the text
 * is not a plain date/time Excel can hold (before 1900, or not that shape): such a value is written as text.
 */
export function wallTimeToDate(text: string): { date: Date; hasTime: boolean } | undefined {
  const m = WALL.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x))) as number[];
  if (y! < 1900 || mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || h! > 23 || mi! > 59 || s! > 59) return undefined;
  const date = new Date(Date.UTC(y!, mo! - 1, d!, h, mi, s));
  // Date.UTC rolls 2026-02-30 over to March: refuse it rather than write another day.
  if (date.getUTCDate() !== d) return undefined;
  return { date, hasTime: m[4] !== undefined };
}

export interface SafeOptions {
  /** Give the cell the Text format even when its text looks harmless (ids: Excel would turn 19 digits into 1.23E+18). */
  text?: boolean;
}

/** Writes `value` into `cell` as a plain value (never a formula), with the number format it needs. */
export function setSafe(cell: ExcelJS.Cell, value: Cell | undefined, options: SafeOptions = {}): void {
  if (value === null || value === undefined) {
    cell.value = null;
    if (options.text) cell.numFmt = TEXT_FORMAT;
    return;
  }
  if (value instanceof WallTime) {
    const parsed = wallTimeToDate(value.text);
    if (parsed) {
      cell.value = parsed.date;
      cell.numFmt = parsed.hasTime ? DATETIME_FORMAT : DATE_FORMAT;
      return;
    }
    return setText(cell, value.text, options);
  }
  if (value instanceof CellError) return setText(cell, value.error, options);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return setText(cell, String(value), options);
    // A number stays the number it was (an id that already lost digits must not turn into plausible text);
    // the Text format only makes Excel keep what the user retypes as text.
    cell.value = value;
    if (options.text) cell.numFmt = TEXT_FORMAT;
    return;
  }
  if (typeof value === 'boolean') {
    cell.value = value;
    return;
  }
  setText(cell, value, options);
}

function setText(cell: ExcelJS.Cell, text: string, options: SafeOptions): void {
  cell.value = text;
  if (options.text || isRisky(text)) cell.numFmt = TEXT_FORMAT;
}
