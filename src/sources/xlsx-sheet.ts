// Streams the rows of one sheet's XML. Our own loop over exceljs's SAX events rather than its WorksheetReader:
// that one drops a formula result of 0, '' or an error (#DIV/0! …), keeps only the last run of inline rich text,
// and builds Row/Cell objects we do not need.
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { cellValue, type CellContext, type RawCell, NO_RESULT } from './xlsx-cells.js';
import type { Cell } from '../types.js';

interface SaxNode {
  name: string;
  attributes: Record<string, string>;
}
type SaxEvent = { eventType: 'opentag' | 'closetag'; value: SaxNode } | { eventType: 'text'; value: string };

// exceljs's SAX helper (saxes underneath), batched per chunk. The stream must end chunks on whole characters.
const parseSax = createRequire(import.meta.url)('exceljs/lib/utils/parse-sax.js') as (input: Readable) => AsyncIterable<SaxEvent[]>;

export interface SheetRow {
  /** The row number as Excel shows it. */
  number: number;
  /** [1-based column, value, cell reference] for each stored cell. */
  cells: [number, Cell | typeof NO_RESULT, string][];
}

export async function* sheetRows(xml: Readable, ctx: CellContext): AsyncIterable<SheetRow> {
  let inData = false;
  let row: SheetRow | null = null;
  let rowNo = 0;
  let col = 0;
  let c: (RawCell & { col: number; ref: string }) | null = null;
  let into: 'v' | 'is' | null = null;
  let phonetic = false;
  for await (const events of parseSax(xml)) {
    for (const e of events) {
      if (e.eventType === 'text') {
        if (c && into === 'v') c.v += e.value;
        else if (c && into === 'is' && !phonetic) c.is = (c.is ?? '') + e.value;
        continue;
      }
      const name = e.value.name.replace(/^.*:/, ''); // some writers prefix every tag (x:row, x:c)
      const a = e.value.attributes;
      if (e.eventType === 'opentag') {
        if (name === 'sheetData') inData = true;
        else if (name === 'row' && inData) {
          rowNo = a.r ? Number(a.r) : rowNo + 1;
          row = { number: rowNo, cells: [] };
          col = 0;
        } else if (name === 'c' && row) {
          col = a.r ? columnOf(a.r) : col + 1;
          c = { col, ref: a.r ?? `${col}:${rowNo}`, t: a.t, s: Number(a.s ?? 0), f: false, v: null, is: null };
        } else if (c && name === 'f') c.f = true;
        else if (c && name === 'v') {
          into = 'v';
          c.v = ''; // an empty <v></v> is an empty result, not a missing one
        }
        else if (c && name === 't' && c.t === 'inlineStr') {
          into = 'is';
          c.is ??= '';
        }        else if (name === 'rPh') phonetic = true; // phonetic guide text (furigana) is not part of the value
      } else {
        if (name === 'v' || name === 't') into = null;
        else if (name === 'rPh') phonetic = false;
        else if (name === 'c' && row && c) {
          row.cells.push([c.col, cellValue(c, ctx), c.ref]);
          c = null;
        } else if (name === 'row' && row) {
          if (row.cells.length) yield row;
          row = null;
        } else if (name === 'sheetData') return; // merges, validations … follow: not needed
      }
    }
  }
}

/** `AB12` → 28. */
function columnOf(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    n = n * 26 + code - 64;
  }
  return n;
}
