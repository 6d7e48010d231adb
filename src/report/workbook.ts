// Opening and finishing a streamed workbook, and the few styles every written workbook shares.
// Reports can be as long as the input (100,000 rows), so they are written with exceljs's streaming writer:
// each row is flushed when committed and each sheet must be committed before the next one starts.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { setImmediate as tick } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { ConfigError } from '../errors.js';
import { ref } from '../messages/said.js';

export type AnyIterable<T> = Iterable<T> | AsyncIterable<T>;

/**
 * Opens `path`, lets `write` fill the streamed workbook, then commits it and waits until the file is complete.
 * A path that cannot be written is the user's to fix (ConfigError, exit 2). If `write` throws, the partial file
 * is removed so no half-written report is left looking like a real one.
 */
export async function withWorkbook(path: string, write: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => Promise<void>): Promise<void> {
  const out = createWriteStream(path);
  let failure: Error | undefined;
  // Without a listener a late write error (disk full) would crash the process instead of failing this call.
  out.on('error', (e) => (failure ??= e));
  const cannotWrite = (e: Error) => new ConfigError(ref('report.cannotWrite', { path, reason: e.message }), { cause: e });
  try {
    await once(out, 'open');
  } catch (e) {
    throw cannotWrite(e as Error);
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'feishu-import';
  try {
    await write(workbook);
    await workbook.commit();
  } catch (e) {
    // Read before destroying: destroying fails the writes still queued, which says nothing about the cause.
    const cause = failure ? cannotWrite(failure) : e;
    out.destroy();
    await rm(path, { force: true });
    throw cause;
  }
  if (failure) throw cannotWrite(failure);
}

/**
 * Lets the zip stream drain now and then, so a long sheet is not buffered whole in memory. exceljs hands committed rows
 * to the zip without backpressure, and the zip compresses about one 16 KB chunk per turn: yielding every 500 rows left
 * ~0.5 KB per row waiting (50 MB for 110,000 rows); ten rows stay under a chunk.
 */
export async function breathe(rowCount: number): Promise<void> {
  if (rowCount % 10 === 0) await tick();
}

export const FILL = {
  header: 'FFD9E1F2',
  fault: 'FFFFC7CE',
  good: 'FFC6EFCE',
  bad: 'FFFFC7CE',
  muted: 'FFEDEDED',
} as const;

export const FONT = {
  fault: 'FF9C0006',
  good: 'FF006100',
  bad: 'FF9C0006',
  muted: 'FF595959',
} as const;

export function fill(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

export type StatusStyles = Readonly<Record<string, { fill: string; font: string }>>;

/** A `writeTable` decorator that colours the status cell in column `at` (0-based) by its value. */
export function colourStatus(at: number, styles: StatusStyles): (row: ExcelJS.Row, values: readonly unknown[]) => void {
  return (row, values) => {
    const style = styles[String(values[at])];
    if (!style) return;
    const cell = row.getCell(at + 1);
    cell.fill = fill(style.fill);
    cell.font = { color: { argb: style.font }, bold: true };
  };
}

/** Widths from the header texts, bounded so that a long header does not make a huge column. */
export function columnWidths(headers: readonly string[], min = 10, max = 40): { width: number }[] {
  return headers.map((h) => ({ width: Math.min(max, Math.max(min, displayWidth(h) + 2)) }));
}

/** Approximate display width: CJK characters take two columns. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1;
  return w;
}
