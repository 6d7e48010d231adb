import type { Command } from 'commander';
import { render, t } from '../../messages/index.js';
import type { HistoryResult, RunSummary } from '../../verify/history.js';
import { EXIT } from '../exit.js';
import { printJson, say } from '../output.js';

interface HistoryFlags {
  state?: string;
  json?: boolean;
}

export function registerHistory(program: Command): void {
  program
    .command('history')
    .description('list the runs recorded in the state folder: when, what, and how many rows ended in each status')
    .argument('[inputs...]', 'the inputs of the import, to find its state folder as apply does (.feishu-import/ beside the first)')
    .option('--state <dir>', 'state folder with the journal (default: .feishu-import/ beside the first input, else in the current folder)')
    .option('--json', 'print one JSON document instead of text')
    .addHelpText(
      'after',
      '\nReads the journal without locking it, so it also works while an apply is running.\nExit codes: 0 (also when there is no state folder yet: no runs); 2 when the state path is not a folder or cannot be read.',
    )
    .action(async (inputs: string[], flags: HistoryFlags) => {
      process.exitCode = await runHistory(inputs, flags);
    });
}

async function runHistory(inputs: string[], flags: HistoryFlags): Promise<number> {
  const { history } = await import('../../verify/history.js'); // loaded on use: startup only pays for the command that runs
  const result = await history({ inputs, ...(flags.state ? { state: flags.state } : {}) });
  if (flags.json) printJson(toJson(result));
  else printRuns(result);
  return EXIT.ok;
}

function toJson(r: HistoryResult): Record<string, unknown> {
  return {
    state: r.dir,
    exists: r.exists,
    runs: r.runs.map((run) => ({
      run: run.run,
      command: run.command ?? null,
      started_at: run.startedAt ?? null,
      finished_at: run.finishedAt ?? null,
      inputs: run.inputs,
      counts: run.counts,
      interrupted: run.interrupted,
      unfinished: run.unfinished,
    })),
    notices: r.notices.map((n) => render(n)),
  };
}

function line(run: RunSummary): string {
  const counts = Object.entries(run.counts)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${s} ${n}`)
    .join(', ');
  const flags = [run.interrupted ? t('history.interrupted') : '', run.unfinished ? t('history.unfinished') : ''].filter(Boolean);
  const when = `${run.startedAt ?? '?'} → ${run.finishedAt ?? '…'}`;
  return [run.run, run.command ?? '?', when, counts || t('history.noCounts'), ...flags].join('  ');
}

function printRuns(r: HistoryResult): void {
  for (const n of r.notices) say(`${t('cli.notice')}: ${render(n)}`);
  if (!r.exists) return say(t('history.noState', { dir: r.dir }));
  if (!r.runs.length) return say(t('history.empty', { dir: r.dir }));
  say(t('history.header', { dir: r.dir }));
  for (const run of r.runs) {
    say(line(run));
    if (run.inputs.length) say(`    ${t('history.inputs')}: ${run.inputs.map((i) => i.path).join(', ')}`);
  }
}
