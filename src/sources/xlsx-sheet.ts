// Streams the rows of one sheet's XML, row by row: nothing proportional to the sheet is held. Our own handlers on
// the scanner of xml-scan.ts rather than exceljs's WorksheetReader, which drops a formula result of 0, '' or an error (#DIV/0! …), keeps
// only the last run of inline rich text, and builds Row/Cell objects we do not need. Rows completed by a chunk are
// handed out only once that whole chunk parsed; a fault later in the part still throws (never a silent partial read).
import type { Cell } from '../types.js';
import { cellValue, type CellContext, type RawCell, NO_RESULT } from './xlsx-cells.js';
import { MAX_COLUMNS, MAX_ROWS } from './limits.js';
import { appendCapped } from './xlsx-text.js';
import { XmlError } from './xlsx-errors.js';
import { CLOSE, MORE, OPEN, type XmlScanner } from './xml-scan.js';
import { scanned } from './xml.js';


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
  const cell: RawCell & { col: number } = { col: 0, t: undefined, s: 0, f: false, v: null, n: NaN, is: null };
  let c: typeof cell | null = null;
  /** Where text goes: the <v> of a cell, a <t> of its inline string, or nowhere (formulas, phonetic runs …). */
  let into: 'v' | 't' | null = null;
  let phonetic = 0;
  let ready: SheetRow[] = [];
  // Thrown from here: the scanner adds the position.
  const outside = (what: string) => {
    throw new XmlError(`${what} is outside the sheet (at most ${MAX_ROWS} rows and ${MAX_COLUMNS} columns)`, 0, 0);
  };

  /** A start tag: only `r`, `t` and `s` matter, only on row and c. */
  const opened = (scan: XmlScanner) => {
    switch (scan.name) {
      case 'c': {
        if (!row) return;
        let r = -1;
        let t = -1;
        let s = -1;
        for (let i = 0; i < scan.attrCount; i++) {
          const key = scan.attrKey(i);
          if (key === 114) r = i;
          else if (key === 116) t = i;
          else if (key === 115) s = i;
        }
        col = (r >= 0 && columnOfAttr(scan, r)) || col + 1;
        if (col > MAX_COLUMNS) outside(`cell ${r >= 0 ? scan.attr(r) : columnName(col)}`);
        // The same reference over and over would grow one row without end.
        if (row.cols.length >= MAX_COLUMNS) outside(`cell ${row.cols.length + 1} of row ${rowNo}`);
        c = cell;
        c.col = col;
        c.t = t >= 0 ? scan.attr(t) : undefined;
        c.s = s >= 0 ? intAttr(scan, s) || 0 : 0;
        c.f = false;
        c.v = null;
        c.n = NaN;
        c.is = null;
        return;
      }
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
        let r = -1;
        for (let i = 0; i < scan.attrCount; i++) if (scan.attrKey(i) === 114) r = i;
        const n = r >= 0 ? intAttr(scan, r) : NaN;
        rowNo = Number.isInteger(n) && n > 0 ? n : rowNo + 1;
        if (rowNo > MAX_ROWS) outside(`row ${rowNo}`);
        row = { number: rowNo, cols: [], values: [], styles: [] };
        col = 0;
        return;
      }
      case 'sheetData':
        inData = true;
    }
  };

  const closed = (name: string) => {
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
          if (value === NO_RESULT) (row.noResult ??= []).push(`${columnName(c.col)}${rowNo}`);
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
  };

  /** Text where it is wanted (else never made: only checked). A number or shared string's index is read as a number. */
  const took = (scan: XmlScanner) => {
    if (!c) return;
    if (into === 'v') {
      if (c.v === '' && (c.t === undefined || c.t === 's' || c.t === 'n') && (c.n = scan.textNumber()) === c.n) return;
      c.v = appendCapped(c.v ?? '', scan.text());
    } else c.is = appendCapped(c.is ?? '', scan.text());
  };

  for await (const scan of scanned(xml, () => done)) {
    try {
      for (let token = scan.next(); token !== MORE && !done; token = scan.next()) {
        if (token === OPEN) {
          opened(scan);
          // Most cells are `<c …><v>text</v></c>`: read at once, as its tokens one by one would have been.
          const opening = c as typeof cell | null; // (set by opened: TypeScript cannot see that)
          if (opening !== null && scan.name === 'c' && scan.textOnly('v')) {
            into = 'v';
            opening.v = '';
            took(scan);
            closed('c');
          }
        } else if (token === CLOSE) closed(scan.name);
        else if (c !== null && into !== null) took(scan);
      }
    } catch (e) {
      scan.located(e); // our own XmlError (a cell outside the sheet) gets the scanner's position
    }
    if (!ready.length) continue;
    yield ready;
    ready = [];
  }
  if (ready.length) yield ready;
}

/** `AB12` or `ab12` → 28, read where the attribute is (no string: this runs for every cell); 0 without column letters. */
function columnOfAttr(scan: XmlScanner, i: number): number {
  let n = 0;
  for (let k = 0; n <= MAX_COLUMNS; k++) {
    const code = scan.attrCode(i, k) | 0x20; // lower case (NaN past the end: 0x20)
    if (code < 97 || code > 122) break;
    n = n * 26 + code - 96;
  }
  return n;
}

/** A whole-number attribute, read in place when it is plain digits (it is, but for odd writers). */
const intAttr = (scan: XmlScanner, i: number): number => {
  const n = scan.attrInt(i);
  return n === n ? n : Number(scan.attr(i));
};

/** 28 → `AB`. */
function columnName(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
