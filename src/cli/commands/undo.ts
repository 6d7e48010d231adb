import type { Command } from 'commander';
import { render, t } from '../../messages/index.js';
import type { MessageRef } from '../../messages/said.js';
import type { UndoOptions, UndoResult } from '../../run/undo.js';
import { DONE_STATUSES } from '../../types.js';
import { EXIT } from '../exit.js';
import { interruptible } from '../interrupt.js';
import { BASE_URL_HELP, positiveInt, RATE_HELP } from '../options.js';
import { printJson, say, withWords } from '../output.js';

interface UndoFlags extends Pick<UndoOptions, 'run' | 'state' | 'dryRun' | 'out' | 'baseUrl' | 'sandbox' | 'rate'> {
  json?: boolean;
}


export function registerUndo(program: Command): void {
  program
    .command('undo')
    .description('revoke everything one apply run wrote (the latest by default), using the approval ids in its journal')
    .option('--run <id>', 'the apply run to undo (default: the latest that wrote something; see feishu-import history)')
    .option('--state <dir>', 'state folder with the journal (default: .feishu-import/ in the current folder)')
    .option('--dry-run', 'list what would be revoked or rejected; send nothing')
    .option('--out <file>', 'undo workbook (default: <state folder>/undo-<run>.xlsx)')
    .option('--no-out', 'do not write an undo workbook')
    .option('--rate <n>', RATE_HELP, positiveInt, 50)
    .option('--base-url <url>', BASE_URL_HELP)
    .option('--sandbox', 'undo a run made with apply --sandbox (same state folder)')
    .option('--json', 'print one JSON document at the end and nothing else')
    .addHelpText(
      'after',
      '\nLeaves, outs, overtime, trips and approved remedies are revoked (status 4); pending remedies are rejected\n(status 1); rejected ones need nothing. Running undo again changes nothing; an interrupted undo resumes.\nExit codes: 0 every record is withdrawn (or would be, with --dry-run); 1 some could not be; 2 usage or\nconfiguration error, or no such run.',
    )
    .action(async (flags: UndoFlags) => {
      process.exitCode = await runUndo(flags);
    });
}

async function runUndo(flags: UndoFlags): Promise<number> {
  const { undo } = await import('../../run/undo.js'); // loaded on use: startup only pays for the command that runs
  const { json, ...options } = flags;
  const events = json ? {} : { events: { onNotice: (m: MessageRef) => say(`${t('cli.notice')}: ${render(m)}`) } };
  const result = await interruptible(!!json, (signal) => undo({ ...options, env: process.env, signal, ...events }));
  if (json) printJson(toJson(result));
  else printRows(result);
  const done = result.rows.every((r) => DONE_STATUSES.includes(r.status));
  return done && !result.interrupted ? EXIT.ok : EXIT.rowsFailed;
}

function toJson(r: UndoResult): Record<string, unknown> {
  return {
    run: r.runId ?? null,
    undone_run: r.target,
    counts: r.counts,
    requests: r.requests,
    interrupted: r.interrupted,
    workbook: r.resultsPath ?? null,
    notes: r.notes.map((n) => render(n)),
    rows: r.rows.map((row) => ({ ...withWords(row), approval_id: row.approval_id ?? null })),
  };
}

function printRows(r: UndoResult): void {
  for (const row of r.rows) {
    const where = [row.file, row.sheet, t('cli.row', { row: row.row })].join(' › ');
    const error = row.message ? ` — ${render(row.message)}` : '';
    say(`${where}  ${row.kind}  ${row.approval_id ?? '-'}  ${row.action}  ${row.status}${error}`);
  }
  const counts = Object.entries(r.counts).map(([s, n]) => `${s} ${n}`).join(', ');
  say(r.rows.length ? t('undo.summary', { target: r.target, counts }) : t('undo.nothingInRun', { target: r.target }));
  if (r.interrupted) say(t('cli.interrupted'));
  if (r.resultsPath) say(t('undo.written', { path: r.resultsPath }));
}
