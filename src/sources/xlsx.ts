// The .xlsx adapter: streams every sheet named after a kind, row 1 as headers, one InputRow per non-empty row.
import { ref } from '../messages/said.js';
import { open, stat } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { SHEET_NAMES, fieldSpec, kindOfSheet } from '../fields.js';
import { render } from '../messages/index.js';
import type { Cell, InputRow, Kind, SheetInfo } from '../types.js';
import { isEmptyRow, noticeUnknownColumns, sheetInfo } from './header.js';
import { checkReadable } from './files.js';
import type { ReadContext, SourceAdapter, SourceInput } from './types.js';
import { MAX_MESSAGE, oneLine, shortList } from './oneline.js';
import { NO_RESULT, paddedText } from './xlsx-cells.js';
import type { SheetEntry } from './xlsx-reader.js';
import type { SheetRow } from './xlsx-sheet.js';
import type { NumFmt } from './xlsx-styles.js';
import { DamagedError, OtherFormatError, TooLargeError, XmlError } from './xlsx-errors.js';
import { readXlsxThreadedBatches } from './xlsx-thread.js';
import { THREADED_MIN_BYTES, threadedAvailable } from './xlsx-thread-start.js';
import { eachRow, type RowBatches } from './batches.js';

const expectedSheets = () => Object.values(SHEET_NAMES).flat().join(', ');

export const xlsxAdapter: SourceAdapter = {
  name: 'xlsx',
  read: (input, ctx) => eachRow(readXlsx(input, ctx)),
  readBatches: readXlsx,
};

/** A big workbook (THREADED_MIN_BYTES) is parsed on a second thread (xlsx-thread.ts) while this one normalises its rows. */
async function* readXlsx(input: SourceInput, ctx: ReadContext): RowBatches {
  const size = await stat(input.path).then((s) => s.size, () => 0);
  if (ctx.threads !== false && size >= THREADED_MIN_BYTES && threadedAvailable()) yield* readXlsxThreadedBatches(input, ctx, readWorkbookBatches);
  else yield* readWorkbookBatches(input, ctx);
}

/** Every row of the workbook's known sheets, on this thread (the worker of xlsx-thread.ts runs this too). */
export const readWorkbookRows = (input: SourceInput, ctx: ReadContext): AsyncIterable<InputRow> => eachRow(readWorkbookBatches(input, ctx));

/** The same, in batches: the rows each chunk of a sheet's XML completed. */
export async function* readWorkbookBatches(input: SourceInput, ctx: ReadContext): RowBatches {
  const file = input.path;
  await checkReadable(file);
  await checkZipSignature(file);
  // Loaded here, not with this module: on the main thread of a threaded read, zip and XML code is never needed.
  const { openWorkbook } = await import('./xlsx-reader.js');
  const workbook = await openWorkbook(file).catch((e: unknown) => {
    throw workbookError(file, e);
  });
  try {
    const names = workbook.sheets.map((s) => s.name);
    if (!names.some((n) => kindOfSheet(n))) {
      const message = (sheets: string) => ref('input.noKnownSheet', { file, sheets, expected: expectedSheets() });
      throw new InputError(message(shortList(names, MAX_MESSAGE - render(message('')).length) || '—'));
    }
    const wanted: [SheetEntry, Kind][] = [];
    for (const sheet of workbook.sheets) {
      const kind = kindOfSheet(sheet.name);
      if (!kind) ctx.onNotice(ref('input.sheetIgnored', { file, sheet: sheet.name, expected: expectedSheets() }));
      else if (!sheet.isWorksheet) ctx.onNotice(ref('input.sheetNotWorksheet', { file, sheet: sheet.name }));
      else if (input.kind && kind !== input.kind) ctx.onNotice(ref('input.sheetOtherKind', { file, sheet: sheet.name, kind: input.kind }));
      else wanted.push([sheet, kind]);
    }
    for (const [sheet, kind] of wanted) {
      try {
        yield* readSheet(file, sheet.name, workbook.rows(sheet), workbook.numFmt, kind, input, ctx);
      } catch (e) {
        throw workbookError(file, e, sheet.name);
      }
    }
  } finally {
    workbook.close();
  }
}

