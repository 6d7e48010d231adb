// The `summary` sheet of the results workbook: the run, rows per kind and status, requests per endpoint.
import type ExcelJS from 'exceljs';
import { render, t } from '../messages/index.js';
import type { MessageRef } from '../messages/said.js';
import { KINDS, type Cell, type RowStatus } from '../types.js';
import { setSafe } from './safe.js';
import { FILL, fill } from './workbook.js';

export interface ResultsSummary {
  runId?: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  /** kind → status → rows. */
  counts: Record<string, Record<string, number>>;
  /** endpoint → requests sent. */
  requests: Record<string, number>;
  rateLimitWaits: number;
  retries: number;
  /** The verify step's read-back counts (absent when it did not run). */
  verified?: { confirmed: number; rewritten: number; unconfirmed: number };
  notes?: MessageRef[];
}

const STATUSES: readonly RowStatus[] = ['created', 'exists', 'updated', 'unconfirmed', 'failed', 'invalid', 'conflict', 'skipped', 'planned'];

export function writeResultsSummary(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, s: ResultsSummary): void {
  const ws = workbook.addWorksheet(name);
  ws.columns = [{ width: 24 }, ...Array.from({ length: 9 }, () => ({ width: 12 }))];
  let n = 0;
  const line = (values: Cell[], head = false) => {
    const row = ws.getRow(++n);
    values.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      setSafe(cell, v);
      if (head) {
        cell.font = { bold: true };
        cell.fill = fill(FILL.header);
      }
    });
    row.commit();
  };

  line([t('report.results.title')], true);
  if (s.runId) line([t('report.results.runId'), s.runId]);
  line([t('report.results.startedAt'), s.startedAt]);
  line([t('report.results.finishedAt'), s.finishedAt]);
  line([t('report.results.duration'), Math.round(s.durationMs / 100) / 10]);
  line([t('report.results.rateLimitWaits'), s.rateLimitWaits]);
  line([t('report.results.retries'), s.retries]);
  if (s.verified) {
    line([t('report.results.verifyConfirmed'), s.verified.confirmed]);
    line([t('report.results.verifyRewritten'), s.verified.rewritten]);
    line([t('report.results.verifyUnconfirmed'), s.verified.unconfirmed]);
  } else line([t('report.results.verifySkipped')]);
  n++;

  // Kinds and statuses in their usual order, then any the caller added.
  const kinds = ordered(Object.keys(s.counts), KINDS);
  const statuses = ordered(kinds.flatMap((k) => Object.keys(s.counts[k] ?? {})), STATUSES);
  line([t('report.results.kind'), ...statuses, t('report.results.total')], true);
  const totals = statuses.map(() => 0);
  for (const kind of kinds) {
    const counts = statuses.map((st) => s.counts[kind]?.[st] ?? 0);
    counts.forEach((c, i) => (totals[i]! += c));
    line([kind, ...counts, sum(counts)]);
  }
  line([t('report.results.total'), ...totals, sum(totals)], true);
  n++;

  line([t('report.results.endpoint'), t('report.results.requests')], true);
  for (const [endpoint, count] of Object.entries(s.requests)) line([endpoint, count]);

  if (s.notes?.length) {
    n++;
    line([t('report.results.notes')], true);
    for (const note of s.notes) line([render(note)]);
  }
  ws.commit();
}

function ordered(names: string[], known: readonly string[]): string[] {
  const set = new Set(names);
  return [...known.filter((k) => set.has(k)), ...[...set].filter((k) => !known.includes(k)).sort()];
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
