import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { Option } from 'commander';
import { t } from '../../messages/index.js';
import type { Plan } from '../../plan/plan.js';
import { KINDS, type EmployeeType, type Kind, type PlannedRequest } from '../../types.js';
import { EXIT } from '../exit.js';
import { formatProblem, printJson, say } from '../output.js';

export const EMPLOYEE_TYPES = ['employee_id', 'employee_no', 'open_id'] as const;

interface PlanFlags {
  payloads?: string;
  json?: boolean;
  kind?: Kind;
  employeeType?: EmployeeType;
}

export function registerPlan(program: Command): void {
  program
    .command('plan')
    .description('show what apply would send (requests per endpoint, records per kind, time at 50 req/s); nothing is sent')
    .argument('<inputs...>', '.xlsx workbooks, .csv files or .yaml manifests')
    .option('--payloads <file>', 'write every request body, one JSON object per line (JSONL)')
    .addOption(new Option('--employee-type <type>', 'type of the user ids (default: the manifest, else employee_id)').choices(EMPLOYEE_TYPES))
    .addOption(new Option('--kind <kind>', 'kind of CSV files whose name does not say it').choices(KINDS))
    .option('--json', 'print one JSON document (summary and payloads) instead of text')
    .action(async (inputs: string[], flags: PlanFlags) => {
      process.exitCode = await runPlan(inputs, flags);
    });
}

/** What one planned request looks like on the wire and in --payloads. */
export function payloadLine(r: PlannedRequest): Record<string, unknown> {
  return {
    endpoint: r.endpoint,
    method: r.method,
    path: r.path,
    query: r.query,
    body: r.body,
    rows: r.records.map((rec) => rec.ref),
  };
}

async function writePayloads(path: string, plan: Plan): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  for (const r of plan.requests) {
    if (!out.write(`${JSON.stringify(payloadLine(r))}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function runPlan(inputs: string[], flags: PlanFlags): Promise<number> {
  // Loaded on use, like every command's implementation: startup only pays for the command that runs.
  const { validateInputs } = await import('../../run/validate.js');
  const { buildPlan } = await import('../../plan/plan.js');
  const result = await validateInputs(inputs, { keepRecords: true, ...(flags.kind ? { kind: flags.kind } : {}), ...(flags.employeeType ? { employeeType: flags.employeeType } : {}) });
  const employeeType = flags.employeeType ?? result.inputs.defaults.employee_type ?? 'employee_id';
  const plan = buildPlan(result.records, { employeeType });
  if (flags.payloads) await writePayloads(flags.payloads, plan);
  if (flags.json) {
    printJson({
      valid: result.valid,
      invalid: result.invalid,
      employee_type: employeeType,
      ...plan.summary,
      errors: result.problems.map(({ file, sheet, row, column, field, code, message }) => ({ file, sheet, row, column, field, code, message })),
      payloads: plan.requests.map(payloadLine),
    });
  } else {
    for (const p of result.problems.slice(0, 30)) say(formatProblem(p));
    say(t('cli.validateSummary', { valid: result.valid, invalid: result.invalid }));
    say(t('cli.planHeader', { employeeType }));
    for (const [endpoint, n] of Object.entries(plan.summary.requests)) if (n) say(`  ${endpoint}: ${n}`);
    say(t('cli.planRecords'));
    for (const [kind, n] of Object.entries(plan.summary.records)) if (n) say(`  ${kind}: ${n}`);
    say(t('cli.planTime', { seconds: plan.summary.secondsAtLimit.toFixed(1) }));
    if (flags.payloads) say(t('cli.payloadsWritten', { path: flags.payloads, count: plan.requests.length }));
  }
  return result.invalid > 0 ? EXIT.rowsFailed : EXIT.ok;
}
