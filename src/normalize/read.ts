// Step 1 of normalising a row: every mapped cell through its converter, failures pinned to their cell.
import { fieldSpec } from '../fields.js';
import type { Cell, InputRow, Problem } from '../types.js';
import { convertCell, isEmpty, splitList, type Converted } from './cells.js';
import { problemAt } from './problems.js';

/** Fields whose cell holds a comma-separated list, one entry per destination (zipped into `destinations[]`). */
const PER_DESTINATION = new Set(['destinations.region_level', 'destinations.region_id']);

export interface ReadCells {
  /** Converted values by canonical field; empty cells are absent. */
  values: Map<string, unknown>;
  /** Fields whose cell could not be read (already reported: the schema must not report them again). */
  failed: Set<string>;
  problems: Problem[];
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

export function readCells(row: InputRow): ReadCells {
  const { kind, fields } = row.sheet;
  const out: ReadCells = { values: new Map(), failed: new Set(), problems: [] };
  fields.forEach((field, i) => {
    if (field === null) return;
    const spec = fieldSpec(kind, field);
    const cell = row.values[i] ?? null;
    // Two columns for one field: the first non-empty one wins.
    if (!spec || isEmpty(cell) || out.values.has(field) || out.failed.has(field)) return;
    const c = PER_DESTINATION.has(field)
      ? convertList(cell, (item) => convertCell(spec.type === 'enum' ? 'enum' : 'id', item, spec.enum))
      : convertCell(spec.type, cell, spec.enum);
    if (c.ok) {
      if (c.value !== undefined) out.values.set(field, c.value);
    } else {
      out.failed.add(field);
      out.problems.push(problemAt(row, field, c.code, c.params));
    }
  });
  return out;
}
