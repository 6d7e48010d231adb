// The results workbook: the inputs are streamed again (nothing of 100,000 rows is kept for this) and each row is
// joined with its outcome. A row with no outcome would be a bug; it is written as `skipped` rather than dropped.
import { t } from '../messages/index.js';
import { defaultOutputPath } from '../cli/paths.js';
import { writeResults, type ResultRow, type ResultsSummary } from '../report/results.js';
import type { ResolvedInputs } from '../sources/types.js';
import type { InputRow, SheetInfo } from '../types.js';
import type { Outcomes } from '../submit/outcomes.js';

type Sheets = AsyncIterable<{ sheet: SheetInfo; rows: AsyncIterable<ResultRow> }>;

/** Splits one stream of rows into consecutive per-sheet streams, consumed in order (as the streaming writer does). */
async function* bySheet(rows: AsyncIterable<InputRow>, outcomes: Outcomes, counts: ResultsSummary['counts']): Sheets {
  const it = rows[Symbol.asyncIterator]();
  let next = await it.next();
  while (!next.done) {
    const sheet = next.value.sheet;
    const current = async function* (): AsyncIterable<ResultRow> {
      while (!next.done && next.value.sheet === sheet) {
        const row = next.value;
        const ref = { file: sheet.file, sheet: sheet.name, row: row.row };
        const outcome = outcomes.get(ref) ?? { ref, status: 'skipped' as const, error_message: t('apply.noOutcome') };
        const perKind = (counts[sheet.kind] ??= {});
        perKind[outcome.status] = (perKind[outcome.status] ?? 0) + 1;
        yield { values: row.values, row: row.row, outcome };
        next = await it.next();
      }
    };
    yield { sheet, rows: current() };
    // If the writer stopped early, skip the rest of this sheet so the next one starts where it should.
    while (!next.done && next.value.sheet === sheet) next = await it.next();
  }
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
  await writeResults(path, { sheets: bySheet(inputs.rows({ onNotice: () => {} }), outcomes, full.counts), summary: full });
  return path;
}
