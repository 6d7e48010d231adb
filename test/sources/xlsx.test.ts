import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { xlsxAdapter } from '../../src/sources/xlsx.js';
import type { SourceInput } from '../../src/sources/types.js';
import { byField, collect, fixture, rejection } from './helpers.js';

const read = (input: SourceInput) => collect((ctx) => xlsxAdapter.read(input, ctx));

describe('xlsx adapter on a workbook written by openpyxl', () => {
  it('reads Chinese sheet names and headers, real and text dates, with Excel row numbers', async () => {
    const { rows } = await read({ path: fixture('dates.xlsx') });
    const leaves = rows.filter((r) => r.sheet.kind === 'leaves');
    expect(leaves[0]?.sheet).toMatchObject({ name: '请假', headers: ['工号', '假期类型ID', '中文名称', '单位', '开始时间', '结束时间', '原因', '备注'] });
    expect(leaves[0]?.sheet.fields).toEqual(['user_id', 'uniq_id', 'i18n_names.ch', 'unit', 'start_time', 'end_time', 'reason', null]);
    expect(leaves.map((r) => r.row)).toEqual([2, 3, 6, 7, 8]); // rows 4 and 5 are blank
    expect(leaves.map(byField)).toEqual([
      { user_id: 'E001', uniq_id: 'AL01', 'i18n_names.ch': '年假', unit: 'day', start_time: 'WallTime(2026-03-02 09:00:00)', end_time: 'WallTime(2026-03-02 18:00:00)', reason: '  家中有事 ' },
      { user_id: 'E002', uniq_id: 'AL01', 'i18n_names.ch': '年假', unit: 1, start_time: '2026-03-03 09:00', end_time: '2026/3/3 18:00', reason: '看病' },
      // built-in format 31 (yyyy"年"m"月"d"日") and a custom Chinese date-time format
      { user_id: 'E003', uniq_id: 'AL01', 'i18n_names.ch': '年假', unit: '天', start_time: 'WallTime(2026-03-04 00:00:00)', end_time: 'WallTime(2026-03-04 18:30:00)', reason: '回老家' },
      // merged A6:A7: only the top-left cell holds the value, as Excel stores it
      { user_id: null, uniq_id: 'AL01', 'i18n_names.ch': '年假', unit: 'hour', start_time: '2026-03-05 14:00:00', end_time: '2026-03-05 16:00:00', reason: '体检' },
      { user_id: 'E004', uniq_id: 'AL01', 'i18n_names.ch': '年假', unit: 'hour', start_time: 'WallTime(2026-03-06 09:59:59)', end_time: 'WallTime(2026-03-06 11:00:01)', reason: '秒' },
    ]);
  });

  it('reads every kind sheet and says which sheets it ignored', async () => {
    const { rows, notices } = await read({ path: fixture('dates.xlsx') });
    const remedies = rows.filter((r) => r.sheet.kind === 'remedies');
    expect(remedies.map(byField)).toEqual([
      { user_id: 'E001', remedy_date: 'WallTime(2026-03-09 00:00:00)', punch_no: 0, work_type: 'on', remedy_time: 'WallTime(2026-03-09 09:02:00)', reason: '忘记打卡', status: 'approved' },
      { user_id: 'E002', remedy_date: 20260310, punch_no: 0, work_type: 2, remedy_time: '2026-03-10 18:05', reason: '外出办事', status: '通过' },
    ]);
    expect(notices).toHaveLength(2);
    expect(notices[0]).toContain("'Notes'");
    expect(notices[1]).toMatch(/sheet '请假': 1 column\(s\) not used \(unknown headers\): 备注$/);
  });

  it('reads only the sheets of the requested kind', async () => {
    const { rows, notices } = await read({ path: fixture('dates.xlsx'), kind: 'remedies' });
    expect(new Set(rows.map((r) => r.sheet.kind))).toEqual(new Set(['remedies']));
    expect(notices.some((n) => n.includes("'请假'"))).toBe(true);
  });

  it('reads the same values when workbook.xml and styles.xml come after the sheets in the zip', async () => {
    const a = await read({ path: fixture('dates.xlsx') });
    const b = await read({ path: fixture('late-workbook.xlsx') }); // saved by LibreOffice, then reordered
    expect(b.rows.map((r) => [r.sheet.name, r.row, byField(r)])).toEqual(a.rows.map((r) => [r.sheet.name, r.row, byField(r)]));
  });

  it('applies a column mapping before the aliases', async () => {
    const { rows } = await read({ path: fixture('dates.xlsx'), kind: 'leaves', columns: { 备注: 'reason', 原因: 'idempotent_id' } });
    expect(byField(rows[0]!)).toMatchObject({ reason: 'x', idempotent_id: '  家中有事 ' });
  });
});

