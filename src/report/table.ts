// Helpers shared by the sheets of the error report and the results workbook: sheet names and the header row.
import type ExcelJS from 'exceljs';
import { fieldSpec, kindOfSheet } from '../fields.js';
import type { Kind, SheetInfo } from '../types.js';
import { setSafe } from './safe.js';
import { FILL, columnWidths, fill } from './workbook.js';

/**
 * The name of the output sheet for an input sheet: the same name, so a report can be fixed and fed back in. A sheet
 * name that does not name its kind (a CSV file called `march.csv` read with `--kind leaves`) becomes the kind's name,
 * since only kind names are read back.
 */
export function outputSheetName(sheet: SheetInfo): string {
  return kindOfSheet(sheet.name) === sheet.kind ? sheet.name : sheet.kind;
}

/** Excel compares sheet names case-insensitively; two sheets may not share one. */
export function sheetKey(name: string): string {
  return name.toLowerCase();
}

/** A name not yet in `taken`: `leaves`, else `leaves (2)` … (Excel allows 31 characters). */
export function uniqueSheetName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let i = 2; taken.has(sheetKey(candidate)); i++) {
    const suffix = ` (${i})`;
    candidate = name.slice(0, 31 - suffix.length) + suffix;
  }
  taken.add(sheetKey(candidate));
  return candidate;
}

const FROZEN: Partial<ExcelJS.AddWorksheetOptions> = { views: [{ state: 'frozen', ySplit: 1 }] };

/** Adds a sheet with a frozen, filled header row already written (and committed). */
export function addTableSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  headers: readonly string[],
): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(name, FROZEN);
  ws.columns = columnWidths(headers);
  const row = ws.getRow(1);
  headers.forEach((h, i) => {
    const cell = row.getCell(i + 1);
    // Input headers are input too: they go through the same guard as any value.
    setSafe(cell, h);
    cell.font = { bold: true };
    cell.fill = fill(FILL.header);
  });
  row.commit();
  return ws;
}

/** Squashed header text, for comparing headers the way the readers do. */
export function squashHeader(h: string): string {
  return h.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** Id columns stay Text cells, also when retyped: Excel keeps only 15 digits of a number. */
export function isIdField(kind: Kind, field: string | null | undefined): boolean {
  return !!field && (fieldSpec(kind, field)?.type === 'id' || field.endsWith('_id'));
}
