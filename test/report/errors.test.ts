import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { setLang, shapeOf } from '../../src/messages/index.js';
import { writeErrorReport } from '../../src/report/errors.js';
import type { MessageRef, Params } from '../../src/messages/said.js';
import type { InputRow, Problem, SheetInfo } from '../../src/types.js';
import { openpyxl, python, readBack, rowValues, sheetInfo, sheetOf, tempFile, wall, wallText } from './helpers.js';

const leaves = sheetInfo(
  'leaves',
  'leaves',
  ['工号', 'start_time', 'end_time', 'unit', 'reason', 'my notes'],
  ['user_id', 'start_time', 'end_time', 'unit', 'reason', null],
);

const row = (sheet: SheetInfo, n: number, values: InputRow['values']): InputRow => ({ sheet, row: n, values });
/** `said`: the parameters of a catalog message, or the text of a problem whose code the catalog does not know. */
const problem = (sheet: SheetInfo, n: number, column: string, field: string, code: string, said: string | Params): Problem => ({
  file: sheet.file,
  sheet: sheet.name,
  row: n,
  column,
  field,
  code,
  params: typeof said === 'string' ? { message: said } : said,
});

const rows = [
  row(leaves, 2, ['E1', wall('2026-03-02 09:00:00'), wall('2026-03-02 18:00:00'), 'day', 'ok', null]),
  row(leaves, 3, ['E2', 'yesterday', wall('2026-03-03 18:00:00'), 'day', '=HYPERLINK("x")', 'note']),
  row(leaves, 4, ['E3', wall('2026-03-04 09:00:00'), wall('2026-03-04 18:00:00'), 'day', 'ok', null]),
  row(leaves, 5, ['E4', wall('2026-03-05 18:00:00'), wall('2026-03-05 09:00:00'), 'weeks', 'ok', null]),
];
const problems = [
  problem(leaves, 3, 'start_time', 'start_time', 'validate.badTime', { found: 'yesterday' }),
  problem(leaves, 5, 'unit', 'unit', 'validate.enum', { found: 'weeks', field: 'unit', allowed: 'day, hour, half_day, half_hour' }),
  problem(leaves, 5, '', '', 'validate.endBeforeStart', 'end_time is before start_time'),
];

const NOTICE: MessageRef = { id: 'feishu.said', params: { message: 'sheet "notes" ignored' } };
const BAD_TIME = '"yesterday" is not a date and time. Write it as yyyy-MM-dd HH:mm:ss, e.g. 2026-03-02 09:00:00, or use a date cell.';
const BAD_UNIT = '"weeks" is not an accepted value for unit. Use one of: day, hour, half_day, half_hour.';

afterEach(() => setLang('en'));

