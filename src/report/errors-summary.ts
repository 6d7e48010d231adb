// The `summary` sheet of the error report: counts per input sheet, the problems grouped by kind, the notices.
import type ExcelJS from 'exceljs';
import { hasMessage, problemText, render, shapeOf, t } from '../messages/index.js';
import type { MessageRef } from '../messages/said.js';
import type { Cell } from '../types.js';
import { MAX_PLACES, type CodeCount, type ErrorTally } from './errors-tally.js';
import { setSafe } from './safe.js';
import { FILL, fill } from './workbook.js';

const SUMMARY_SHEET = 'summary';

export function writeErrorSummary(workbook: ExcelJS.stream.xlsx.WorkbookWriter, tally: ErrorTally, notices: readonly MessageRef[]): void {
  const ws = workbook.addWorksheet(SUMMARY_SHEET);
  // One grid for all tables: short values in A/B, long texts in C/D.
  ws.columns = [{ width: 28 }, { width: 12 }, { width: 60 }, { width: 40 }];
  const lines = new Lines(ws);
  lines.title(t('report.summary.title'));
  lines.add([t('report.summary.howTo')]);
  lines.gap();

  // Only invalid rows are counted (validate does not keep the others), so no count of all rows here.
  lines.head([t('report.summary.sheet'), t('report.summary.invalidRows'), t('report.summary.problems'), t('report.summary.file')]);
  for (const s of tally.sheets()) lines.add([s.sheet, s.invalid, s.problems, s.file]);
  lines.gap();

  lines.head([t('report.summary.code'), t('report.summary.count'), t('report.summary.example'), t('report.summary.places')]);
  // The kind of problem in words (the message without its particulars), never the message id.
  for (const g of tally.byCode()) lines.add([hasMessage(g.code) ? shapeOf(g.code) : g.code, g.count, g.example, places(g)]);

  const loose = tally.unattached;
  if (loose.length) {
    lines.gap();
    lines.title(t('report.summary.unattached'));
    lines.head([t('report.summary.sheet'), t('report.summary.row'), t('report.summary.message'), t('report.summary.column'), t('report.summary.file')]);
    for (const p of loose) lines.add([p.sheet, p.row, problemText(p), p.column, p.file]);
  }
  if (notices.length) {
    lines.gap();
    lines.title(t('report.summary.notices'));
    for (const notice of notices) lines.add([render(notice)]);
  }
  ws.commit();
}

/** Writes rows top to bottom; each is committed at once (streaming sheet). */
class Lines {
  private n = 0;
  constructor(private readonly ws: ExcelJS.Worksheet) {}
  add(values: Cell[], style?: (cell: ExcelJS.Cell) => void): void {
    const row = this.ws.getRow(++this.n);
    values.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      setSafe(cell, v);
      if (typeof v === 'string' && v.includes('\n')) cell.alignment = { wrapText: true, vertical: 'top' };
      style?.(cell);
    });
    row.commit();
  }
  head(values: string[]): void {
    this.add(values, (c) => {
      c.font = { bold: true };
      c.fill = fill(FILL.header);
    });
  }
  title(text: string): void {
    this.add([text], (c) => (c.font = { bold: true, size: 13 }));
  }
  gap(): void {
    this.n++;
  }
}

/** Where the first problems of a kind are, as the user would find them: `leaves row 12 (start_time), …`. */
function places(g: CodeCount): string {
  const listed = g.places.map((p) => t('report.summary.place', { sheet: p.sheet, row: p.row, column: p.column || '—' })).join(', ');
  return g.count > MAX_PLACES ? `${listed}, …` : listed;
}
