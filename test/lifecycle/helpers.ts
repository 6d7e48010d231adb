// Shared by the lifecycle tests: an imported month to act on, and reading back what a workbook says per row.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { apply, type ApplyResult } from '../../src/index.js';
import type { Sandbox, SandboxRecord } from '../../src/sandbox/index.js';
import { against } from '../helpers/sandbox.js';
import { month, writeWorkbook } from '../helpers/workbook.js';

/** Imports `users` × `days` leaves and overtime plus `remedies` remedies (pending, approved, rejected in turn). */
export async function importMonth(sb: Sandbox, dir: string, users = 2, days = 2, remedies = 6): Promise<{ input: string; state: string; result: ApplyResult }> {
  const input = join(dir, 'march.xlsx');
  const state = join(dir, 'state');
  await writeWorkbook(input, month(users, days, remedies));
  const result = await apply([input], { ...against(sb), state, out: false });
  return { input, state, result };
}

/** Records still standing in the sandbox (pending or approved). */
export const live = (sb: Sandbox): SandboxRecord[] => sb.records().filter((r) => r.status === 0 || r.status === 2);

export const byKindStatus = (sb: Sandbox, kind: SandboxRecord['kind'], status: number): SandboxRecord[] => sb.records().filter((r) => r.kind === kind && r.status === status);

/** The rows of one sheet as header → value objects. */
export async function sheetRows(path: string, sheet: string): Promise<Record<string, unknown>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet} in ${path}: ${wb.worksheets.map((w) => w.name).join(', ')}`);
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    rows.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
  });
  return rows;
}

/** How many requests the sandbox received on approval_infos/process. */
export const processRequests = (sb: Sandbox): number => sb.stats().approval_infos_process.requests;
