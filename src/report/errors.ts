// The error report of `validate`: the invalid rows, as they were, in sheets named like the input so the user can fix
// them in place and feed this file back in; every faulty cell filled and carrying a note; a summary sheet first.
// Streamed: one row in memory at a time, whether the rows come from arrays or from validate's spill on disk.
import type ExcelJS from 'exceljs';
import { problemText, t } from '../messages/index.js';
import type { InputRow, Problem } from '../types.js';
import { ADDED, layoutErrorReport, reportRow, type ReportRow, type ReportSheet } from './errors-layout.js';
import { errorRowsOf, mergeByRow, type ErrorRows } from './errors-source.js';
import { writeErrorSummary } from './errors-summary.js';
import { setSafe } from './safe.js';
import { addTableSheet, isIdField } from './table.js';
import { breathe, FILL, FONT, fill, withWorkbook } from './workbook.js';
import type { MessageRef } from '../messages/said.js';

export interface ErrorReportInput {
  rows: InputRow[];
  problems: Problem[];
  notices?: MessageRef[];
}

/** Writes the report of `rows` and `problems` held in memory. */
export async function writeErrorReport(path: string, input: ErrorReportInput): Promise<void> {
  await writeErrorReportFrom(path, errorRowsOf(input.rows, input.problems), input.notices ?? []);
}

/** Writes the report from any source of invalid rows (validate passes its spill). */
export async function writeErrorReportFrom(path: string, source: ErrorRows, notices: readonly MessageRef[]): Promise<void> {
  const sheets = layoutErrorReport(source.sheets);
  await withWorkbook(path, async (workbook) => {
    writeErrorSummary(workbook, source.tally, notices);
    for (const sheet of sheets) await writeSheet(workbook, sheet, source);
  });
}

/** One problem as a line of the `errors` column: the column it is about, then the message. */
function problemLine(p: Problem): string {
  return p.column ? t('report.errors.item', { column: p.column, message: problemText(p) }) : problemText(p);
}

async function writeSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, sheet: ReportSheet, source: ErrorRows): Promise<void> {
  const headers = [...sheet.headers, ADDED.row, ADDED.errors, ...(sheet.withFile ? [ADDED.file] : [])];
  const ws = addTableSheet(workbook, sheet.name, headers);
  const asText = sheet.fields.map((f) => isIdField(sheet.kind, f));
  let n = 1;
  for (const group of sheet.groups) {
    for await (const r of mergeByRow(group.map((info) => source.read(info)))) {
      n++;
      writeRow(ws.getRow(n), reportRow(r, sheet), sheet, asText, n <= MAX_NOTED_ROWS + 1);
      await breathe(n);
    }
  }
  ws.commit();
}


/**
 * Rows whose faulty cells carry a note. exceljs's streaming writer holds a sheet's notes (and a drawing shape for each)
 * in memory until the sheet is done: past this, a faulty cell is only highlighted (its message is in `errors` anyway).
 */
const MAX_NOTED_ROWS = 2000;

function writeRow(row: ExcelJS.Row, r: ReportRow, sheet: ReportSheet, asText: boolean[], withNotes: boolean): void {
  const width = sheet.headers.length;
  r.row.values.forEach((value, i) => {
    const at = r.columnMap[i] ?? -1;
    if (at >= 0) setSafe(row.getCell(at + 1), value, { text: asText[at] ?? false });
  });
  for (const [at, problems] of r.faults) {
    const cell = row.getCell(at + 1);
    cell.fill = fill(FILL.fault);
    cell.font = { color: { argb: FONT.fault } };
    if (withNotes) cell.note = problems.map((p) => problemText(p)).join('\n');
  }
  setSafe(row.getCell(width + 1), r.row.row);
  const errors = row.getCell(width + 2);
  setSafe(errors, r.problems.map(problemLine).join('\n'));
  errors.alignment = { wrapText: true, vertical: 'top' };
  if (sheet.withFile) setSafe(row.getCell(width + 3), r.row.sheet.file);
  row.commit();
}
