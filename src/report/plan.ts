// The plan workbook (`plan --out`): one row per action an apply would take, in words an admin can read and filter.
import { addTableSheet } from './table.js';
import { setSafe } from './safe.js';
import { withWorkbook, type AnyIterable } from './workbook.js';
import type { Cell } from '../types.js';

export interface PlanSheetRow {
  action: string;
  kind: string;
  user_id: string;
  date: string;
  approval_id?: string;
  changes?: string;
  file?: string;
  sheet?: string;
  row?: number;
}

const HEADERS = ['action', 'kind', 'user_id', 'date', 'approval_id', 'changes', 'source_file', 'source_sheet', 'source_row'] as const;

export async function writePlanWorkbook(path: string, rows: AnyIterable<PlanSheetRow>, summary: Array<[string, Cell]>): Promise<void> {
  await withWorkbook(path, async (wb) => {
    const ws = addTableSheet(wb, 'plan', HEADERS);
    let n = 1;
    for await (const r of rows) {
      const row = ws.getRow(++n);
      const values: Cell[] = [r.action, r.kind, r.user_id, r.date, r.approval_id ?? null, r.changes ?? null, r.file ?? null, r.sheet ?? null, r.row ?? null];
      values.forEach((v, i) => setSafe(row.getCell(i + 1), v, { text: i === 2 || i === 4 }));
      row.commit();
    }
    ws.commit();
    const sum = addTableSheet(wb, 'summary', ['', '']);
    summary.forEach(([k, v], i) => {
      const row = sum.getRow(i + 2);
      setSafe(row.getCell(1), k);
      setSafe(row.getCell(2), v);
      row.commit();
    });
    sum.commit();
  });
}