describe('writeErrorReport', () => {
  it('writes the invalid rows under the input headers, with source_row and errors, and nothing else', async () => {
    const path = tempFile('errors.xlsx');
    await writeErrorReport(path, { rows, problems, notices: [NOTICE] });
    const wb = await readBack(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['summary', 'leaves']);
    const ws = sheetOf(wb, 'leaves');
    expect(rowValues(ws, 1)).toEqual(['工号', 'start_time', 'end_time', 'unit', 'reason', 'my notes', 'source_row', 'errors']);
    expect(ws.actualRowCount).toBe(3);

    const r2 = rowValues(ws, 2);
    expect(r2.slice(0, 7)).toMatchObject(['E2', 'yesterday', expect.any(Date), 'day', '=HYPERLINK("x")', 'note', 3]);
    expect(wallText(r2[2])).toBe('2026-03-03 18:00:00');
    expect(ws.getCell('E2').type).toBe(ExcelJS.ValueType.String);
    expect(r2[7]).toBe(`start_time: ${BAD_TIME}`);

    const r3 = rowValues(ws, 3);
    expect(r3[6]).toBe(5);
    expect(wallText(r3[1])).toBe('2026-03-05 18:00:00');
    expect(String(r3[7]).split('\n')).toEqual([
      `unit: ${BAD_UNIT}`,
      'end_time is before start_time',
    ]);
  });

  it('highlights exactly the faulty cells and puts the message in their note', async () => {
    const path = tempFile('errors.xlsx');
    await writeErrorReport(path, { rows, problems });
    const ws = sheetOf(await readBack(path), 'leaves');
    const faulty: string[] = [];
    ws.eachRow((r, n) => {
      if (n === 1) return;
      r.eachCell({ includeEmpty: true }, (cell) => {
        const f = cell.fill as ExcelJS.FillPattern | undefined;
        if (f?.pattern === 'solid') faulty.push(cell.address);
      });
    });
    expect(faulty).toEqual(['B2', 'D3']);
    expect(ws.getCell('B2').note).toBe(BAD_TIME);
    expect(ws.getCell('D3').note).toBe(BAD_UNIT);
    // the whole-row problem has no cell
    expect(ws.getCell('C3').note).toBeUndefined();
  });

  it('writes a summary with counts per sheet, problems grouped by kind, and the notices', async () => {
    const path = tempFile('errors.xlsx');
    await writeErrorReport(path, { rows, problems, notices: [NOTICE] });
    const ws = sheetOf(await readBack(path), 'summary');
    const lines: unknown[][] = [];
    ws.eachRow((_, n) => lines.push(rowValues(ws, n)));
    expect(lines).toContainEqual(['leaves', 2, 3, 'in.xlsx']);
    // The kind of problem in words (its message without the particulars), not the message id.
    expect(lines).toContainEqual([shapeOf('validate.badTime'), 1, BAD_TIME, 'leaves row 3 (start_time)']);
    expect(shapeOf('validate.badTime')).toMatch(/^"…" is not a date and time/);
    expect(lines).toContainEqual(['validate.endBeforeStart', 1, 'end_time is before start_time', 'leaves row 5 (—)']);
    expect(lines).toContainEqual(['sheet "notes" ignored']);
  });

  it('uses the chosen language for its own texts', async () => {
    setLang('zh');
    const path = tempFile('errors.xlsx');
    await writeErrorReport(path, { rows, problems });
    const wb = await readBack(path);
    expect(sheetOf(wb, 'summary').getCell('A1').value).toBe('校验报告');
    expect(String(rowValues(sheetOf(wb, 'leaves'), 2)[7])).toMatch(/^start_time：/);
  });

  it('merges sheets of the same name from two files, adding source_file and matching columns by field', async () => {
    const a = sheetInfo('leaves', '请假', ['工号', 'start_time'], ['user_id', 'start_time'], 'a.xlsx');
    const b = sheetInfo('leaves', '请假', ['start_time', 'user_id', 'extra'], ['start_time', 'user_id', null], 'b.xlsx');
    const path = tempFile('errors.xlsx');
    await writeErrorReport(path, {
      rows: [row(a, 2, ['A1', 'bad']), row(b, 7, ['worse', 'B1', 'x'])],
      problems: [problem(a, 2, 'start_time', 'start_time', 'validate.time', 'bad time'), problem(b, 7, 'start_time', 'start_time', 'validate.time', 'bad time')],
    });
    const ws = sheetOf(await readBack(path), '请假');
    expect(rowValues(ws, 1)).toEqual(['工号', 'start_time', 'extra', 'source_row', 'errors', 'source_file']);
    expect(rowValues(ws, 2)).toEqual(['A1', 'bad', undefined, 2, 'start_time: bad time', 'a.xlsx']);
    expect(rowValues(ws, 3)).toEqual(['B1', 'worse', 'x', 7, 'start_time: bad time', 'b.xlsx']);
    expect(ws.getCell('B3').note).toBe('bad time');
  });

  it('names a sheet after its kind when the input name is no kind name (a CSV file)', async () => {
    const csv = sheetInfo('overtime', 'march-export', ['user_id', 'unit'], ['user_id', 'unit'], 'march-export.csv');
    const path = tempFile('errors.xlsx');
    await writeErrorReport(path, { rows: [row(csv, 2, ['E1', 'x'])], problems: [problem(csv, 2, 'unit', 'unit', 'validate.enum', 'bad unit')] });
    expect((await readBack(path)).worksheets.map((w) => w.name)).toEqual(['summary', 'overtime']);
  });

  it('regenerates source_row and errors when a report is fed back in', async () => {
    const again = sheetInfo('leaves', 'leaves', ['user_id', 'unit', 'source_row', 'errors'], ['user_id', 'unit', null, null], 'errors.xlsx');
    const path = tempFile('errors2.xlsx');
    await writeErrorReport(path, { rows: [row(again, 2, ['E1', 'x', 5, 'old message'])], problems: [problem(again, 2, 'unit', 'unit', 'validate.stillBad', 'still bad')] });
    const ws = sheetOf(await readBack(path), 'leaves');
    expect(rowValues(ws, 1)).toEqual(['user_id', 'unit', 'source_row', 'errors']);
    expect(rowValues(ws, 2)).toEqual(['E1', 'x', 2, 'unit: still bad']);
  });

  it('keeps a 19-digit id as text', async () => {
    const s = sheetInfo('remedies', 'remedies', ['user_id', 'punch_no'], ['user_id', 'punch_no']);
    const path = tempFile('errors.xlsx');
    await writeErrorReport(path, { rows: [row(s, 2, ['7212345678901234567', 'x'])], problems: [problem(s, 2, 'punch_no', 'punch_no', 'validate.int', 'not a number')] });
    const cell = sheetOf(await readBack(path), 'remedies').getCell('A2');
    expect(cell.value).toBe('7212345678901234567');
    expect(cell.numFmt).toBe('@');
  });

  it('refuses a path it cannot write with a ConfigError', async () => {
    await expect(writeErrorReport('/nonexistent-dir/errors.xlsx', { rows, problems })).rejects.toBeInstanceOf(ConfigError);
  });

  it.skipIf(!python)('is read by openpyxl: text cells, the dates, the notes', async () => {
    const path = tempFile('errors.xlsx');
    await writeErrorReport(path, { rows, problems });
    const got = openpyxl<{ cells: [string, string][]; note: string | null }>(
      path,
      "ws = wb['leaves']\nprint(json.dumps({'cells': [[c.data_type, str(c.value)] for c in ws[2]], 'note': ws['B2'].comment.text if ws['B2'].comment else None}))",
    );
    expect(got.cells.slice(0, 5)).toEqual([['s', 'E2'], ['s', 'yesterday'], ['d', '2026-03-03 18:00:00'], ['s', 'day'], ['s', '=HYPERLINK("x")']]);
    expect(got.note).toBe(BAD_TIME);
  });
});
