import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { Option } from 'commander';
import { t } from '../../messages/index.js';
import type { FieldChange, RecordAction, RowAction } from '../../reconcile/types.js';
import type { PlanSheetRow } from '../../report/plan.js';
import { KINDS, type EmployeeType, type Kind, type PlannedRequest } from '../../types.js';
import { EXIT } from '../exit.js';
import { BASE_URL_HELP } from '../options.js';
import { formatProblem, problemJson, say } from '../output.js';

export const EMPLOYEE_TYPES = ['employee_id', 'employee_no', 'open_id'] as const;

interface PlanFlags {
  payloads?: string;
  json?: boolean;
  kind?: Kind;
  employeeType?: EmployeeType;
  state?: string;
  sandbox?: boolean;
  baseUrl?: string;
  out?: string;
  save?: string;
  verbose?: boolean;
  replace?: boolean;
  prune?: boolean;
  maxPrune?: string;
}

export function registerPlan(program: Command): void {
  program
    .command('plan')
    .description('show what apply would change in Feishu, as a diff (+ create, ~ replace, - revoke, = keep), with its requests and time; nothing is sent')
    .argument('<inputs...>', '.xlsx workbooks, .csv files or .yaml manifests')
    .option('--state <dir>', 'state folder with the journal (default: .feishu-import/ beside the first input)')
    .option('--sandbox', 'plan against the embedded sandbox that apply --sandbox keeps in the state folder')
    .option('--base-url <url>', BASE_URL_HELP)
    .option('--replace', 'plan as apply --replace would act (changed rows replace their earlier record)')
    .option('--prune', 'plan as apply --prune would act (records gone from the inputs are revoked)')
    .option('--max-prune <n>', 'with --prune: the most records a run may revoke, a count or a percentage of the records in scope (default 10%)')
    .option('--verbose', 'list the rows to keep too')
    .option('--out <file>', 'write the plan as a workbook (one row per action)')
    .option('--save <file>', 'save the plan (JSON) for `apply <file>`, which refuses it if the inputs or Feishu changed since')
    .option('--payloads <file>', 'write every request body apply would send, one JSON object per line (JSONL)')
    .addOption(new Option('--employee-type <type>', 'type of the user ids (default: the manifest, else employee_id)').choices(EMPLOYEE_TYPES))
    .addOption(new Option('--kind <kind>', 'kind of CSV files whose name does not say it').choices(KINDS))
    .option('--json', 'print one JSON document (summary, actions and payloads) instead of text')
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

async function writeLines(path: string, items: AsyncIterable<unknown>): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  for await (const item of items) {
    if (!out.write(`${JSON.stringify(item)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function runPlan(inputs: string[], flags: PlanFlags): Promise<number> {
  // Loaded on use, like every command's implementation: startup only pays for the command that runs.
  const { plan } = await import('../../run/plan.js');
  const { guardPrune, pruneCounts } = await import('../../run/reconciled.js');
  const { DiffLines, changeText } = await import('../diff.js');
  const { Spool } = await import('../../report/spool.js');
  const colour = !!process.stdout.isTTY && !process.env.NO_COLOR;
  // A month is planned a slice of users at a time: what is printed and written is set aside as it comes.
  const diff = new DiffLines({ colour, verbose: !!flags.verbose, replace: !!flags.replace, prune: !!flags.prune });
  const rows = new Spool<PlanSheetRow>();
  const held = new Spool<PlanSheetRow>();
  const payloads = new Spool<Record<string, unknown>>();
  try {
    const result = await plan(inputs, {
      ...(flags.kind ? { kind: flags.kind } : {}),
      ...(flags.employeeType ? { employeeType: flags.employeeType } : {}),
      ...(flags.state ? { state: flags.state } : {}),
      ...(flags.sandbox ? { sandbox: true } : {}),
      ...(flags.baseUrl ? { baseUrl: flags.baseUrl } : {}),
      env: process.env,
      onSlice: (slice) => {
        if (!flags.json) diff.add(slice.rows, slice.records);
        if (flags.json || flags.out) for (const row of actionRows(slice, changeText)) (row.file === undefined ? held : rows).push(row);
        if (flags.json || flags.payloads) for (const p of slice.payloads) payloads.push(payloadLine(p));
      },
    });
    const { validation, reconciliation: r } = result;
    // The guard apply --prune would hit, said before anyone runs it.
    if (flags.prune) guardPrune(pruneCounts(r), flags.maxPrune);
    if (flags.payloads) await writeLines(flags.payloads, payloads.items());
    if (flags.save) {
      const { savePlan } = await import('../../run/saved-plan.js');
      const options = {
        ...(flags.kind ? { kind: flags.kind } : {}),
        ...(flags.employeeType ? { employeeType: flags.employeeType } : {}),
        ...(flags.state ? { state: flags.state } : {}),
        ...(flags.sandbox ? { sandbox: true } : {}),
        ...(flags.replace ? { replace: true } : {}),
        ...(flags.prune ? { prune: true } : {}),
        ...(flags.maxPrune ? { maxPrune: flags.maxPrune } : {}),
      };
      await savePlan(flags.save, { inputs, options, fingerprint: result.fingerprint, totals: result.totals });
    }
    const actions = () => concat(rows.items(), held.items());
    if (flags.out) {
      const { writePlanWorkbook } = await import('../../report/plan.js');
      await writePlanWorkbook(flags.out, actions(), [
        ...Object.entries(result.totals),
        ...Object.entries(result.requests).map(([e, n]): [string, number] => [`requests ${e}`, n]),
        ['seconds at 50 req/s', Number(result.secondsAtLimit.toFixed(1))],
        ['against', result.source],
      ]);
    }
    if (flags.json) {
      const { writeJsonDocument } = await import('../../report/json-stream.js');
      await writeJsonDocument(process.stdout, {
        valid: validation.valid,
        invalid: validation.invalid,
        employee_type: result.employeeType,
        against: result.source,
        totals: result.totals,
        requests: result.requests,
        records: result.records,
        secondsAtLimit: result.secondsAtLimit,
        actions: actions(),
        errors: validation.problems.map(problemJson),
        payloads: payloads.items(),
      });
    } else {
      for (const p of validation.problems.slice(0, 30)) say(formatProblem(p));
      say(t('cli.validateSummary', { valid: validation.valid, invalid: validation.invalid }));
      const reads = Object.values(result.readRequests).reduce((a, b) => a + (b ?? 0), 0);
      say(result.source === 'server' ? t('plan.against.server', { ...result.scope, reads }) : t('plan.against.journal'));
      for await (const line of diff.lines()) say(line);
      const tt = result.totals;
      say(tt.create + tt.replace + tt.revoke === 0 ? t('plan.nothing') : t('plan.totals', { ...tt }));
      if (Object.values(result.requests).some((n) => n > 0)) {
        say(t('cli.planHeader', { employeeType: result.employeeType }));
        for (const [endpoint, n] of Object.entries(result.requests)) if (n) say(`  ${endpoint}: ${n}`);
        say(t('cli.planTime', { seconds: result.secondsAtLimit.toFixed(1) }));
      }
      if (flags.payloads) say(t('cli.payloadsWritten', { path: flags.payloads, count: payloads.count }));
      if (flags.out) say(t('plan.workbook', { path: flags.out }));
      if (flags.save) say(t('plan.saved', { path: flags.save }));
    }
    return validation.invalid > 0 ? EXIT.rowsFailed : EXIT.ok;
  } finally {
    diff.dispose();
    rows.dispose();
    held.dispose();
    payloads.dispose();
  }
}

async function* concat<T>(...parts: AsyncIterable<T>[]): AsyncGenerator<T> {
  for (const p of parts) yield* p;
}

/** One row per action, for --json and the plan workbook: the rows' actions, then the held records' (no file). */
function actionRows(slice: { rows: readonly RowAction[]; records: readonly RecordAction[] }, changeText: (c: FieldChange[]) => string): PlanSheetRow[] {
  const rows: PlanSheetRow[] = [];
  for (const a of slice.rows) {
    const { kind, user_id, date, ref } = a.record;
    const base = { kind, user_id, date, file: ref.file, sheet: ref.sheet, row: ref.row };
    if (a.type === 'keep') rows.push({ action: 'keep', ...base, approval_id: a.held.approval_id });
    else if (a.type === 'replace') rows.push({ action: 'replace', ...base, approval_id: a.earlier.approval_id, changes: changeText(a.changes) });
    else rows.push({ action: a.type, ...base });
  }
  for (const a of slice.records) rows.push({ action: a.type, kind: a.held.kind, user_id: a.held.user_id, date: a.held.date, approval_id: a.held.approval_id });
  return rows;
}
