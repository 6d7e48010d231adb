// verify: read → validate → normalize → read back from Feishu → compare → report. Nothing is written to Feishu
// and no journal is needed: the server's answer is the truth, whatever a state folder says.
import { defaultOutputPath } from '../report/paths.js';
import { ConfigError } from '../errors.js';
import { ref, type MessageRef } from '../messages/said.js';
import { connect, type ConnectOptions, type RunStats } from '../run/connect.js';
import type { RunEvents } from '../run/events.js';
import { rowKey, validateInputs } from '../run/validate.js';
import type { SubmitContext } from '../submit/context.js';
import { queryRemedies } from '../submit/remedies.js';
import { runStateDir, sandboxStorePath } from '../run/paths.js';
import { isLifecycleKind, KINDS, type EmployeeType, type Kind, type NormalizedRecord, type Problem } from '../types.js';
import { compareApprovals, compareRemedies, type Verdict, type VerifyStatus } from './compare.js';
import { queryApprovals } from './query.js';
import { VERIFY_STATUSES, writeVerifyWorkbook, type VerifyCounts } from './workbook.js';

export type { VerifyStatus } from './compare.js';

export interface VerifyOptions extends Pick<ConnectOptions, 'sandbox' | 'baseUrl' | 'rate' | 'env'> {
  /** The kind of CSV inputs whose file name does not say it. */
  kind?: Kind;
  employeeType?: EmployeeType;
  /** Workbook path; false: none. Default: next to the first input, `<name>.verify.xlsx`. */
  out?: string | false;
  /** State folder (with --sandbox: where `apply --sandbox` kept the sandbox's data). */
  state?: string;
  events?: Pick<RunEvents, 'onNotice'>;
}

export interface VerifyRow {
  file: string;
  sheet: string;
  row: number;
  kind: Kind;
  status: VerifyStatus;
  approval_id?: string;
  /** Why, as data (reasonText() gives it, or an invalid row's problems, in words). */
  message?: MessageRef;
  problems?: Problem[];
}

export interface VerifyResult {
  counts: Record<VerifyStatus, number>;
  /** kind → status → rows. */
  byKind: VerifyCounts;
  /** Every input row, valid and invalid, in input order (file, kind, sheet, row). */
  rows: VerifyRow[];
  /** Read-back requests sent, per endpoint. */
  requests: RunStats['requests'];
  employeeType: EmployeeType;
  outPath?: string;
}

/** Every row's verdict, keyed by rowKey, from what the server holds now. */
async function readBack(records: NormalizedRecord[], employeeType: EmployeeType, opts: VerifyOptions, stats: RunStats): Promise<Map<string, Verdict>> {
  const verdicts = new Map<string, Verdict>();
  if (!records.length) return verdicts;
  const approvals = records.filter((r) => r.kind !== 'remedies' && !isLifecycleKind(r.kind));
  const remedies = records.filter((r) => r.kind === 'remedies');
  const conn = await connect(opts, stats);
  try {
    if (approvals.length) {
      const held = await queryApprovals(approvals, conn.client, employeeType);
      for (const [r, v] of compareApprovals(approvals, held)) verdicts.set(rowKey(r.ref), v);
    }
    if (remedies.length) {
      // queryRemedies only reads the client and the employee type of its context: nothing here is written.
      const ctx = { client: conn.client, employeeType } as Pick<SubmitContext, 'client' | 'employeeType'> as SubmitContext;
      const held = await queryRemedies(remedies, ctx);
      if (!held) throw new ConfigError(ref('verify.queryFailed', { endpoint: 'user_task_remedys/query', message: ref('verify.remedyQueryFailed') }));
      for (const [r, v] of compareRemedies(remedies, held)) verdicts.set(rowKey(r.ref), v);
    }
  } finally {
    await conn.close();
  }
  return verdicts;
}

function problemsByRow(problems: readonly Problem[]): Map<string, Problem[]> {
  const byRow = new Map<string, Problem[]>();
  for (const p of problems) {
    const k = rowKey(p);
    byRow.set(k, [...(byRow.get(k) ?? []), p]);
  }
  return byRow;
}

export async function verify(paths: string[], opts: VerifyOptions = {}): Promise<VerifyResult> {
  const validation = await validateInputs(paths, { keepRecords: true, ...(opts.kind ? { kind: opts.kind } : {}), ...(opts.employeeType ? { employeeType: opts.employeeType } : {}), ...(opts.events?.onNotice ? { onNotice: opts.events.onNotice } : {}) });
  const employeeType = opts.employeeType ?? validation.inputs.defaults.employee_type ?? 'employee_id';
  const stats: RunStats = { requests: {}, rateLimitWaits: 0, retries: 0 };
  // With --sandbox, read what `apply --sandbox` wrote: the sandbox kept in its state folder.
  const store = opts.sandbox ? { sandboxStore: sandboxStorePath(runStateDir(paths, opts)) } : {};
  const verdicts = await readBack(validation.records, employeeType, { ...opts, ...store }, stats);

  const rows: VerifyRow[] = [];
  for (const r of validation.records) {
    const v: Verdict = isLifecycleKind(r.kind) ? { status: 'unchecked', message: ref('verify.unchecked') } : (verdicts.get(rowKey(r.ref)) ?? { status: 'missing' });
    verdicts.set(rowKey(r.ref), v);
    rows.push({ ...r.ref, kind: r.kind, ...v });
  }
  const problems = problemsByRow(validation.problems);
  for (const r of validation.invalidRows) {
    const at = { file: r.sheet.file, sheet: r.sheet.name, row: r.row };
    const own = problems.get(rowKey(at)) ?? [];
    verdicts.set(rowKey(at), { status: 'invalid', problems: own });
    rows.push({ ...at, kind: r.sheet.kind, status: 'invalid', problems: own });
  }
  const fileAt = (f: string) => (validation.inputs.files.indexOf(f) + 1 || Infinity);
  rows.sort((a, b) => fileAt(a.file) - fileAt(b.file) || KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || (a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : 0) || a.row - b.row);

  const counts = Object.fromEntries(VERIFY_STATUSES.map((s) => [s, 0])) as Record<VerifyStatus, number>;
  const byKind: VerifyCounts = {};
  for (const r of rows) {
    counts[r.status]++;
    const k = (byKind[r.kind] ??= {});
    k[r.status] = (k[r.status] ?? 0) + 1;
  }
  const result: VerifyResult = { counts, byKind, rows, requests: stats.requests, employeeType };
  if (opts.out !== false) {
    result.outPath = opts.out ?? defaultOutputPath(paths[0] ?? 'input', 'verify');
    await writeVerifyWorkbook(result.outPath, validation.inputs, verdicts, byKind);
  }
  return result;
}
