// The workbook `undo` writes: one row per record of the undone run (where it came from, what was done, how it
// ended), coloured like the results workbook, then a short summary.
import { reasonText, render } from '../messages/index.js';
import type { MessageRef } from '../messages/said.js';
import type { Cell, RowStatus } from '../types.js';
import { STATUS_STYLE } from './results.js';
import { writeTable } from './rows.js';
import { colourStatus, withWorkbook } from './workbook.js';

export interface UndoSheetRow {
  file: string;
  sheet: string;
  row: number;
  kind: string;
  approval_id?: string;
  action: string;
  status: RowStatus;
  error_code?: string;
  message?: MessageRef;
  log_id?: string;
}

export interface UndoSummary {
  /** The undo run (absent for --dry-run) and the run it undid. */
  runId?: string;
  target: string;
  startedAt: string;
  notes: MessageRef[];
}

/** Fixed English identifiers, like the results workbook's added columns: other programs read them. */
const UNDO_COLUMNS = ['source_file', 'source_sheet', 'source_row', 'kind', 'approval_id', 'action', 'status', 'error_code', 'error_message', 'log_id'] as const;
const STATUS_AT = UNDO_COLUMNS.indexOf('status');
const TEXT = new Set([UNDO_COLUMNS.indexOf('approval_id'), UNDO_COLUMNS.indexOf('error_code'), UNDO_COLUMNS.indexOf('log_id')]);

export async function writeUndoResults(path: string, rows: readonly UndoSheetRow[], summary: UndoSummary): Promise<void> {
  const cells = rows.map((r): Cell[] => [r.file, r.sheet, r.row, r.kind, r.approval_id ?? null, r.action, r.status, r.error_code ?? null, reasonText(r) || null, r.log_id ?? null]);
  await withWorkbook(path, async (workbook) => {
    await writeTable(workbook, 'undo', UNDO_COLUMNS, cells, {
      textColumns: TEXT,
      decorate: colourStatus(STATUS_AT, STATUS_STYLE),
    });
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
    const lines: Cell[][] = [
      ['run', summary.runId ?? null],
      ['undone_run', summary.target],
      ['started_at', summary.startedAt],
      ...[...counts].map(([status, n]): Cell[] => [status, n]),
      ...summary.notes.map((n): Cell[] => ['note', render(n)]),
    ];
    await writeTable(workbook, 'summary', ['item', 'value'], lines);
  });
}
