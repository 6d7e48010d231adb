// Streams the rows of one sheet's XML, row by row: nothing proportional to the sheet is held. Our own handlers on
// the scanner of xml-scan.ts rather than exceljs's WorksheetReader, which drops a formula result of 0, '' or an error (#DIV/0! …), keeps
// only the last run of inline rich text, and builds Row/Cell objects we do not need. Rows completed by a chunk are
// handed out only once that whole chunk parsed; a fault later in the part still throws (never a silent partial read).
import type { Cell } from '../types.js';
import { cellValue, type CellContext, type RawCell, NO_RESULT } from './xlsx-cells.js';
import { MAX_COLUMNS, MAX_ROWS } from './limits.js';
import { appendCapped } from './xlsx-text.js';
import { XmlError } from './xlsx-errors.js';
import { scanXml } from './xml-scan.js';


/**
 * One row: its stored cells as parallel arrays rather than an array per cell (800,000 cells in a 100,000-row month:
 * those small arrays were a good share of the reader's garbage).
 */
export interface SheetRow {
  /** The row number as Excel shows it. */
  number: number;
  /** Each stored cell's 1-based column, value and style id. */
  cols: number[];
  values: (Cell | typeof NO_RESULT)[];
  styles: number[];
  /** The cell reference of each NO_RESULT value, in order (made only for those: they are only ever named). */
  noResult?: string[];
}

/** The rows of a sheet, in batches: those each chunk of XML completed (one await per batch, not per row). */
export async function* sheetRows(xml: AsyncIterable<Buffer>, ctx: CellContext): AsyncIterable<SheetRow[]> {
  let inData = false;
  let done = false;
  let row: SheetRow | null = null;
  let rowNo = 0;
  let col = 0;
  /** The cell being read: one object, refilled for each <c> (its value is taken when the cell closes). */
  const cell: RawCell & { col: number; ref: string | undefined } = { col: 0, ref: undefined, t: undefined, s: 0, f: false, v: null, is: null };
  let c: typeof cell | null = null;
  /** Where text goes: the <v> of a cell, a <t> of its inline string, or nowhere (formulas, phonetic runs …). */
  let into: 'v' | 't' | null = null;
  let phonetic = 0;
  let ready: SheetRow[] = [];
  // Thrown from a handler: parseXml adds the position.
  const outside = (what: string) => {
    throw new XmlError(`${what} is outside the sheet (at most ${MAX_ROWS} rows and ${MAX_COLUMNS} columns)`, 0, 0);
  };

  /** The tag being opened and the attributes read so far (only `r`, `t` and `s` matter, only on row and c). */
  let tag = '';
  let r: string | undefined;
  let t: string | undefined;
  let s: string | undefined;

  const handlers = {
    open(name: string) {
      tag = name;
      r = t = s = undefined;
    },
    attr(name: string, value: string) {
      if (name === 'r') r = value;
      else if (name === 't') t = value;
      else if (name === 's') s = value;
    },
    opened() {
      if (done) return;
      switch (tag) {
        case 'c':
          if (!row) return;
          col = (r && columnOf(r)) || col + 1;
          if (col > MAX_COLUMNS) outside(`cell ${r ?? columnName(col)}`);
          // The same reference over and over would grow one row without end.
          if (row.cols.length >= MAX_COLUMNS) outside(`cell ${row.cols.length + 1} of row ${rowNo}`);
          c = cell;
          c.col = col;
          c.ref = r; // the reference as written, if any
          c.t = t;
          c.s = s ? Number(s) : 0;
          c.f = false;
          c.v = null;
          c.is = null;
          return;
        case 'v':
          if (!c) return;
          into = 'v';
          c.v ??= ''; // an empty <v></v> is an empty result, not a missing one
          return;
        case 't':
          if (!c || phonetic) return;
          into = 't';
          c.is ??= '';
          return;
        case 'f':
          if (c) c.f = true;
          return;
        case 'rPh':
          phonetic++; // phonetic guide text (furigana, pinyin) is not part of the value
          return;
        case 'row': {
          if (!inData) return;
          const n = r ? Number(r) : NaN;
          rowNo = Number.isInteger(n) && n > 0 ? n : rowNo + 1;
          if (rowNo > MAX_ROWS) outside(`row ${rowNo}`);
          row = { number: rowNo, cols: [], values: [], styles: [] };
          col = 0;
          return;
        }
        case 'sheetData':
          inData = true;
      }
    },
    close(name: string) {
      if (done) return;
      switch (name) {
        case 'v':
        case 't':
          into = null;
          return;
        case 'rPh':
          phonetic--;
          return;
        case 'c':
          if (row && c) {
            const value = cellValue(c, ctx);
            row.cols.push(c.col);
            row.values.push(value);
            row.styles.push(c.s);
            if (value === NO_RESULT) (row.noResult ??= []).push(c.ref ?? `${columnName(c.col)}${rowNo}`);
          }
          c = null;
          into = null;
          return;
        case 'row':
          if (row?.cols.length) ready.push(row);
          row = null;
          return;
        case 'sheetData':
          done = true; // merges, validations … follow: not needed (still read, for the CRC check)
      }
    },
    wantsText: () => !done && c !== null && into !== null,
    text(text: string) {
      if (!c || into === null) return;
      if (into === 'v') c.v = appendCapped(c.v ?? '', text);
      else c.is = appendCapped(c.is ?? '', text);
    },
  };

  for await (const _ of scanXml(xml, handlers, () => done)) {
    if (!ready.length) continue;
    yield ready;
    ready = [];
  }
}

/** `AB12` or `ab12` → 28; 0 when the reference has no column letters. */
export function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length && n <= MAX_COLUMNS; i++) {
    const code = ref.charCodeAt(i) | 0x20; // lower case
    if (code < 97 || code > 122) break;
    n = n * 26 + code - 96;
  }
  return n;
}

/** 28 → `AB`. */
function columnName(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
