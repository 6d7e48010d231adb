// The results workbook: the inputs are streamed again (nothing of 100,000 rows is kept for this) and each row is
// joined with its outcome. A row with no outcome would be a bug; it is written as `skipped` rather than dropped.
import { defaultOutputPath } from '../report/paths.js';
import { bySheet } from '../report/sheets.js';
import { writeResults, type ResultRow, type ResultsSummary } from '../report/results.js';
import type { ResolvedInputs } from '../sources/types.js';
import type { InputRow } from '../types.js';
import type { Outcomes } from '../submit/outcomes.js';
import { said } from '../messages/said.js';

/** Each input row joined with its outcome, counted per kind and status for the summary. */
function resultRow(row: InputRow, outcomes: Outcomes, counts: ResultsSummary['counts']): ResultRow {
  const sheet = row.sheet;
  const ref = { file: sheet.file, sheet: sheet.name, row: row.row };
  const outcome = outcomes.get(ref) ?? { ref, status: 'skipped' as const, ...said('apply.noOutcome') };
  const perKind = (counts[sheet.kind] ??= {});
  perKind[outcome.status] = (perKind[outcome.status] ?? 0) + 1;
  return { values: row.values, row: row.row, outcome };
}

export async function writeRunResults(
  paths: string[],
  inputs: ResolvedInputs,
  outcomes: Outcomes,
  out: string | undefined,
  summary: Omit<ResultsSummary, 'counts'>,
): Promise<string> {
  const path = out ?? defaultOutputPath(paths[0] ?? 'input', 'results');
  const full: ResultsSummary = { ...summary, counts: {} };
  await writeResults(path, { sheets: bySheet(inputs.rows({ onNotice: () => {}, threads: false }), (row) => resultRow(row, outcomes, full.counts)), summary: full });
  return path;
}
