import type { Command } from 'commander';
import { Option } from 'commander';
import { reasonText, render, t } from '../../messages/index.js';
import type { MessageRef } from '../../messages/said.js';
import { KINDS, type EmployeeType, type Kind } from '../../types.js';
import type { VerifyResult, VerifyRow } from '../../verify/verify.js';
import { EXIT } from '../exit.js';
import { BASE_URL_HELP, positiveInt, RATE_HELP } from '../options.js';
import { printJson, say } from '../output.js';
import { EMPLOYEE_TYPES } from './plan.js';

/** How many rows the terminal shows; the workbook and --json carry all of them. */
const SHOWN = 30;

interface VerifyFlags {
  out?: string | false;
  json?: boolean;
  kind?: Kind;
  employeeType?: EmployeeType;
  baseUrl?: string;
  sandbox?: boolean;
  state?: string;
  rate?: number;
}


export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('read the records back from Feishu and report each row as present, missing or different; nothing is written')
    .argument('<inputs...>', '.xlsx workbooks, .csv files or .yaml manifests')
    .option('--out <file>', 'verify workbook (default: next to the first input, <name>.verify.xlsx)')
    .option('--no-out', 'do not write a verify workbook')
    .addOption(new Option('--employee-type <type>', 'type of the user ids (default: the manifest, else employee_id)').choices(EMPLOYEE_TYPES))
    .addOption(new Option('--kind <kind>', 'kind of CSV files whose name does not say it').choices(KINDS))
    .option('--rate <n>', RATE_HELP, positiveInt, 50)
    .option('--base-url <url>', BASE_URL_HELP)
    .option('--sandbox', 'ask the embedded sandbox that apply --sandbox wrote to (kept in the state folder) instead of Feishu')
    .option('--state <dir>', 'state folder (default: .feishu-import/ beside the first input); with --sandbox, where its data is')
    .option('--json', 'print one JSON document at the end and nothing else')
    .addHelpText(
      'after',
      '\nExit codes: 0 every valid row is present and no row is invalid; 1 some row is missing, different or invalid;\n2 usage or configuration error, an unreadable input, or a read-back that failed (nothing was verified).',
    )
    .action(async (inputs: string[], flags: VerifyFlags) => {
      process.exitCode = await runVerify(inputs, flags);
    });
}

async function runVerify(inputs: string[], flags: VerifyFlags): Promise<number> {
  const { json, ...options } = flags;
  const { verify } = await import('../../verify/verify.js'); // loaded on use: startup only pays for the command that runs
  const result = await verify(inputs, { ...options, env: process.env, ...(json ? {} : { events: { onNotice: (m: MessageRef) => say(`${t('cli.notice')}: ${render(m)}`) } }) });
  const notPresent = result.rows.filter((r) => r.status !== 'present' && r.status !== 'unchecked');
  if (json) printJson(toJson(result, notPresent));
  else printSummary(result, notPresent);
  return notPresent.length === 0 ? EXIT.ok : EXIT.rowsFailed;
}

function toJson(r: VerifyResult, notPresent: VerifyRow[]): Record<string, unknown> {
  return {
    ...r.counts,
    employee_type: r.employeeType,
    requests: r.requests,
    workbook: r.outPath ?? null,
    rows: notPresent.map((v) => ({ file: v.file, sheet: v.sheet, row: v.row, kind: v.kind, status: v.status, approval_id: v.approval_id ?? null, detail: reasonText(v) })),
  };
}

function printSummary(r: VerifyResult, notPresent: VerifyRow[]): void {
  for (const row of notPresent.slice(0, SHOWN)) {
    const where = [row.file, row.sheet, t('cli.row', { row: row.row })].join(' › ');
    say(`${where}: ${row.status}${row.approval_id ? ` (approval_id ${row.approval_id})` : ''}${reasonText(row) ? ` — ${reasonText(row)}` : ''}`);
  }
  if (notPresent.length > SHOWN) say(t('verify.more', { count: notPresent.length - SHOWN }));
  say(t('verify.summary', r.counts));
  const requests = Object.entries(r.requests).map(([e, n]) => `${e} ${n}`).join(', ');
  if (requests) say(t('verify.queries', { requests }));
  if (r.outPath) say(t('verify.written', { path: r.outPath }));
}
