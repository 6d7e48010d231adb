import type { Command } from 'commander';
import { Option } from 'commander';
import { render, t } from '../../messages/index.js';
import { KINDS, type Kind } from '../../types.js';
import { EXIT } from '../exit.js';
import { defaultOutputPath } from '../../report/paths.js';
import { formatProblem, problemJson, say } from '../output.js';

/** How many problems the terminal shows; the report and --json always carry all of them. */
const SHOWN = 30;

interface ValidateFlags {
  report?: string | false;
  json?: boolean;
  kind?: Kind;
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check every input row and report all problems at once; nothing is sent')
    .argument('<inputs...>', '.xlsx workbooks, .csv files or .yaml manifests')
    .option('--report <file>', 'where to write the error-report workbook (default: next to the first input, when rows are invalid)')
    .option('--no-report', 'do not write an error-report workbook')
    .addOption(new Option('--kind <kind>', 'kind of CSV files whose name does not say it').choices(KINDS))
    .option('--json', 'print one JSON document instead of text')
    .action(async (inputs: string[], flags: ValidateFlags) => {
      process.exitCode = await runValidate(inputs, flags);
    });
}

async function runValidate(inputs: string[], flags: ValidateFlags): Promise<number> {
  // Loaded on use: `--help` and the other commands do not pay for the read stage (startup counts on small files).
  const { validateInputs } = await import('../../run/validate.js');
  const { ErrorSpill } = await import('../../report/errors-spill.js');
  // Invalid rows go to disk as they are found, so a file with 50,000 of them is validated in flat memory.
  const spill = new ErrorSpill({ head: SHOWN, toDisk: flags.report !== false || !!flags.json });
  try {
    const result = await validateInputs(inputs, { ...(flags.kind ? { kind: flags.kind } : {}), onInvalid: (row, problems) => spill.add(row, problems) });
    let reportPath: string | undefined;
    if (result.invalid > 0 && flags.report !== false) {
      reportPath = flags.report ?? defaultOutputPath(inputs[0] ?? 'input', 'errors');
      // The workbook writer (all of exceljs) only when a report is written.
      const { writeErrorReportFrom } = await import('../../report/errors.js');
      await writeErrorReportFrom(reportPath, spill, result.notices);
    }
    if (flags.json) {
      const { writeJsonDocument } = await import('../../report/json-stream.js');
      await writeJsonDocument(process.stdout, {
        valid: result.valid,
        invalid: result.invalid,
        errors: mapAsync(spill.problems(), problemJson),
        warnings: result.warnings.map(problemJson),
        notices: result.notices.map((n) => render(n)),
        report: reportPath ?? null,
      });
    } else {
      for (const n of result.notices) say(`${t('cli.notice')}: ${render(n)}`);
      for (const w of result.warnings.slice(0, SHOWN)) say(`${t('cli.warning')}: ${formatProblem(w)}`);
      for (const p of spill.head.slice(0, SHOWN)) say(formatProblem(p));
      if (spill.problemCount > SHOWN) say(t('cli.moreProblems', { count: spill.problemCount - SHOWN }));
      say(t('cli.validateSummary', { valid: result.valid, invalid: result.invalid }));
      if (reportPath) say(t('cli.reportWritten', { path: reportPath }));
    }
    return result.invalid > 0 ? EXIT.rowsFailed : EXIT.ok;
  } finally {
    spill.dispose();
  }
}


async function* mapAsync<T, U>(items: AsyncIterable<T>, f: (item: T) => U): AsyncIterable<U> {
  for await (const item of items) yield f(item);
}
