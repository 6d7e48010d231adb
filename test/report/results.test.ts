import { existsSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { RESULT_COLUMNS, writeResults, type ResultRow, type ResultsSummary } from '../../src/report/results.js';
import type { RowOutcome, RowStatus } from '../../src/types.js';
import { openpyxl, python, readBack, rowValues, sheetInfo, sheetOf, tempFile, wall, wallText } from './helpers.js';

const leaves = sheetInfo('leaves', 'leaves', ['user_id', 'start_time', 'reason'], ['user_id', 'start_time', 'reason']);
const remedies = sheetInfo('remedies', '补卡', ['user_id', 'remedy_time', 'status'], ['user_id', 'remedy_time', 'status']);

const outcome = (sheet: typeof leaves, row: number, status: RowStatus, more: Partial<RowOutcome> = {}): RowOutcome => ({
  ref: { file: sheet.file, sheet: sheet.name, row },
  status,
  ...more,
});

const summary: ResultsSummary = {
  runId: 'run-1',
  startedAt: '2026-04-01T10:00:00.000Z',
  finishedAt: '2026-04-01T10:00:21.500Z',
  durationMs: 21_500,
  counts: { leaves: { created: 2, failed: 1 }, remedies: { exists: 1, skipped: 1 } },
  requests: { user_approvals: 2, user_task_remedys: 1 },
  rateLimitWaits: 3,
  retries: 4,
  notes: [{ id: 'feishu.said', params: { message: '=not a formula' } }],
};

async function* slowly<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) {
    await Promise.resolve();
    yield item;
  }
}

const leaveRows: ResultRow[] = [
  { values: ['E1', wall('2026-03-02 09:00:00'), 'annual'], row: 2, outcome: outcome(leaves, 2, 'created', { approval_id: '7212345678901234567', idempotent_id: 'a1b2', log_id: '20260401-abc' }) },
  { values: ['E2', wall('2026-03-03 09:00:00'), '-sick'], row: 3, outcome: outcome(leaves, 3, 'failed', { error_code: '1220001', message: { id: 'feishu.said', params: { message: 'user not found' } }, log_id: 'x' }) },
  { values: ['E3', 'bad', '@x'], row: 5, outcome: outcome(leaves, 5, 'invalid', { message: { id: 'feishu.said', params: { message: 'start_time: bad' } } }) },
];
const remedyRows: ResultRow[] = [
  { values: ['E1', '2026-03-02 09:00', 'approved'], row: 2, outcome: outcome(remedies, 2, 'exists', { approval_id: '7212345678901234568' }) },
  { values: ['E2', '2026-03-02 18:00', null], row: 3, outcome: outcome(remedies, 3, 'skipped') },
];

