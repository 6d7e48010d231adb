// The .csv adapter: one kind per file (from --kind / the manifest, else the file name), row numbers as Excel shows
// them when it opens the file (header = 1, blank lines counted, a quoted multi-line field is one row).
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse as parsePath } from 'node:path';
import { Readable, pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import { InputError } from '../errors.js';
import { SHEET_NAMES, kindOfSheet } from '../fields.js';
import type { Cell, InputRow, Kind, SheetInfo } from '../types.js';
import { ACCEPTED_ENCODINGS, NotUtf8Error, decodeText, encodingOf } from './encoding.js';
import { checkReadable } from './files.js';
import { isEmptyRow, noticeUnknownColumns, sheetInfo } from './header.js';
import { MAX_CELL_CHARS, MAX_COLUMNS, tooLong } from './limits.js';
import type { ReadContext, SourceAdapter, SourceInput } from './types.js';
import { ref } from '../messages/said.js';

export const csvAdapter: SourceAdapter = {
  name: 'csv',
  read: readCsv,
};

async function* readCsv(input: SourceInput, ctx: ReadContext): AsyncIterable<InputRow> {
  const file = input.path;
  await checkReadable(file);
  await checkNotWorkbook(file);
  const kind = input.kind ?? kindOfFileName(file);
  const encoding = encodingOf(input.encoding);
  if (!encoding) throw new InputError(ref('input.badEncoding', { file, encoding: input.encoding ?? '', accepted: ACCEPTED_ENCODINGS }));

  // relax_*: a stray quote or a short row is the validator's business (a clear per-row problem), not a fatal error.
  // max_record_size: a file with no line breaks (or a quote never closed) is not read into memory whole.
  const parser = parse({ relax_column_count: true, relax_quotes: true, skip_empty_lines: false, max_record_size: MAX_RECORD_CHARS });
  pipeline(Readable.from(decodeText(createReadStream(file), encoding)), parser, () => {});
  let sheet: SheetInfo | undefined;
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      checkRecord(file, row, record);
      if (!sheet) {
        sheet = sheetInfo(file, parsePath(file).name, kind, record, input.columns);
        noticeUnknownColumns(sheet, ctx);
        continue;
      }
      const values: Cell[] = sheet.headers.map((_, i) => {
        const v = record[i];
        return v === undefined || v === '' ? null : v.length > MAX_CELL_CHARS ? tooLong() : v;
      });
      if (!isEmptyRow(values)) yield { sheet, row, values };
    }
  } catch (e) {
    throw csvError(file, e);
  }
  if (!sheet) sheetInfo(file, parsePath(file).name, kind, [], input.columns); // an empty file: "missing column …"
}

/** A row of a CSV may hold at most this many characters: far more than 16,384 cells of a sane length. */
const MAX_RECORD_CHARS = 8 * 2 ** 20;

/** NUL bytes are never text, and a row wider than a sheet cannot come from a spreadsheet: both stop the read. */
function checkRecord(file: string, row: number, record: string[]): void {
  if (record.length > MAX_COLUMNS) {
    throw new InputError(ref('input.csvTooWide', { file, row, count: record.length, max: MAX_COLUMNS, column: MAX_COLUMNS + 1 }));
  }
  for (let i = 0; i < record.length; i++) {
    if (record[i]!.includes('\u0000')) throw new InputError(ref('input.csvNul', { file, row, column: i + 1 }));
  }
}

/** A workbook saved under a .csv name: said for what it is, not as a CSV with strange headers. */
async function checkNotWorkbook(file: string): Promise<void> {
  const fh = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(4), 0, 4, 0);
    if (bytesRead < 4) return;
    if (buffer.readUInt32LE(0) === 0x04034b50) throw new InputError(ref('input.csvIsWorkbook', { file, format: 'an Excel workbook (.xlsx)', ext: '.xlsx' }));
    if (buffer.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) throw new InputError(ref('input.csvIsWorkbook', { file, format: 'an old Excel workbook (.xls)', ext: '.xls' }));
  } finally {
    await fh.close();
  }
}

function csvError(file: string, e: unknown): Error {
  if (e instanceof InputError) return e;
  if (e instanceof NotUtf8Error) return new InputError(ref('input.notUtf8', { file, line: e.line }), { cause: e });
  const err = e as { code?: string; lines?: number; message?: string };
  if (err.code === 'CSV_MAX_RECORD_SIZE') return new InputError(ref('input.csvTooLong', { file, line: err.lines ?? '?', limit: `${MAX_RECORD_CHARS / 2 ** 20} M characters` }), { cause: e });
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') return new InputError(ref('input.csvUnclosedQuote', { file, line: err.lines ?? '?' }), { cause: e });
  if (err.code?.startsWith('CSV_')) return new InputError(ref('input.csvSyntax', { file, line: err.lines ?? '?', reason: err.message ?? err.code }), { cause: e });
  if (err.code) return new InputError(ref('input.unreadable', { file, reason: err.code }), { cause: e });
  return e instanceof Error ? e : new Error(String(e));
}

/**
 * The kind a CSV file name stands for: the whole base name (`leaves.csv`, `请假.csv`), else a whole token of it
 * (`2026-03-leaves.csv`, `leaves_2026-03.csv`), else a Chinese kind name inside it (`3月请假.csv`).
 */
export function kindOfFileName(file: string): Kind {
  const base = parsePath(file).name;
  const whole = kindOfSheet(base);
  if (whole) return whole;
  const found = new Set<Kind>();
  for (const token of base.split(/[^\p{L}]+/u)) {
    const k = token && kindOfSheet(token);
    if (k) found.add(k);
  }
  for (const [kind, names] of Object.entries(SHEET_NAMES) as [Kind, readonly string[]][]) {
    if (names.some((n) => /\p{Script=Han}/u.test(n) && base.includes(n))) found.add(kind);
  }
  if (found.size === 1) return [...found][0]!;
  const expected = Object.values(SHEET_NAMES).flat().map((n) => `${n}.csv`).join(', ');
  if (found.size === 0) throw new InputError(ref('input.csvNoKind', { file, expected }));
  throw new InputError(ref('input.csvManyKinds', { file, kinds: [...found].join(', ') }));
}
