// Reading written workbooks back: with exceljs, and with a second, independent reader (openpyxl) when installed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { WallTime, type Kind, type SheetInfo } from '../../src/types.js';

export function tempFile(name: string): string {
  return join(mkdtempSync(join(tmpdir(), 'fi-report-')), name);
}

export async function readBack(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

export function sheetOf(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}; have ${wb.worksheets.map((w) => w.name).join(', ')}`);
  return ws;
}

/** Row values as an array from column 1. */
export function rowValues(ws: ExcelJS.Worksheet, n: number): unknown[] {
  const values = ws.getRow(n).values as unknown[];
  return values.slice(1);
}

/** Wall-clock text of a Date cell read back, from its UTC fields (how exceljs stores them). */
export function wallText(value: unknown): string {
  if (!(value instanceof Date)) throw new Error(`not a date: ${String(value)}`);
  return value.toISOString().slice(0, 19).replace('T', ' ');
}

export function sheetInfo(kind: Kind, name: string, headers: string[], fields: (string | null)[], file = 'in.xlsx'): SheetInfo {
  return { file, name, kind, headers, fields };
}

export const wall = (text: string) => new WallTime(text);

/** A python3 that can import openpyxl, or undefined (the Debian one lives in /usr/bin, apart from pyenv's). */
export const python: string | undefined = ['/usr/bin/python3', 'python3'].find((p) => {
  try {
    execFileSync(p, ['-c', 'import openpyxl'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});

/** Runs a python snippet with `wb` = openpyxl workbook of `path`; returns what it prints as JSON. */
export function openpyxl<T>(path: string, body: string): T {
  const script = `import json, sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\n${body}`;
  return JSON.parse(execFileSync(python!, ['-c', script, path], { encoding: 'utf8' })) as T;
}
