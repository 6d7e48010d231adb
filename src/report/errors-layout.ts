// Which sheets and columns the error report holds: pure, so the writer only draws what this decides.
// One output sheet per input sheet name; sheets of the same name from several files are merged (with a
// `source_file` column) because Excel cannot hold two sheets of one name and the name is what `validate` reads.
// Decided from the input sheets alone (a handful), so the rows can be streamed through afterwards.
import { KINDS, type Kind, type Problem, type SheetInfo } from '../types.js';
import type { InvalidRow } from './errors-source.js';
import { outputSheetName, sheetKey, squashHeader } from './table.js';

/** Columns the report adds; an input column of that name (from an earlier report fed back in) is regenerated. */
export const ADDED = { row: 'source_row', errors: 'errors', file: 'source_file' } as const;
const ADDED_KEYS = new Set<string>(Object.values(ADDED));

export interface ReportRow extends InvalidRow {
  /** Output column (0-based, among the input columns) of each input column; -1 when dropped. */
  columnMap: number[];
  /** Problems pinned to an output column (0-based), by column. */
  faults: Map<number, Problem[]>;
}

export interface ReportSheet {
  name: string;
  kind: Kind;
  headers: string[];
  /** Id-like fields per output column, kept as text. */
  fields: (string | null)[];
  withFile: boolean;
  /**
   * The input sheets written here, by file name order; sheets whose files compare equal share a group and their rows
   * are merged by row number. That is the order of the rows: by file, then by row.
   */
  groups: SheetInfo[][];
  /** Output column of each input column, per input sheet. */
  columnMaps: Map<SheetInfo, number[]>;
}

/** `sheets`: the input sheets with a reported row, in the order of their first one (which orders the columns). */
export function layoutErrorReport(sheets: readonly SheetInfo[]): ReportSheet[] {
  const out = new Map<string, { sheet: ReportSheet; keys: string[]; members: SheetInfo[] }>();
  for (const info of sheets) {
    const name = outputSheetName(info);
    let entry = out.get(sheetKey(name));
    if (!entry) {
      const sheet: ReportSheet = { name, kind: info.kind, headers: [], fields: [], withFile: false, groups: [], columnMaps: new Map() };
      out.set(sheetKey(name), (entry = { sheet, keys: [], members: [] }));
    }
    entry.members.push(info);
    entry.sheet.columnMaps.set(info, mapColumns(info, entry.keys, entry.sheet));
  }
  const result = [...out.values()].map(({ sheet, members }) => {
    const groups = groupByFile(members);
    return { ...sheet, kind: groups[0]![0]!.kind, withFile: new Set(members.map((m) => m.file)).size > 1, groups };
  });
  return result.sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind));
}

/** Sorted by file the way the rows are (localeCompare, stable); neighbours that compare equal form one group. */
function groupByFile(members: SheetInfo[]): SheetInfo[][] {
  const groups: SheetInfo[][] = [];
  for (const info of [...members].sort((a, b) => a.file.localeCompare(b.file))) {
    const last = groups.at(-1);
    if (last && last[0]!.file.localeCompare(info.file) === 0) last.push(info);
    else groups.push([info]);
  }
  return groups;
}

/** A row ready to draw: where its values go and which cells are at fault. */
export function reportRow(r: InvalidRow, sheet: ReportSheet): ReportRow {
  const columnMap = sheet.columnMaps.get(r.row.sheet) ?? [];
  return { ...r, columnMap, faults: pinFaults(r.row.sheet, columnMap, r.problems) };
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
    let i = info.headers.indexOf(p.column);
    if (i < 0 && p.field) i = info.fields.indexOf(p.field);
    const at = i < 0 ? -1 : (columnMap[i] ?? -1);
    if (at >= 0) faults.set(at, [...(faults.get(at) ?? []), p]);
  }
  return faults;
}
