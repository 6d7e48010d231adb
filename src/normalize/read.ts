// Step 1 of normalising a row: every mapped cell through its converter, failures pinned to their cell.
import { fieldSpec, type FieldSpec } from '../fields.js';
import type { Cell, InputRow, Problem, SheetInfo } from '../types.js';
import { convertCell, isEmpty, splitList, type Converted } from './cells.js';
import { problemAt } from '../schema/pin.js';

/** Fields whose cell holds a comma-separated list, one entry per destination (zipped into `destinations[]`). */
const PER_DESTINATION = new Set(['destinations.region_level', 'destinations.region_id']);

export interface ReadCells {
  /** Converted values by canonical field; empty cells are absent. */
  values: Map<string, unknown>;
  /** Fields whose cell could not be read (already reported: the schema must not report them again). */
  failed: ReadonlySet<string>;
  problems: Problem[];
}

/** A column the tool reads: where it is, its field, and how to convert it. */
interface Column {
  index: number;
  field: string;
  spec: FieldSpec;
  list: boolean;
}

// The columns of a sheet, worked out once per sheet rather than once per row (every row of a sheet shares its
// SheetInfo): at 100,000 rows the field-table lookups added up.
const columnsBySheet = new WeakMap<SheetInfo, Column[]>();

function columnsOf(sheet: SheetInfo): Column[] {
  let columns = columnsBySheet.get(sheet);
  if (!columns) {
    columns = [];
    for (let index = 0; index < sheet.fields.length; index++) {
      const field = sheet.fields[index];
      const spec = field === null || field === undefined ? undefined : fieldSpec(sheet.kind, field);
      if (field && spec) columns.push({ index, field, spec, list: PER_DESTINATION.has(field) });
    }
    columnsBySheet.set(sheet, columns);
  }
  return columns;
}

function convertList(cell: Cell, convert: (c: Cell) => Converted): Converted {
  // A number cell is one entry; splitting it as text would turn 1.5 into nothing sensible.
  const items: Cell[] = typeof cell === 'string' ? splitList(cell) : [cell];
  const values: unknown[] = [];
  for (const item of items) {
    const c = convert(item);
    if (!c.ok) return c;
    if (c.value !== undefined) values.push(c.value);
  }
  return { ok: true, value: values.length ? values : undefined };
}

/** Shared by every row that has no failed cell (most of them); never written to. */
const NONE: ReadonlySet<string> = new Set();

export function readCells(row: InputRow): ReadCells {
  const values = new Map<string, unknown>();
  let failed: Set<string> | undefined;
  const problems: Problem[] = [];
  for (const { index, field, spec, list } of columnsOf(row.sheet)) {
    const cell = row.values[index] ?? null;
    // Two columns for one field: the first non-empty one wins.
    if (isEmpty(cell) || values.has(field) || failed?.has(field)) continue;
    const c = list
      ? convertList(cell, (item) => convertCell(spec.type === 'enum' ? 'enum' : 'id', item, spec.enum))
      : convertCell(spec.type, cell, spec.enum);
    if (c.ok) {
      if (c.value !== undefined) values.set(field, c.value);
    } else {
      (failed ??= new Set()).add(field);
      problems.push(problemAt(row, field, c.code, c.params));
    }
  }
  return { values, failed: failed ?? NONE, problems };
}
