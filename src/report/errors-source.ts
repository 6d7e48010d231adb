// Where the error report takes its rows from: arrays in memory (the library API, apply's callers) or a spill on disk
// (`validate`, whose invalid rows can outnumber what memory should hold). The writer reads one input sheet at a time.
import type { InputRow, Problem, SheetInfo } from '../types.js';
import { ErrorTally } from './errors-tally.js';

/** One row of the report: an invalid input row with the problems tied to it. */
export interface InvalidRow {
  row: InputRow;
  problems: Problem[];
}

export interface ErrorRows {
  /** Input sheets with a reported row, in the order of their first one. */
  sheets: readonly SheetInfo[];
  /** One sheet's reported rows, by ascending row number (input order among equal numbers). */
  read(sheet: SheetInfo): AsyncIterable<InvalidRow>;
  tally: ErrorTally;
}

const problemKey = (file: string, sheet: string, row: number) => `${file}\u0000${sheet}\u0000${row}`;
const rowKeyOf = (r: InputRow) => problemKey(r.sheet.file, r.sheet.name, r.row);

/** The report's rows from arrays: each problem goes to the row it names; rows without one are left out. */
export function errorRowsOf(rows: readonly InputRow[], problems: readonly Problem[]): ErrorRows {
  const byRow = new Map<string, Problem[]>();
  for (const p of problems) {
    const k = problemKey(p.file, p.sheet, p.row);
    const list = byRow.get(k);
    if (list) list.push(p);
    else byRow.set(k, [p]);
  }
  const tally = new ErrorTally();
  const bySheet = new Map<SheetInfo, InvalidRow[]>();
  for (const row of rows) {
    const found = byRow.get(rowKeyOf(row));
    if (!found) continue;
    tally.addRow(row);
    const list = bySheet.get(row.sheet);
    if (list) list.push({ row, problems: found });
    else bySheet.set(row.sheet, [{ row, problems: found }]);
  }
  const known = new Set(rows.map(rowKeyOf));
  for (const p of problems) tally.addProblem(p, known.has(problemKey(p.file, p.sheet, p.row)));
  for (const list of bySheet.values()) list.sort((a, b) => a.row.row - b.row.row);
  return {
    sheets: [...bySheet.keys()],
    read: async function* (sheet) {
      yield* bySheet.get(sheet) ?? [];
    },
    tally,
  };
}

/**
 * Several sheets' rows (each by ascending row number) as one stream by row number, the earlier sheet first on a tie:
 * the order a stable sort of all of them by row number would give, without holding them.
 */
export async function* mergeByRow(streams: readonly AsyncIterable<InvalidRow>[]): AsyncIterable<InvalidRow> {
  if (streams.length === 1) return yield* streams[0]!;
  const its = streams.map((s) => s[Symbol.asyncIterator]());
  const heads = await Promise.all(its.map((it) => it.next()));
  for (;;) {
    let best = -1;
    heads.forEach((h, i) => {
      if (!h.done && (best < 0 || h.value.row.row < (heads[best]!.value as InvalidRow).row.row)) best = i;
    });
    if (best < 0) return;
    yield heads[best]!.value as InvalidRow;
    heads[best] = await its[best]!.next();
  }
}
