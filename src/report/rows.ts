// A plain streamed table: header row, then rows of cells, each through the text-not-formula guard.
// The results workbook is built on it; `verify` and other reports can use writeRowsWorkbook as it is.
import type ExcelJS from 'exceljs';
import type { Cell } from '../types.js';
import { setSafe } from './safe.js';
import { addTableSheet, uniqueSheetName } from './table.js';
import { breathe, withWorkbook, type AnyIterable } from './workbook.js';

export interface TableOptions {
  /** Columns (0-based) kept as Text cells whatever their value: ids, codes. */
  textColumns?: ReadonlySet<number>;
  /** Called for each written row before it is committed (colours, notes). */
  decorate?: (row: ExcelJS.Row, values: readonly Cell[]) => void;
}

/** Writes one sheet and commits it; returns the number of data rows. */
export async function writeTable(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  headers: readonly string[],
  rows: AnyIterable<readonly Cell[]>,
  options: TableOptions = {},
): Promise<number> {
  const ws = addTableSheet(workbook, name, headers);
  let n = 1;
  for await (const values of rows) {
    const row = ws.getRow(++n);
    values.forEach((v, i) => setSafe(row.getCell(i + 1), v, { text: options.textColumns?.has(i) ?? false }));
    options.decorate?.(row, values);
    row.commit();
    await breathe(n);
  }
  ws.commit();
  return n - 1;
}

export interface RowsSheet {
  name: string;
  headers: readonly string[];
  rows: AnyIterable<readonly Cell[]>;
  textColumns?: ReadonlySet<number>;
}

/** A workbook of plain tables, one sheet after the other (sheet names made unique). */
export async function writeRowsWorkbook(path: string, sheets: AnyIterable<RowsSheet>): Promise<void> {
  await withWorkbook(path, async (workbook) => {
    const taken = new Set<string>();
    for await (const s of sheets) {
      await writeTable(workbook, uniqueSheetName(s.name, taken), s.headers, s.rows, s.textColumns ? { textColumns: s.textColumns } : {});
    }
  });
}
