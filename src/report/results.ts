// The results workbook of `apply`: every input row with its outcome, one sheet per input sheet, then a summary.
// Streamed (100,000 rows): the caller hands over sheets in order and each is committed before the next.
import type ExcelJS from 'exceljs';
import { reasonText } from '../messages/index.js';
import type { Cell, RowOutcome, RowStatus, SheetInfo } from '../types.js';
import { writeResultsSummary, type ResultsSummary } from './results-summary.js';
import { writeTable } from './rows.js';
import { isIdField, outputSheetName, squashHeader, uniqueSheetName } from './table.js';
import { FILL, FONT, colourStatus, withWorkbook, type AnyIterable } from './workbook.js';

/** A plain object, so the core can fill it as the run goes and the CLI can print it as JSON too. */
export type { ResultsSummary };

export interface ResultRow {
  values: Cell[];
  /** The row number in the input (as Excel shows it). */
  row: number;
  outcome: RowOutcome;
}

export interface ResultsInput {
  sheets: AnyIterable<{ sheet: SheetInfo; rows: AnyIterable<ResultRow> }>;
  /** Read after the last row is written, so it may still be filled while rows stream in. */
  summary: ResultsSummary;
}

/** The columns added after the input columns; fixed English identifiers, since other programs read them. */
export const RESULT_COLUMNS = ['status', 'approval_id', 'idempotent_id', 'error_code', 'error_message', 'log_id', 'source_row', 'source_file'] as const;
const ADDED = new Set<string>(RESULT_COLUMNS);
/** Text whatever it looks like: ids are 19-digit numbers a number cell would round. */
const TEXT_RESULTS = new Set(['status', 'approval_id', 'idempotent_id', 'error_code', 'log_id']);

/** Green: done (a status change or decision made is `updated`); red: needs the user; grey: not attempted. */
export const STATUS_STYLE: Record<RowStatus, { fill: string; font: string }> = {
  created: { fill: FILL.good, font: FONT.good },
  exists: { fill: FILL.good, font: FONT.good },
  updated: { fill: FILL.good, font: FONT.good },
  failed: { fill: FILL.bad, font: FONT.bad },
  invalid: { fill: FILL.bad, font: FONT.bad },
  conflict: { fill: FILL.bad, font: FONT.bad },
  unconfirmed: { fill: FILL.bad, font: FONT.bad },
  skipped: { fill: FILL.muted, font: FONT.muted },
  planned: { fill: FILL.muted, font: FONT.muted },
};

export async function writeResults(path: string, input: ResultsInput): Promise<void> {
  await withWorkbook(path, async (workbook) => {
    const taken = new Set<string>();
    for await (const { sheet, rows } of input.sheets) await writeSheet(workbook, uniqueSheetName(outputSheetName(sheet), taken), sheet, rows);
    writeResultsSummary(workbook, uniqueSheetName('summary', taken), input.summary);
  });
}

async function writeSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, sheet: SheetInfo, rows: AnyIterable<ResultRow>): Promise<void> {
  // The input's own idempotent_id column is folded into the result column (which shows the id actually used);
  // any other input column named like a result column (a remedy's `status`) keeps its values under a marked header.
  const idAt = sheet.fields.indexOf('idempotent_id');
  const kept = sheet.headers.map((_, i) => i).filter((i) => i !== idAt);
  const inputHeaders = kept.map((i) => sheet.headers[i] ?? '').map((h) => (ADDED.has(squashHeader(h)) ? `${h} (input)` : h));
  const width = kept.length;
  const headers = [...inputHeaders, ...RESULT_COLUMNS];
  const textColumns = new Set<number>();
  kept.forEach((i, at) => isIdField(sheet.kind, sheet.fields[i]) && textColumns.add(at));
  RESULT_COLUMNS.forEach((c, i) => TEXT_RESULTS.has(c) && textColumns.add(width + i));
  await writeTable(workbook, name, headers, toCells(rows, sheet, kept, idAt), {
    textColumns,
    decorate: colourStatus(width, STATUS_STYLE),
  });
}

async function* toCells(rows: AnyIterable<ResultRow>, sheet: SheetInfo, kept: number[], idAt: number): AsyncGenerator<Cell[]> {
  for await (const r of rows) {
    const o = r.outcome;
    const values: Cell[] = kept.map((i) => r.values[i] ?? null);
    const id = o.idempotent_id ?? (idAt >= 0 ? (r.values[idAt] ?? null) : null);
    values.push(o.status, o.approval_id ?? null, id, o.error_code ?? null, reasonText(o) || null, o.log_id ?? null, r.row, sheet.file);
    yield values;
  }
}
