// The `summary` sheet of the error report: counts per input sheet, the problems grouped by kind, the notices.
import type ExcelJS from 'exceljs';
import { hasMessage, shapeOf, t } from '../messages/index.js';
import type { Cell, InputRow, Problem } from '../types.js';
import { rowKey, unattachedProblems } from './errors-layout.js';
import { setSafe } from './safe.js';
import { FILL, fill } from './workbook.js';
import type { ErrorReportInput } from './errors.js';

const SUMMARY_SHEET = 'summary';
/** How many places a problem kind lists before "…". */
const MAX_PLACES = 10;

export function writeErrorSummary(workbook: ExcelJS.stream.xlsx.WorkbookWriter, input: ErrorReportInput): void {
  const ws = workbook.addWorksheet(SUMMARY_SHEET);
  // One grid for all tables: short values in A/B, long texts in C/D.
  ws.columns = [{ width: 28 }, { width: 12 }, { width: 60 }, { width: 40 }];
  const lines = new Lines(ws);
  lines.title(t('report.summary.title'));
  lines.add([t('report.summary.howTo')]);
  lines.gap();

  // Callers may pass only the invalid rows (validate does, to keep memory flat), so no count of all rows here.
  lines.head([t('report.summary.sheet'), t('report.summary.invalidRows'), t('report.summary.problems'), t('report.summary.file')]);
  for (const s of perSheet(input.rows, input.problems)) lines.add([s.sheet, s.invalid, s.problems, s.file]);
  lines.gap();

  lines.head([t('report.summary.code'), t('report.summary.count'), t('report.summary.example'), t('report.summary.places')]);
  // The kind of problem in words (the message without its particulars), never the message id.
  for (const g of byCode(input.problems)) lines.add([hasMessage(g.code) ? shapeOf(g.code) : g.code, g.count, g.example, g.places]);

  const loose = unattachedProblems(input.rows, input.problems);
  if (loose.length) {
    lines.gap();
    lines.title(t('report.summary.unattached'));
    lines.head([t('report.summary.sheet'), t('report.summary.row'), t('report.summary.message'), t('report.summary.column'), t('report.summary.file')]);
    for (const p of loose) lines.add([p.sheet, p.row, p.message, p.column, p.file]);
  }
  if (input.notices?.length) {
    lines.gap();
    lines.title(t('report.summary.notices'));
    for (const notice of input.notices) lines.add([notice]);
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

interface SheetCount { file: string; sheet: string; invalid: number; problems: number }

function perSheet(rows: readonly InputRow[], problems: readonly Problem[]): SheetCount[] {
  const counts = new Map<string, SheetCount>();
  const at = (file: string, sheet: string) => {
    const k = `${file}\u0000${sheet}`;
    let c = counts.get(k);
    if (!c) counts.set(k, (c = { file, sheet, invalid: 0, problems: 0 }));
    return c;
  };
  const faulty = new Set(problems.map((p) => rowKey(p.file, p.sheet, p.row)));
  for (const r of rows) {
    if (faulty.has(rowKey(r.sheet.file, r.sheet.name, r.row))) at(r.sheet.file, r.sheet.name).invalid++;
  }
  for (const p of problems) at(p.file, p.sheet).problems++;
  return [...counts.values()];
}

function byCode(problems: readonly Problem[]): { code: string; count: number; example: string; places: string }[] {
  const groups = new Map<string, Problem[]>();
  for (const p of problems) {
    const list = groups.get(p.code);
    if (list) list.push(p);
    else groups.set(p.code, [p]);
  }
  return [...groups.entries()]
    .sort((a, b) => b[1].length - a[1].length)
    .map(([code, list]) => {
      const places = list.slice(0, MAX_PLACES).map(place).join(', ');
      return { code, count: list.length, example: list[0]!.message, places: list.length > MAX_PLACES ? `${places}, …` : places };
    });
}

/** Where a problem is, as the user would find it: `leaves row 12 (start_time)`. */
function place(p: Problem): string {
  return t('report.summary.place', { sheet: p.sheet, row: p.row, column: p.column || '—' });
}
