// The results workbook of `apply`: every input row with its outcome, one sheet per input sheet, then a summary.
// Streamed (100,000 rows): the caller hands over sheets in order and each is committed before the next.
import type ExcelJS from 'exceljs';
import type { Cell, RowOutcome, RowStatus, SheetInfo } from '../types.js';
import { writeResultsSummary } from './results-summary.js';
import { writeTable } from './rows.js';
import { isIdField, outputSheetName, squashHeader, uniqueSheetName } from './table.js';
import { FILL, FONT, fill, withWorkbook, type AnyIterable } from './workbook.js';

/** A plain object, so the core can fill it as the run goes and the CLI can print it as JSON too. */
export interface ResultsSummary {
  runId?: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** kind → status → rows. */
  counts: Record<string, Record<string, number>>;
  /** endpoint → requests sent. */
  requests: Record<string, number>;
  rateLimitWaits: number;
  retries: number;
  notes?: string[];
}

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

const STATUS_STYLE: Record<RowStatus, { fill: string; font: string }> = {
  created: { fill: FILL.good, font: FONT.good },
  exists: { fill: FILL.good, font: FONT.good },
  failed: { fill: FILL.bad, font: FONT.bad },
  invalid: { fill: FILL.bad, font: FONT.bad },
  conflict: { fill: FILL.bad, font: FONT.bad },
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
  // An input column named like a result column (a remedy's own `status`) keeps its values under a marked header.
  const inputHeaders = sheet.headers.map((h) => (ADDED.has(squashHeader(h)) ? `${h} (input)` : h));
  const width = inputHeaders.length;
  const headers = [...inputHeaders, ...RESULT_COLUMNS];
  const textColumns = new Set<number>();
  sheet.fields.forEach((f, i) => isIdField(sheet.kind, f) && textColumns.add(i));
  RESULT_COLUMNS.forEach((c, i) => TEXT_RESULTS.has(c) && textColumns.add(width + i));
  const statusAt = width + 1;
  await writeTable(workbook, name, headers, toCells(rows, sheet, width), {
    textColumns,
    decorate(row, values) {
      const style = STATUS_STYLE[values[width] as RowStatus];
      if (!style) return;
      const cell = row.getCell(statusAt);
      cell.fill = fill(style.fill);
      cell.font = { color: { argb: style.font }, bold: true };
    },
  });
}

async function* toCells(rows: AnyIterable<ResultRow>, sheet: SheetInfo, width: number): AsyncGenerator<Cell[]> {
  for await (const r of rows) {
    const o = r.outcome;
    const values: Cell[] = Array.from({ length: width }, (_, i) => r.values[i] ?? null);
    values.push(o.status, o.approval_id ?? null, o.idempotent_id ?? null, o.error_code ?? null, o.error_message ?? null, o.log_id ?? null, r.row, sheet.file);
    yield values;
  }
}
