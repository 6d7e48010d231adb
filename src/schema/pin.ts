// Pins a message to a cell: file, sheet, Excel row, the column header as the user wrote it, and the canonical field.
import type { Params } from '../messages/said.js';
import type { InputRow, Problem, RowRef, SheetInfo } from '../types.js';

/**
 * The column holding `field`, or -1. A parent field (`i18n_names`, `departure`) falls back to its first child column,
 * so "i18n_names is required" points at `i18n_names.ch` when that column exists. A field inside a JSON cell
 * (`field_values_v2.variable_value.text_value`) points at the cell that holds it.
 */
export function columnOf(sheet: SheetInfo, field: string): number {
  const exact = sheet.fields.indexOf(field);
  if (exact >= 0) return exact;
  const child = sheet.fields.findIndex((f) => f !== null && f.startsWith(`${field}.`));
  if (child >= 0) return child;
  const parent = sheet.fields.findIndex((f) => f !== null && field.startsWith(`${f}.`));
  return parent;
}

/** A problem on `field` of `row` (field '' = the whole row). */
export function problemAt(
  row: InputRow,
  field: string,
  code: string,
  params: Params = {},
): Problem {
  const col = field ? columnOf(row.sheet, field) : -1;
  return {
    file: row.sheet.file,
    sheet: row.sheet.name,
    row: row.row,
    column: col >= 0 ? (row.sheet.headers[col] ?? '') : '',
    field,
    code,
    params,
  };
}

/** A whole-row problem for a record that is no longer tied to its InputRow (cross-row checks). */
export function problemOnRef(ref: RowRef, code: string, params: Params = {}): Problem {
  return { file: ref.file, sheet: ref.sheet, row: ref.row, column: '', field: '', code, params };
}
