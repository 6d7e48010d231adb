// The .xlsx adapter: streams every sheet named after a kind, row 1 as headers, one InputRow per non-empty row.
import { open, stat } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { SHEET_NAMES, kindOfSheet } from '../fields.js';
import { t } from '../messages/index.js';
import type { Cell, InputRow, Kind, SheetInfo } from '../types.js';
import { isEmptyRow, sheetInfo } from './header.js';
import { checkReadable } from './files.js';
import type { ReadContext, SourceAdapter, SourceInput } from './types.js';
import { NO_RESULT } from './xlsx-cells.js';
import { openWorkbook } from './xlsx-reader.js';
import type { SheetRow } from './xlsx-sheet.js';
import { readXlsxThreaded, threadedAvailable } from './xlsx-thread.js';

const expectedSheets = () => Object.values(SHEET_NAMES).flat().join(', ');

export const xlsxAdapter: SourceAdapter = {
  name: 'xlsx',
  match: (path) => /\.xlsx$/i.test(path),
  read: readXlsx,
};

/**
 * A big workbook is parsed on a second thread (xlsx-thread.ts) while this one normalises its rows: parsing the XML is
 * about half the work of `validate`. Not on a single core, where the two would only take turns, nor for a small
 * workbook, not worth the ~50 ms a worker takes to start. The rows, notices and errors are the same either way.
 */
const THREADED_MIN_BYTES = 1 << 20;

async function* readXlsx(input: SourceInput, ctx: ReadContext): AsyncIterable<InputRow> {
  const size = await stat(input.path).then((s) => s.size, () => 0);
  if (size >= THREADED_MIN_BYTES && threadedAvailable()) yield* readXlsxThreaded(input, ctx, readWorkbookRows);
  else yield* readWorkbookRows(input, ctx);
}

/** Every row of the workbook's known sheets, on this thread (the worker of xlsx-thread.ts runs this too). */
export async function* readWorkbookRows(input: SourceInput, ctx: ReadContext): AsyncIterable<InputRow> {
  const file = input.path;
  await checkReadable(file);
  await checkZipSignature(file);
  // Damaged zips and XML raise internals the user cannot act on: each becomes the same one-line InputError.
  const notXlsx = (e: unknown) => (e instanceof InputError ? e : new InputError(t('input.notXlsx', { file }), { cause: e }));
  const workbook = await openWorkbook(file).catch((e: unknown) => {
    throw notXlsx(e);
  });
  if (!workbook.sheetNames.some((n) => kindOfSheet(n))) {
    throw new InputError(t('input.noKnownSheet', { file, sheets: workbook.sheetNames.join(', ') || '—', expected: expectedSheets() }));
  }
  const wanted: [string, Kind][] = [];
  for (const name of workbook.sheetNames) {
    const kind = kindOfSheet(name);
    if (!kind) ctx.onNotice(t('input.sheetIgnored', { file, sheet: name, expected: expectedSheets() }));
    else if (input.kind && kind !== input.kind) ctx.onNotice(t('input.sheetOtherKind', { file, sheet: name, kind: input.kind }));
    else wanted.push([name, kind]);
  }
  for (const [name, kind] of wanted) {
    try {
      yield* readSheet(file, name, workbook.sheet(name), kind, input, ctx);
    } catch (e) {
      throw notXlsx(e);
    }
  }
}

async function* readSheet(file: string, name: string, rows: AsyncIterable<SheetRow>, kind: Kind, input: SourceInput, ctx: ReadContext): AsyncIterable<InputRow> {
  let sheet: SheetInfo | undefined;
  let noResult = 0;
  let firstNoResult = '';
  for await (const row of rows) {
    if (!sheet) {
      // Row 1 is the header by contract; a sheet whose first stored row is lower has no header at all.
      const headers: string[] = [];
      if (row.number === 1) for (const [col, v] of row.cells) headers[col - 1] = v === null || v === NO_RESULT ? '' : String(v);
      sheet = sheetInfo(file, name, kind, Array.from(headers, (h) => h ?? ''), input.columns);
      if (row.number === 1) continue;
    }
    const values: Cell[] = new Array<Cell>(sheet.headers.length).fill(null);
    for (const [col, v, ref] of row.cells) {
      if (col > values.length) continue; // a cell with no header is not part of the contract
      if (v === NO_RESULT) {
        if (noResult++ === 0) firstNoResult = ref;
      } else values[col - 1] = v;
    }
    if (!isEmptyRow(values)) yield { sheet, row: row.number, values };
  }
  if (!sheet) ctx.onNotice(t('input.sheetEmpty', { file, sheet: name }));
  if (noResult) ctx.onNotice(t('input.formulaNoResult', { file, sheet: name, count: noResult, cell: firstNoResult }));
}

/** A zip starts with "PK"; an OLE file (old .xls, or any password-protected workbook) with D0 CF 11 E0. */
async function checkZipSignature(file: string): Promise<void> {
  const fh = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(4), 0, 4, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) throw new InputError(t('input.oldXls', { file }));
    if (bytesRead < 4 || head.readUInt32LE(0) !== 0x04034b50) throw new InputError(t('input.notXlsx', { file }));
  } finally {
    await fh.close();
  }
}
