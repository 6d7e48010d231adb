// One spilled row as one line of JSON, and back, without losing what a cell was: a date cell stays a WallTime (the
// report writes it as a date again), an error value a CellError, and numbers JSON cannot spell (NaN, -0) survive.
import type { Params } from '../messages/said.js';
import { CellError, WallTime, type Cell, type InputRow, type Problem, type SheetInfo } from '../types.js';

type CellCode = string | number | boolean | null | { w: string } | { e: string } | { n: string };
/** A problem of the row it is spilled with: [column, field, code, params], plus [file, sheet, row] when elsewhere. */
type ProblemCode = [string, string, string, Params] | [string, string, string, Params, string, string, number];
type Line = [row: number, values: CellCode[], problems: ProblemCode[]];

export function encodeRow(row: InputRow, problems: readonly Problem[]): string {
  const line: Line = [row.row, row.values.map(encodeCell), problems.map((p) => encodeProblem(p, row))];
  return JSON.stringify(line);
}

export function decodeRow(text: string, sheet: SheetInfo): { row: InputRow; problems: Problem[] } {
  const [n, values, problems] = JSON.parse(text) as Line;
  return {
    row: { sheet, row: n, values: values.map(decodeCell) },
    problems: problems.map(([column, field, code, params, file = sheet.file, name = sheet.name, row = n]) => ({ file, sheet: name, row, column, field, code, params })),
  };
}

/** Whether a problem names the row it came with (validate's always do; the report lists any other on its own). */
export function isOnRow(p: Problem, row: InputRow): boolean {
  return p.file === row.sheet.file && p.sheet === row.sheet.name && p.row === row.row;
}

function encodeProblem(p: Problem, row: InputRow): ProblemCode {
  const own: [string, string, string, Params] = [p.column, p.field, p.code, p.params];
  return isOnRow(p, row) ? own : [...own, p.file, p.sheet, p.row];
}

function encodeCell(v: Cell): CellCode {
  if (v instanceof WallTime) return { w: v.text };
  if (v instanceof CellError) return { e: v.error };
  // String(-0) is '0': spelled out so the sign survives.
  if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) return { n: Object.is(v, -0) ? '-0' : String(v) };
  return v;
}

function decodeCell(c: CellCode): Cell {
  if (c === null || typeof c !== 'object') return c;
  if ('w' in c) return new WallTime(c.w);
  if ('e' in c) return new CellError(c.e);
  return Number(c.n);
}