describe('writeResults', () => {
  it('writes each input sheet under its name with the outcome columns, then a summary', async () => {
    const path = tempFile('results.xlsx');
    await writeResults(path, {
      sheets: slowly([
        { sheet: leaves, rows: slowly(leaveRows) },
        { sheet: remedies, rows: remedyRows },
      ]),
      summary,
    });
    const wb = await readBack(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['leaves', '补卡', 'summary']);

    const ws = sheetOf(wb, 'leaves');
    expect(rowValues(ws, 1)).toEqual(['user_id', 'start_time', 'reason', ...RESULT_COLUMNS]);
    const r2 = rowValues(ws, 2);
    expect(wallText(r2[1])).toBe('2026-03-02 09:00:00');
    expect(r2.slice(3)).toEqual(['created', '7212345678901234567', 'a1b2', undefined, undefined, '20260401-abc', 2, 'in.xlsx']);
    expect(rowValues(ws, 3).slice(2, 9)).toEqual(['-sick', 'failed', undefined, undefined, '1220001', 'user not found', 'x']);
    expect(rowValues(ws, 4)[3]).toBe('invalid');
    expect(ws.actualRowCount).toBe(4);
    // ids and codes are text cells, never numbers
    for (const ref of ['E2', 'G3', 'D2']) {
      expect(ws.getCell(ref).type).toBe(ExcelJS.ValueType.String);
      expect(ws.getCell(ref).numFmt).toBe('@');
    }
    expect(ws.getCell('C3').type).toBe(ExcelJS.ValueType.String);
  });

  it('keeps a remedy’s own status column apart from the outcome status', async () => {
    const path = tempFile('results.xlsx');
    await writeResults(path, { sheets: [{ sheet: remedies, rows: remedyRows }], summary });
    const ws = sheetOf(await readBack(path), '补卡');
    expect(rowValues(ws, 1).slice(0, 4)).toEqual(['user_id', 'remedy_time', 'status (input)', 'status']);
    expect(rowValues(ws, 2).slice(2, 5)).toEqual(['approved', 'exists', '7212345678901234568']);
  });

  it('colours the status cell: green written, red failed, grey skipped', async () => {
    const path = tempFile('results.xlsx');
    await writeResults(path, { sheets: [{ sheet: leaves, rows: leaveRows }, { sheet: remedies, rows: remedyRows }], summary });
    const wb = await readBack(path);
    const colour = (sheet: string, ref: string) => ((sheetOf(wb, sheet).getCell(ref).fill as ExcelJS.FillPattern).fgColor as { argb: string }).argb;
    expect(colour('leaves', 'D2')).toBe('FFC6EFCE');
    expect(colour('leaves', 'D3')).toBe('FFFFC7CE');
    expect(colour('leaves', 'D4')).toBe('FFFFC7CE');
    expect(colour('补卡', 'D2')).toBe('FFC6EFCE');
    expect(colour('补卡', 'D3')).toBe('FFEDEDED');
  });

  it('summarises the run: counts per kind and status, requests, waits, retries, duration', async () => {
    const path = tempFile('results.xlsx');
    await writeResults(path, { sheets: [], summary });
    const ws = sheetOf(await readBack(path), 'summary');
    const lines: unknown[][] = [];
    ws.eachRow((_, n) => lines.push(rowValues(ws, n)));
    expect(lines).toContainEqual(['Run id', 'run-1']);
    expect(lines).toContainEqual(['Duration (s)', 21.5]);
    expect(lines).toContainEqual(['Rate-limit waits', 3]);
    expect(lines).toContainEqual(['Retries', 4]);
    expect(lines).toContainEqual(['Kind', 'created', 'exists', 'failed', 'skipped', 'Total']);
    expect(lines).toContainEqual(['leaves', 2, 0, 1, 0, 3]);
    expect(lines).toContainEqual(['remedies', 0, 1, 0, 1, 2]);
    expect(lines).toContainEqual(['Total', 2, 1, 1, 1, 5]);
    expect(lines).toContainEqual(['user_approvals', 2]);
    expect(lines).toContainEqual(['=not a formula']);
  });

  it('folds the input idempotent_id column into the result column', async () => {
    const withId = sheetInfo('leaves', 'leaves', ['user_id', 'idempotent_id', 'reason'], ['user_id', 'idempotent_id', 'reason']);
    const path = tempFile('results.xlsx');
    await writeResults(path, {
      sheets: [{ sheet: withId, rows: [
        { values: ['E1', 'mine-1', 'r'], row: 2, outcome: outcome(withId, 2, 'created', { idempotent_id: 'mine-1' }) },
        { values: ['E2', 'mine-2', 'r'], row: 3, outcome: outcome(withId, 3, 'invalid') },
      ] }],
      summary,
    });
    const ws = sheetOf(await readBack(path), 'leaves');
    expect(rowValues(ws, 1)).toEqual(['user_id', 'reason', ...RESULT_COLUMNS]);
    expect(rowValues(ws, 2).slice(0, 5)).toEqual(['E1', 'r', 'created', undefined, 'mine-1']);
    expect(rowValues(ws, 3).slice(0, 5)).toEqual(['E2', 'r', 'invalid', undefined, 'mine-2']);
  });

  it('gives two input sheets of one name two sheets, and says which file each row came from', async () => {
    const other = { ...leaves, file: 'other.xlsx' };
    const path = tempFile('results.xlsx');
    await writeResults(path, { sheets: [{ sheet: leaves, rows: leaveRows.slice(0, 1) }, { sheet: other, rows: leaveRows.slice(1, 2) }], summary });
    const wb = await readBack(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['leaves', 'leaves (2)', 'summary']);
    expect(rowValues(sheetOf(wb, 'leaves (2)'), 2).at(-1)).toBe('other.xlsx');
  });

  it('streams many rows and reads back every one', async () => {
    const path = tempFile('many.xlsx');
    const n = 5000;
    function* rows(): Generator<ResultRow> {
      for (let i = 0; i < n; i++) {
        yield { values: [`E${i}`, wall('2026-03-02 09:00:00'), 'r'], row: i + 2, outcome: outcome(leaves, i + 2, 'created', { approval_id: String(7212345678901234567n + BigInt(i)) }) };
      }
    }
    await writeResults(path, { sheets: [{ sheet: leaves, rows: rows() }], summary });
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {});
    let count = 0;
    let last: unknown;
    for await (const sheet of reader) {
      for await (const row of sheet) {
        if ((sheet as unknown as { name: string }).name !== 'leaves' || row.number === 1) continue;
        count++;
        last = row.getCell(5).value;
      }
    }
    expect(count).toBe(n);
    expect(last).toBe(String(7212345678901234567n + BigInt(n - 1)));
  });

  it('leaves no half-written file when the rows fail midway', async () => {
    const path = tempFile('results.xlsx');
    async function* broken(): AsyncGenerator<ResultRow> {
      yield leaveRows[0]!;
      throw new Error('source went away');
    }
    await expect(writeResults(path, { sheets: [{ sheet: leaves, rows: broken() }], summary })).rejects.toThrow('source went away');
    expect(existsSync(path)).toBe(false);
  });

  it.skipIf(!python)('is read by openpyxl with text ids and statuses', async () => {
    const path = tempFile('results.xlsx');
    await writeResults(path, { sheets: [{ sheet: leaves, rows: leaveRows }], summary });
    const cells = openpyxl<[string, string][]>(path, "ws = wb['leaves']\nprint(json.dumps([[c.data_type, str(c.value)] for c in ws[2]]))");
    expect(cells.slice(3, 6)).toEqual([['s', 'created'], ['s', '7212345678901234567'], ['s', 'a1b2']]);
  });
});
