// Streams the rows of one sheet's XML. Our own handlers on exceljs's SAX parser (saxes) rather than its
// WorksheetReader: that one drops a formula result of 0, '' or an error (#DIV/0! …), keeps only the last run of inline
// rich text, and builds Row/Cell objects we do not need. The parser is driven as exceljs's parse-sax drives it (one
// write per chunk, the chunk decoded the same way, never closed, the last error thrown after the chunk), but with
// handlers instead of an event object per tag: a sheet of 100,000 rows has millions of tags.
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { cellValue, type CellContext, type RawCell, NO_RESULT } from './xlsx-cells.js';
import type { Cell } from '../types.js';

interface SaxNode {
  name: string;
  attributes: Record<string, string>;
}
interface Saxes {
  on(event: 'opentag' | 'closetag', handler: (node: SaxNode) => void): void;
  on(event: 'text', handler: (text: string) => void): void;
  on(event: 'error', handler: (e: Error) => void): void;
  write(chunk: string): void;
}

// exceljs's own saxes and chunk decoder (the stream must end chunks on whole characters: zip.ts wholeChars).
const require = createRequire(import.meta.url);
const { SaxesParser } = createRequire(require.resolve('exceljs'))('saxes') as { SaxesParser: new () => Saxes };
const { bufferToString } = require('exceljs/lib/utils/browser-buffer-decode.js') as { bufferToString(chunk: unknown): string };

export interface SheetRow {
  /** The row number as Excel shows it. */
  number: number;
  /** [1-based column, value, cell reference] for each stored cell. */
  cells: [number, Cell | typeof NO_RESULT, string][];
}

export async function* sheetRows(xml: Readable, ctx: CellContext): AsyncIterable<SheetRow> {
  let inData = false;
  let done = false;
  let row: SheetRow | null = null;
  let rowNo = 0;
  let col = 0;
  let c: (RawCell & { col: number; ref: string }) | null = null;
  let into: 'v' | 'is' | null = null;
  let phonetic = false;
  /** Rows completed by the chunk being parsed: handed out once the whole chunk parsed without error. */
  let ready: SheetRow[] = [];
  let error: Error | undefined;

  const parser = new SaxesParser();
  parser.on('error', (e) => (error = e));
  parser.on('text', (text) => {
    if (done) return;
    if (c && into === 'v') c.v += text;
    else if (c && into === 'is' && !phonetic) c.is = (c.is ?? '') + text;
  });
  parser.on('opentag', ({ name: raw, attributes: a }) => {
    if (done) return;
    const name = localName(raw);
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
    } else if (c && name === 't' && c.t === 'inlineStr') {
      into = 'is';
      c.is ??= '';
    } else if (name === 'rPh') phonetic = true; // phonetic guide text (furigana) is not part of the value
  });
  parser.on('closetag', ({ name: raw }) => {
    if (done) return;
    const name = localName(raw);
    if (name === 'v' || name === 't') into = null;
    else if (name === 'rPh') phonetic = false;
    else if (name === 'c' && row && c) {
      row.cells.push([c.col, cellValue(c, ctx), c.ref]);
      c = null;
    } else if (name === 'row' && row) {
      if (row.cells.length) ready.push(row);
      row = null;
    } else if (name === 'sheetData') done = true; // merges, validations … follow: not needed
  });

  for await (const chunk of xml) {
    parser.write(bufferToString(chunk));
    if (error) throw error;
    const rows = ready;
    ready = [];
    for (const r of rows) yield r;
    if (done) return;
  }
}

/** Some writers prefix every tag (x:row, x:c). No regex: this runs for every tag of the sheet. */
function localName(name: string): string {
  if (name.length === 1) return name; // c, v, f, t, r: most tags, and too short to have a prefix
  const colon = name.lastIndexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** `AB12` → 28. */
function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    n = n * 26 + code - 64;
  }
  return n;
}
