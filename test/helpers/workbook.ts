// Small input workbooks for tests, written with exceljs (the fixtures in test/fixtures/ come from other writers).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

export type Value = string | number | Date | null;

/** Wall-clock time as a real Excel date cell (exceljs stores a Date by its UTC fields). */
export const at = (text: string): Date => {
  const [d = '', t = '00:00:00'] = text.split(' ');
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const [hh, mm, ss = 0] = t.split(':').map(Number) as [number, number, number?];
  return new Date(Date.UTC(y, m - 1, day, hh, mm, ss));
};

export async function writeWorkbook(path: string, sheets: Record<string, Value[][]>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) {
      const row = ws.addRow(r);
      r.forEach((v, i) => {
        if (v instanceof Date) row.getCell(i + 1).numFmt = 'yyyy-mm-dd hh:mm:ss';
      });
    }
  }
  await wb.xlsx.writeFile(path);
}

export const LEAVE_HEADER = ['user_id', 'uniq_id', 'i18n_names.ch', 'unit', 'start_time', 'end_time', 'reason'];
export const OVERTIME_HEADER = ['user_id', 'unit', 'category', 'type', 'start_time', 'end_time', 'reason'];
export const REMEDY_HEADER = ['user_id', 'remedy_date', 'punch_no', 'work_type', 'remedy_time', 'reason', 'status'];

/** `users` users × `days` working days of March 2026: one leave and one overtime per user-day, plus remedies. */
export function month(users: number, days: number, remedies = 0): Record<string, Value[][]> {
  const leaves: Value[][] = [LEAVE_HEADER];
  const overtime: Value[][] = [OVERTIME_HEADER];
  const rem: Value[][] = [REMEDY_HEADER];
  for (let u = 1; u <= users; u++) {
    const id = `E${String(u).padStart(4, '0')}`;
    for (let d = 1; d <= days; d++) {
      const day = `2026-03-${String(d).padStart(2, '0')}`;
      leaves.push([id, 'AL01', '年假', 'hour', at(`${day} 09:00`), at(`${day} 11:00`), `leave ${u}-${d}`]);
      overtime.push([id, 'hour', 'workday', 'comp_time', at(`${day} 19:00`), at(`${day} 21:00`), `ot ${u}-${d}`]);
    }
  }
  for (let i = 0; i < remedies; i++) {
    const u = (i % users) + 1;
    const d = Math.floor(i / users) + 1;
    const day = `2026-03-${String(d).padStart(2, '0')}`;
    rem.push([`E${String(u).padStart(4, '0')}`, Number(day.replaceAll('-', '')), 0, 'on', `${day} 09:0${i % 10}`, 'forgot', ['pending', 'approved', 'rejected'][i % 3] ?? 'pending']);
  }
  return remedies ? { leaves, overtime, remedies: rem } : { leaves, overtime };
}

/**
 * Another department's month in `dir` (users D0001…, leaves and overtime) under a manifest that answers for every
 * user the journal knows over March: with --prune, everything the journal wrote would be revoked. Returns the manifest.
 */
export async function writeOtherDepartment(dir: string, users: number, days: number): Promise<string> {
  const m = month(users, days);
  const rename = (rows: Value[][]) => rows.map((r, i) => (i === 0 ? r : [String(r[0]).replace('E', 'D'), ...r.slice(1)]));
  mkdirSync(dir, { recursive: true });
  await writeWorkbook(join(dir, 'march.xlsx'), { leaves: rename(m.leaves as Value[][]), overtime: rename(m.overtime as Value[][]) });
  const manifest = join(dir, 'month.yaml');
  writeFileSync(manifest, 'scope: { from: 2026-03-01, to: 2026-03-31, users: all }\nsources:\n  - path: march.xlsx\n');
  return manifest;
}