describe('xlsx text', () => {
  it('keeps Chinese text whole across the chunks of a large shared-strings part', async () => {
    // exceljs's own streaming reader turns a character split between two inflate chunks into U+FFFD.
    const path = join(await mkdtemp(join(tmpdir(), 'fi-xlsx-')), 'big.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
    const ws = wb.addWorksheet('leaves');
    ws.addRow(['user_id', 'uniq_id', 'unit', 'start_time', 'end_time', 'reason']).commit();
    const reason = (i: number) => `原因说明第${i}条：家中有事需要请假处理`;
    for (let i = 0; i < 3000; i++) ws.addRow([`E${i}`, 'AL01', 'day', '2026-03-02 09:00', '2026-03-02 18:00', reason(i)]).commit();
    await wb.commit();
    const { rows } = await read({ path });
    expect(rows).toHaveLength(3000);
    expect(rows.filter((r, i) => r.values[5] !== reason(i))).toEqual([]);
  });
});

describe('xlsx formulas', () => {
  it('uses the result LibreOffice saved, dates included, and turns an error result into a CellError', async () => {
    const { rows, notices } = await read({ path: fixture('formula.xlsx') });
    expect(rows.map(byField)).toEqual([
      { user_id: 'E001', uniq_id: 'AL01', unit: 'day', start_time: 'WallTime(2026-03-02 09:00:00)', end_time: 'WallTime(2026-03-02 18:00:00)', reason: '年假-E001', interval: 32400 },
      { user_id: 'E002', uniq_id: 'AL01', unit: 'day', start_time: '2026-03-03 09:00', end_time: '2026-03-03 18:00', reason: 'CellError(#DIV/0!)', interval: null },
    ]);
    expect(notices).toEqual([]);
  });

  it('reads formulas without a saved result as empty, with one notice', async () => {
    const { rows, notices } = await read({ path: fixture('formula-no-result.xlsx') });
    expect(byField(rows[0]!)).toMatchObject({ end_time: null, reason: null, interval: null });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/5 formula cell.*E2/);
  });
});

describe('xlsx input errors', () => {
  const expectInputError = async (path: string, pattern: RegExp) => {
    const e = await rejection(read({ path }));
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toMatch(pattern);
    expect(e.message).not.toContain('\n');
  };

  it('names the missing column, the sheet, the file and the accepted headers', async () => {
    await expectInputError(fixture('bad/missing-column.xlsx'), /missing-column\.xlsx, sheet 'Leaves': missing column end_time \(accepted headers: end_time, 结束时间, 结束\)/);
  });
  it('refuses a workbook without a kind sheet', () => expectInputError(fixture('bad/no-known-sheet.xlsx'), /no sheet named after a record kind \(sheets found: Sheet1, Notes;/));
  it('refuses a truncated workbook', () => expectInputError(fixture('bad/truncated.xlsx'), /not a readable \.xlsx workbook/));
  it('refuses a text file renamed .xlsx', () => expectInputError(fixture('bad/not-a-zip.xlsx'), /not a readable \.xlsx workbook/));
  it('refuses a missing file', () => expectInputError(fixture('nope.xlsx'), /nope\.xlsx: file not found/));
});
