import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeErrorReport, writeErrorReportFrom } from '../../src/report/errors.js';
import { mergeByRow, type InvalidRow } from '../../src/report/errors-source.js';
import { ErrorSpill } from '../../src/report/errors-spill.js';
import type { MessageRef } from '../../src/messages/said.js';
import { CellError, WallTime, type InputRow, type Problem, type SheetInfo } from '../../src/types.js';
import { readBack, sheetInfo, tempFile } from './helpers.js';

const NOTICE: MessageRef = { id: 'feishu.said', params: { message: 'a notice' } };
const leaves = sheetInfo('leaves', 'leaves', ['user_id', 'unit', 'start_time', 'reason'], ['user_id', 'unit', 'start_time', 'reason'], 'a.xlsx');
const row = (sheet: SheetInfo, n: number, values: InputRow['values']): InputRow => ({ sheet, row: n, values });
const problem = (sheet: SheetInfo, n: number, column: string, message: string, code = 'validate.badEnum'): Problem => ({
  file: sheet.file,
  sheet: sheet.name,
  row: n,
  column,
  field: column,
  code,
  params: { message },
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const spills: ErrorSpill[] = [];
function spill(options: Partial<ConstructorParameters<typeof ErrorSpill>[0]> = {}): ErrorSpill {
  const s = new ErrorSpill({ head: 30, toDisk: true, ...options });
  spills.push(s);
  return s;
}
afterEach(() => spills.splice(0).forEach((s) => s.dispose()));

describe('ErrorSpill', () => {
  it('gives back every cell as it was: dates, error values, odd numbers, text with line breaks', async () => {
    const values: InputRow['values'] = ['E1\nE2', new WallTime('2026-03-02 09:00:00'), new CellError('#N/A'), '=HYPERLINK("x")', NaN, -0, Infinity, 1.5, true, null, '7212345678901234567', 'a\u2028b\u0000c 漢字'];
    const info = sheetInfo('leaves', 'leaves', values.map((_, i) => `c${i}`), values.map(() => null));
    const s = spill();
    s.add(row(info, 2, values), [problem(info, 2, 'c1', 'bad')]);
    const [back] = await collect(s.read(info));
    expect(back?.row.sheet).toBe(info);
    expect(back?.row.values).toStrictEqual(values);
    expect(back?.problems).toStrictEqual([problem(info, 2, 'c1', 'bad')]);
  });

  it('reads a sheet back by row number, and lists the problems in the order they were found', async () => {
    const s = spill();
    for (const n of [9, 3, 5]) s.add(row(leaves, n, [`E${n}`, 'weeks', null, '']), [problem(leaves, n, 'unit', `bad ${n}`)]);
    expect((await collect(s.read(leaves))).map((r) => r.row.row)).toEqual([3, 5, 9]);
    expect((await collect(s.problems())).map((p) => p.row)).toEqual([9, 3, 5]);
  });

  it('keeps a problem about another row for the summary, out of the row it came with', async () => {
    const s = spill();
    const elsewhere = { ...problem(leaves, 40, 'unit', 'elsewhere'), sheet: 'other' };
    s.add(row(leaves, 2, ['E1', 'x', null, '']), [problem(leaves, 2, 'unit', 'here'), elsewhere]);
    const [back] = await collect(s.read(leaves));
    expect(back?.problems.map((p) => p.params.message)).toEqual(['here']);
    expect(s.tally.unattached).toEqual([elsewhere]);
    expect(await collect(s.problems())).toEqual([problem(leaves, 2, 'unit', 'here'), elsewhere]);
  });

  it('counts and keeps the first problems without touching the disk when nothing reads the rows back', () => {
    const parent = mkdtempSync(join(tmpdir(), 'fi-spill-'));
    const s = spill({ toDisk: false, head: 2, parent });
    for (let n = 2; n < 7; n++) s.add(row(leaves, n, ['E', 'x', null, '']), [problem(leaves, n, 'unit', 'a'), problem(leaves, n, '', 'b', 'validate.other')]);
    expect(s.problemCount).toBe(10);
    expect(s.head.map((p) => p.row)).toEqual([2, 2]);
    expect(s.tally.sheets()).toEqual([{ file: 'a.xlsx', sheet: 'leaves', invalid: 5, problems: 10 }]);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('ignores a row without problems and removes its folder on dispose', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'fi-spill-'));
    const s = spill({ parent });
    s.add(row(leaves, 2, ['E', 'x', null, '']), []);
    expect(readdirSync(parent)).toEqual([]);
    s.add(row(leaves, 3, ['E', 'x', null, '']), [problem(leaves, 3, 'unit', 'a')]);
    expect(readdirSync(parent)).toHaveLength(1);
    expect(await collect(s.read(leaves))).toHaveLength(1);
    s.dispose();
    s.dispose();
    expect(readdirSync(parent)).toEqual([]);
  });
});

describe('mergeByRow', () => {
  const at = (sheet: SheetInfo, ...rows: number[]): AsyncIterable<InvalidRow> =>
    (async function* () {
      for (const n of rows) yield { row: row(sheet, n, []), problems: [] };
    })();

  it('merges sorted streams by row number, the earlier stream first on a tie', async () => {
    const other = { ...leaves };
    const merged = await collect(mergeByRow([at(leaves, 2, 4, 4, 9), at(other, 1, 4, 10)]));
    expect(merged.map((r) => [r.row.row, r.row.sheet === leaves ? 'a' : 'b'])).toEqual([
      [1, 'b'], [2, 'a'], [4, 'a'], [4, 'a'], [4, 'b'], [9, 'a'], [10, 'b'],
    ]);
  });
});

describe('the error report from a spill', () => {
  it('is the report written from the same rows held in memory', async () => {
    const b = sheetInfo('leaves', 'leaves', ['reason', 'user_id', 'unit', 'extra'], ['reason', 'user_id', 'unit', null], 'b.xlsx');
    const csv = sheetInfo('overtime', 'march', ['user_id', 'unit'], ['user_id', 'unit'], 'march.csv');
    const input: [InputRow, Problem[]][] = [
      [row(leaves, 4, ['E4', 'weeks', new WallTime('2026-03-02 09:00:00'), '-1']), [problem(leaves, 4, 'unit', 'bad unit')]],
      [row(leaves, 3, ['E3', 'day', 'soon', '@x']), [problem(leaves, 3, 'start_time', 'bad time'), problem(leaves, 3, '', 'whole row', 'validate.whole')]],
      [row(csv, 2, ['E9', 'x']), [problem(csv, 2, 'unit', 'bad unit')]],
      [row(b, 2, ['r', 'B1', 'x', 'more']), [problem(b, 2, 'unit', 'bad unit')]],
    ];
    const s = spill();
    for (const [r, ps] of input) s.add(r, ps);
    const fromSpill = tempFile('spill.xlsx');
    const fromArrays = tempFile('arrays.xlsx');
    await writeErrorReportFrom(fromSpill, s, [NOTICE]);
    await writeErrorReport(fromArrays, { rows: input.map(([r]) => r), problems: input.flatMap(([, ps]) => ps), notices: [NOTICE] });
    const [got, want] = await Promise.all([readBack(fromSpill), readBack(fromArrays)]);
    expect(got.worksheets.map((w) => w.name)).toEqual(['summary', 'leaves', 'overtime']);
    for (const ws of want.worksheets) {
      const other = got.getWorksheet(ws.name)!;
      ws.eachRow((r, n) => {
        expect(other.getRow(n).values).toEqual(r.values);
        r.eachCell((c) => expect([c.address, other.getCell(c.address).note, other.getCell(c.address).numFmt]).toEqual([c.address, c.note, c.numFmt]));
      });
      expect(other.actualRowCount).toBe(ws.actualRowCount);
    }
    // by file, then row
    expect(got.getWorksheet('leaves')!.getColumn(6).values.slice(2)).toEqual([3, 4, 2]);
  });
});
