import type { Command } from 'commander';
import { Option } from 'commander';
import { reasonText, render, t } from '../../messages/index.js';
import type { ApplyOptions, ApplyResult } from '../../run/apply.js';
import { DONE_STATUSES, KINDS, type RowStatus } from '../../types.js';
import { EXIT } from '../exit.js';
import { interruptible } from '../interrupt.js';
import { BASE_URL_HELP, positiveInt, RATE_HELP } from '../options.js';
import { say, withWords } from '../output.js';
import { EMPLOYEE_TYPES } from './plan.js';

interface ApplyFlags extends Omit<ApplyOptions, 'env' | 'signal' | 'events'> {
  json?: boolean;
}


export function registerApply(program: Command): void {
  program
    .command('apply')
    .description('write the records into Feishu: exactly once, at the rate limit, with a results workbook')
    .argument('<inputs...>', '.xlsx workbooks, .csv files or .yaml manifests')
    .option('--out <file>', 'results workbook (default: next to the first input, <name>.results.xlsx)')
    .option('--no-out', 'do not write a results workbook')
    .option('--state <dir>', 'state folder with the journal (default: .feishu-import/ beside the first input)')
    .option('--dry-run', 'do everything but send (reading Feishu when there are credentials): rows already there say "exists", the rest "planned"')
    .option('--replace', 'when a row changes a record written earlier, revoke the earlier one and write the new one')
    .option('--prune', 'revoke what this tool wrote in scope (the inputs\' users and dates) that the inputs no longer hold')
    .option('--max-prune <n>', 'with --prune: stop before sending anything if more would be revoked (a count, or a percentage of the records in scope; default 10%)')
    .option('--no-verify', 'do not read the written records back from Feishu (by default every row is settled from what Feishu holds)')
    .addOption(new Option('--employee-type <type>', 'type of the user ids (default: the manifest, else employee_id)').choices(EMPLOYEE_TYPES))
    .addOption(new Option('--kind <kind>', 'kind of CSV files whose name does not say it').choices(KINDS))
    .option('--rate <n>', RATE_HELP, positiveInt, 50)
    .option('--concurrency <n>', 'requests in flight per endpoint (default: enough to fill the rate)', positiveInt)
    .option('--base-url <url>', BASE_URL_HELP)
    .option('--sandbox', 'run against an embedded Feishu sandbox (no credentials needed; nothing leaves this machine)')
    .option('--json', 'print one JSON document at the end and nothing else')
    .action(async (inputs: string[], flags: ApplyFlags) => {
      process.exitCode = await runApply(inputs, flags);
    });
}

async function runApply(inputs: string[], flags: ApplyFlags): Promise<number> {
  const { json, ...options } = flags;
  const mode = json ? 'none' : process.stdout.isTTY ? 'tty' : 'plain';
  // Loaded on use (undici, listr2, the journal, the sandbox): other commands and `--help` start without them.
  const [{ apply }, { createProgress }] = await Promise.all([import('../../run/apply.js'), import('../progress.js')]);
  const progress = createProgress(mode, say);
  let result: ApplyResult;
  try {
    result = await interruptible(!!json, (signal) => apply(inputs, { ...options, env: process.env, signal, events: progress.events }));
  } finally {
    await progress.finish();
  }
  if (json) {
    const { writeJsonDocument } = await import('../../report/json-stream.js');
    await writeJsonDocument(process.stdout, toJson(result));
  } else printSummary(result);
  const done =
    Object.entries(result.counts).every(([status, n]) => n === 0 || DONE_STATUSES.includes(status as RowStatus)) &&
    (result.pruned ?? []).every((p) => p.status === 'updated' || p.status === 'exists');
  return !result.interrupted && !result.resultsError && done ? EXIT.ok : EXIT.rowsFailed;
}

function toJson(r: ApplyResult): Record<string, unknown> {
  return {
    run: r.runId ?? null,
    valid: r.valid,
    invalid: r.invalid,
    counts: r.counts,
    requests: r.requests,
    rate_limit_waits: r.rateLimitWaits,
    retries: r.retries,
    duration_ms: r.durationMs,
    interrupted: r.interrupted,
    verified: r.verified ?? null,
    reconciled: r.reconciled ?? null,
    pruned: (r.pruned ?? []).map(withWords),
    results: r.resultsPath ?? null,
    ...(r.resultsError ? { results_error: render(r.resultsError) } : {}),
    // Streamed: the outcomes of a big month are on disk, and only those not done are printed.
    problems: notDone(r),
  };
}

async function* notDone(r: ApplyResult): AsyncGenerator<Record<string, unknown>> {
  for (const o of r.outcomes.all()) if (!DONE_STATUSES.includes(o.status)) yield withWords(o);
}

function printSummary(r: ApplyResult): void {
  const counts = Object.entries(r.counts)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${t(`status.${s}`)} ${n}`)
    .join(', ');
  say(t('cli.applySummary', { counts: counts || '0', seconds: (r.durationMs / 1000).toFixed(1) }));
  const requests = Object.entries(r.requests).map(([e, n]) => `${e} ${n}`).join(', ');
  if (requests) say(t('cli.applyRequests', { requests, waits: r.rateLimitWaits, retries: r.retries }));
  if (r.reconciled) say(t('cli.applyReconciled', { ...r.reconciled }));
  if (r.pruned?.length) say(t('cli.applyPruned', { counts: countBy(r.pruned.map((p) => t(`status.${p.status}`))) }));
  for (const p of r.pruned ?? []) if (p.status === 'failed') say(`  ${p.kind} ${p.user_id} ${p.date} approval ${p.approval_id}: ${reasonText(p)}`);
  if (r.verified) say(t('cli.applyVerified', { ...r.verified }));
  if (r.interrupted) say(t('cli.interrupted'));
  if (r.resultsPath) say(t('cli.resultsWritten', { path: r.resultsPath }));
  if (r.resultsError) say(render(r.resultsError));
}

function countBy(items: readonly string[]): string {
  const n = new Map<string, number>();
  for (const i of items) n.set(i, (n.get(i) ?? 0) + 1);
  return [...n].map(([k, v]) => `${k} ${v}`).join(', ');
}
