// Which rows and columns the error report holds: pure, so the writer only draws what this decides.
// One output sheet per input sheet name; sheets of the same name from several files are merged (with a
// `source_file` column) because Excel cannot hold two sheets of one name and the name is what `validate` reads.
import { KINDS, type InputRow, type Problem, type SheetInfo } from '../types.js';
import { outputSheetName, sheetKey, squashHeader } from './table.js';

/** Columns the report adds; an input column of that name (from an earlier report fed back in) is regenerated. */
export const ADDED = { row: 'source_row', errors: 'errors', file: 'source_file' } as const;
const ADDED_KEYS = new Set<string>(Object.values(ADDED));

export interface ReportRow {
  row: InputRow;
  problems: Problem[];
  /** Output column (0-based, among the input columns) of each input column; -1 when dropped. */
  columnMap: number[];
  /** Problems pinned to an output column (0-based), by column. */
  faults: Map<number, Problem[]>;
}

export interface ReportSheet {
  name: string;
  headers: string[];
  /** Id-like fields per output column, kept as text. */
  fields: (string | null)[];
  withFile: boolean;
  rows: ReportRow[];
}

export const rowKey = (file: string, sheet: string, row: number) => `${file}\u0000${sheet}\u0000${row}`;

export function layoutErrorReport(rows: readonly InputRow[], problems: readonly Problem[]): ReportSheet[] {
  const byRow = new Map<string, Problem[]>();
  for (const p of problems) {
    const k = rowKey(p.file, p.sheet, p.row);
    const list = byRow.get(k);
    if (list) list.push(p);
    else byRow.set(k, [p]);
  }
  const sheets = new Map<string, { sheet: ReportSheet; keys: string[]; files: Set<string>; maps: Map<SheetInfo, number[]> }>();
  for (const row of rows) {
    const found = byRow.get(rowKey(row.sheet.file, row.sheet.name, row.row));
    if (!found) continue;
    const name = outputSheetName(row.sheet);
    let entry = sheets.get(sheetKey(name));
    if (!entry) {
      entry = { sheet: { name, headers: [], fields: [], withFile: false, rows: [] }, keys: [], files: new Set(), maps: new Map() };
      sheets.set(sheetKey(name), entry);
    }
    entry.files.add(row.sheet.file);
    let columnMap = entry.maps.get(row.sheet);
    if (!columnMap) {
      columnMap = mapColumns(row.sheet, entry.keys, entry.sheet);
      entry.maps.set(row.sheet, columnMap);
    }
    entry.sheet.rows.push({ row, problems: found, columnMap, faults: pinFaults(row.sheet, columnMap, found) });
  }
  const out = [...sheets.values()].map(({ sheet, files }) => ({ ...sheet, withFile: files.size > 1 }));
  for (const s of out) s.rows.sort((a, b) => a.row.sheet.file.localeCompare(b.row.sheet.file) || a.row.row - b.row.row);
  const kindOrder = (s: ReportSheet) => KINDS.indexOf(s.rows[0]!.row.sheet.kind);
  return out.sort((a, b) => kindOrder(a) - kindOrder(b));
}

/**
 * Output columns of one input sheet, appending new ones to the merged sheet. Columns are matched by canonical field
 * (so `工号` in one file and `user_id` in another share a column), unused columns by their header text.
 */
function mapColumns(info: SheetInfo, keys: string[], out: ReportSheet): number[] {
  const seen = new Map<string, number>();
  return info.headers.map((header, i) => {
    const field = info.fields[i] ?? null;
    if (!field && ADDED_KEYS.has(squashHeader(header))) return -1;
    const base = field ? `f:${field}` : `h:${squashHeader(header)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const key = `${base}#${n}`;
    let at = keys.indexOf(key);
    if (at < 0) {
      at = keys.push(key) - 1;
      out.headers.push(header);
      out.fields.push(field);
    }
    return at;
  });
}

/** The cell a problem is about: its header as written, else its field; none for whole-row problems. */
function pinFaults(info: SheetInfo, columnMap: number[], problems: Problem[]): Map<number, Problem[]> {
  const faults = new Map<number, Problem[]>();
  for (const p of problems) {
    if (!p.column) continue;
    let i = p.column ? info.headers.indexOf(p.column) : -1;
    if (i < 0 && p.field) i = info.fields.indexOf(p.field);
    const at = i < 0 ? -1 : (columnMap[i] ?? -1);
    if (at >= 0) faults.set(at, [...(faults.get(at) ?? []), p]);
  }
  return faults;
}

/** Problems whose row is not among the input rows (the summary lists them). */
export function unattachedProblems(rows: readonly InputRow[], problems: readonly Problem[]): Problem[] {
  const known = new Set(rows.map((r) => rowKey(r.sheet.file, r.sheet.name, r.row)));
  return problems.filter((p) => !known.has(rowKey(p.file, p.sheet, p.row)));
}