/** Damaged zips and XML raise internals the user cannot act on: each becomes one InputError line saying which. */
function workbookError(file: string, e: unknown, sheet?: string): Error {
  if (e instanceof InputError) return e;
  if (e instanceof XmlError && sheet !== undefined) {
    return new InputError(ref('input.sheetMalformed', { file, sheet, line: e.line, column: e.column, reason: oneLine(e.reason, 80) }), { cause: e });
  }
  if (e instanceof OtherFormatError) return new InputError(ref('input.otherFormat', { file, format: e.message }), { cause: e });
  if (e instanceof TooLargeError) return new InputError(ref('input.xlsxTooLarge', { file, reason: oneLine(e.message, 120) }), { cause: e });
  if (e instanceof DamagedError) return new InputError(ref('input.xlsxDamaged', { file, reason: oneLine(e.message, 120) }), { cause: e });
  return new InputError(ref('input.notXlsx', { file }), { cause: e });
}

async function* readSheet(
  file: string,
  name: string,
  batches: AsyncIterable<SheetRow[]>,
  numFmt: NumFmt,
  kind: Kind,
  input: SourceInput,
  ctx: ReadContext,
): RowBatches {
  let sheet: SheetInfo | undefined;
  /** Columns (0-based) of id fields: a number there reads as the text its format shows (`00012345`). */
  let idColumns: boolean[] = [];
  let noResult = 0;
  let firstNoResult = '';
  for await (const rows of batches) {
    const out: InputRow[] = [];
    for (const row of rows) {
      if (!sheet) {
        // Row 1 is the header by contract; a sheet whose first stored row is lower has no header at all.
        const headers: string[] = [];
        if (row.number === 1) {
          row.cols.forEach((col, i) => {
            const v = row.values[i];
            headers[col - 1] = v === null || v === NO_RESULT || v === undefined ? '' : String(v);
          });
        }
        sheet = sheetInfo(file, name, kind, Array.from(headers, (h) => h ?? ''), input.columns);
        noticeUnknownColumns(sheet, ctx);
        idColumns = sheet.fields.map((f) => (f ? fieldSpec(kind, f)?.type === 'id' : false));
        if (row.number === 1) continue;
      }
      const values: Cell[] = new Array<Cell>(sheet.headers.length).fill(null);
      for (let i = 0, k = 0; i < row.cols.length; i++) {
        const col = row.cols[i]!;
        const v = row.values[i]!;
        const ref = v === NO_RESULT ? row.noResult?.[k++] : undefined;
        if (col > values.length) continue; // a cell with no header is not part of the contract
        if (v === NO_RESULT) {
          if (noResult++ === 0) firstNoResult = ref ?? '';
        } else if (typeof v === 'number' && idColumns[col - 1]) values[col - 1] = paddedText(v, numFmt(row.styles[i]!)) ?? v;
        else values[col - 1] = v;
      }
      if (!isEmptyRow(values)) out.push({ sheet, row: row.number, values });
    }
    if (out.length) yield out;
  }
  if (!sheet) ctx.onNotice(ref('input.sheetEmpty', { file, sheet: name }));
  if (noResult) ctx.onNotice(ref('input.formulaNoResult', { file, sheet: name, count: noResult, cell: firstNoResult }));
}

/** A zip starts with "PK"; an OLE file (old .xls, or any password-protected workbook) with D0 CF 11 E0. */
async function checkZipSignature(file: string): Promise<void> {
  const fh = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(4), 0, 4, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) throw new InputError(ref('input.oldXls', { file }));
    if (bytesRead < 4 || head.readUInt32LE(0) !== 0x04034b50) throw new InputError(ref('input.notXlsx', { file }));
  } finally {
    await fh.close();
  }
}
