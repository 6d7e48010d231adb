import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { writeRowsWorkbook } from '../../src/report/rows.js';
import { isRisky, setSafe, wallTimeToDate } from '../../src/report/safe.js';
import { CellError, type Cell } from '../../src/types.js';
import { openpyxl, python, readBack, rowValues, sheetOf, tempFile, wall, wallText } from './helpers.js';

// XML parsers read a bare CR as LF, so `\r=1` comes back as `\n=1`: still text, which is what matters.
const asRead = (s: string) => s.replace(/\r/g, '\n');
const RISKY = ['=1+2', '=HYPERLINK("http://evil.example","click")', '+41 22 000', '-2+3', '@SUM(A1:A2)', '\t=1', '\r=1', "=cmd|' /C calc'!A0"];

async function writeOne(values: Cell[], path = tempFile('safe.xlsx')): Promise<string> {
  await writeRowsWorkbook(path, [{ name: 'leaves', headers: values.map((_, i) => `c${i}`), rows: [values] }]);
  return path;
}

describe('isRisky', () => {
  it('flags the formula-injection starts and nothing else', () => {
    for (const s of RISKY) expect(isRisky(s)).toBe(true);
    for (const s of ['annual leave', '2026-03-02', '1,2', '', ' =1', '年假']) expect(isRisky(s)).toBe(false);
  });
});

describe('setSafe', () => {
  it('writes formula-like text as text cells with the Text format (streaming writer)', async () => {
    const wb = await readBack(await writeOne(RISKY));
    const row = sheetOf(wb, 'leaves').getRow(2);
    RISKY.forEach((text, i) => {
      const cell = row.getCell(i + 1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(asRead(text));
      expect(cell.formula).toBeUndefined();
      expect(cell.numFmt).toBe('@');
    });
  });

  it('leaves harmless text in the General format and keeps numbers and booleans', async () => {
    const wb = await readBack(await writeOne(['annual leave', 3600, true, null, '年假']));
    const ws = sheetOf(wb, 'leaves');
    expect(rowValues(ws, 2)).toEqual(['annual leave', 3600, true, undefined, '年假']);
    expect(ws.getCell('A2').numFmt).toBeUndefined();
  });

  it('writes the same safe cells with the in-memory writer', async () => {
    const path = tempFile('memory.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    RISKY.forEach((text, i) => setSafe(ws.getCell(1, i + 1), text));
    await wb.xlsx.writeFile(path);
    const back = sheetOf(await readBack(path), 'x');
    RISKY.forEach((text, i) => {
      expect(back.getCell(1, i + 1).type).toBe(ExcelJS.ValueType.String);
      expect(back.getCell(1, i + 1).value).toBe(asRead(text));
    });
  });

  it('writes a CellError as its text, never as an error cell', async () => {
    const ws = sheetOf(await readBack(await writeOne([new CellError('#N/A'), new CellError('#REF!')])), 'leaves');
    expect(ws.getCell('A2').type).toBe(ExcelJS.ValueType.String);
    expect(rowValues(ws, 2)).toEqual(['#N/A', '#REF!']);
  });

  it('keeps ids as Text-formatted cells and an already rounded number as the number it was', async () => {
    const path = tempFile('ids.xlsx');
    await writeRowsWorkbook(path, [{ name: 's', headers: ['a', 'b'], rows: [['7212345678901234567', 1.2345678901234568e18]], textColumns: new Set([0, 1]) }]);
    const ws = sheetOf(await readBack(path), 's');
    expect(ws.getCell('A2').value).toBe('7212345678901234567');
    expect(ws.getCell('A2').numFmt).toBe('@');
    expect(ws.getCell('B2').type).toBe(ExcelJS.ValueType.Number);
    expect(ws.getCell('B2').numFmt).toBe('@');
  });
});

describe('wall-clock times', () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = savedTz;
  });

  it('writes a WallTime as a date cell showing the same wall-clock time in any time zone', async () => {
    for (const tz of ['Asia/Shanghai', 'America/Los_Angeles', 'UTC']) {
      process.env.TZ = tz;
      const ws = sheetOf(await readBack(await writeOne([wall('2026-03-02 09:00:00'), wall('2026-03-31 23:59:59'), wall('2026-03-02')])), 'leaves');
      expect(wallText(ws.getCell('A2').value)).toBe('2026-03-02 09:00:00');
      expect(wallText(ws.getCell('B2').value)).toBe('2026-03-31 23:59:59');
      expect(wallText(ws.getCell('C2').value)).toBe('2026-03-02 00:00:00');
      expect(ws.getCell('A2').numFmt).toBe('yyyy-mm-dd hh:mm:ss');
      expect(ws.getCell('C2').numFmt).toBe('yyyy-mm-dd');
    }
  });

  it('writes a WallTime that is no real date as its text', async () => {
    expect(wallTimeToDate('2026-02-30 10:00:00')).toBeUndefined();
    expect(wallTimeToDate('1899-12-31 10:00:00')).toBeUndefined();
    const ws = sheetOf(await readBack(await writeOne([wall('2026-02-30 10:00:00'), wall('=1+1')])), 'leaves');
    expect(rowValues(ws, 2)).toEqual(['2026-02-30 10:00:00', '=1+1']);
    expect(ws.getCell('B2').numFmt).toBe('@');
  });
});

describe.skipIf(!python)('read by openpyxl', () => {
  it('sees text cells (data_type s), real dates, and survives control characters', async () => {
    const path = await writeOne([...RISKY, wall('2026-03-02 09:00:00'), 'bad\u0001\u0008char', new CellError('#N/A')]);
    const cells = openpyxl<[string, string][]>(path, "ws = wb['leaves']\nprint(json.dumps([[c.data_type, str(c.value)] for c in ws[2]]))");
    expect(cells.slice(0, RISKY.length)).toEqual(RISKY.map((s) => ['s', asRead(s)]));
    expect(cells[RISKY.length]).toEqual(['d', '2026-03-02 09:00:00']);
    expect(cells[RISKY.length + 1]).toEqual(['s', 'badchar']);
    expect(cells[RISKY.length + 2]).toEqual(['s', '#N/A']);
  });
});
