// apply: read → validate → normalize → group → plan → reconcile → submit → (prune) → verify → report.
// The one function that runs the whole job; every stage it calls is usable on its own.
import { setMaxListeners } from 'node:events';
import { join } from 'node:path';
import { JOURNAL_FILE, readJournal } from '../journal/index.js';
import { buildPlan } from '../plan/plan.js';
import { located } from '../readback/status.js';
import { ref, type MessageRef } from '../messages/said.js';
import { Outcomes } from '../submit/outcomes.js';
import { confirmWrites, type ConfirmCounts } from '../confirm/index.js';
import type { SubmitContext } from '../submit/context.js';
import { submit } from '../submit/index.js';
import { rowKey, type EmployeeType, type Endpoint, type Kind, type Problem } from '../types.js';
import { canConnect, connect, type Connection } from './connect.js';
import { conflictMessage, decide } from './decide.js';
import type { RunEvents } from './events.js';
import type { RowAction } from '../reconcile/types.js';
import { prune, type PrunedRecord } from './prune.js';
import { guardPrune, reconcileRun, revokes, type ScopeOptions } from './reconciled.js';
import { fingerprints } from './plan.js';
import { checkSavedPlan, loadSavedPlan } from './saved-plan.js';
import { totals as countActions } from '../reconcile/index.js';
import { openRunJournal, type RunJournal } from './journal.js';
import { runStateDir, sandboxStorePath } from './paths.js';

export { runStateDir, sandboxStorePath };
import { writeRunResults } from './results.js';
import { validateInputs } from './validate.js';

export interface ApplyOptions {
  kind?: Kind;
  employeeType?: EmployeeType;
  dryRun?: boolean;
  /** Results workbook path; false: none. Default: next to the first input. */
  out?: string | false;
  /** State folder (journal). Default: `.feishu-import/` beside the first input; with `sandbox`, its `sandbox/` folder. */
  state?: string;
  rate?: number;
  concurrency?: number;
  baseUrl?: string;
  /** Run against an in-process sandbox instead of Feishu (no credentials needed), kept in the state folder. */
  sandbox?: boolean;
  /** Revoke an earlier record whose content changed, then write the new one. */
  replace?: boolean;
  /** Revoke what this tool wrote in scope and the inputs no longer hold (reconcile's `revoke` actions). */
  prune?: boolean;
  /** With prune: stop before sending anything when more would be revoked than this (a count, or "10%", the default). */
  maxPrune?: number | string;
  /** The dates and users the run answers for (default: those of the inputs; a manifest's `scope:`). */
  scope?: ScopeOptions;
  /** Read back what was written and settle every row from what Feishu holds (default true; false: --no-verify). */
  verify?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Abort (Ctrl-C): nothing new starts, in-flight requests finish and are recorded. */
  signal?: AbortSignal;
  events?: ApplyEvents;
}

/** Kept under its first name: apply's events are every run's events. */
export type ApplyEvents = RunEvents;

export interface ApplyResult {
  runId?: string;
  valid: number;
  invalid: number;
  counts: ReturnType<Outcomes['counts']>;
  outcomes: Outcomes;
  resultsPath?: string;
  interrupted: boolean;
  requests: Partial<Record<Endpoint, number>>;
  rateLimitWaits: number;
  retries: number;
  durationMs: number;
  /** The verify step's counts (absent with --no-verify, --dry-run, or when the run was stopped). */
  verified?: ConfirmCounts;
  /** Set when requests were sent but the results workbook could not be written: the run then exits 1. */
  resultsError?: MessageRef;
  /** What reconcile decided, per action (absent with --dry-run). */
  reconciled?: ReturnType<typeof countActions>;
  /** The records --prune withdrew (or tried to). */
  pruned?: PrunedRecord[];
}

export async function apply(inputs: string[], options: ApplyOptions = {}): Promise<ApplyResult> {
  const started = new Date();
  // `apply plan.json`: the inputs and options the plan was made with, checked against it before anything is sent.
  const saved = await loadSavedPlan(inputs);
  const paths = saved ? saved.inputs : inputs;
  const opts: ApplyOptions = saved ? { ...options, ...saved.options } : options;
  const events = opts.events ?? {};
  const validation = await validateInputs(paths, { keepRecords: true, ...(opts.kind ? { kind: opts.kind } : {}), ...(opts.employeeType ? { employeeType: opts.employeeType } : {}), ...(events.onNotice ? { onNotice: events.onNotice } : {}) });
  const employeeType = opts.employeeType ?? validation.inputs.defaults.employee_type ?? 'employee_id';
  const plan = buildPlan(validation.records, { employeeType });
  const outcomes = new Outcomes();
  markInvalid(validation.problems, validation.invalidRows, outcomes);

  let runId: string | undefined;
  let connection: Connection | undefined;
  let journal: RunJournal | undefined;
  let verified: ConfirmCounts | undefined;
  let reconciled: ReturnType<typeof countActions> | undefined;
  let pruned: PrunedRecord[] | undefined;
  const stats = { requests: {} as Partial<Record<Endpoint, number>>, rateLimitWaits: 0, retries: 0 };
  const signal = opts.signal ?? new AbortController().signal;
  // Every call in flight or waiting (up to the executor's cap per endpoint) listens for Ctrl-C on this one signal.
  setMaxListeners(0, signal);
  const state = runStateDir(paths, opts);
  const scope = { ...validation.inputs.defaults.scope, ...opts.scope };
  const connectHere = () => connect({ ...opts, ...(opts.sandbox ? { sandboxStore: sandboxStorePath(state) } : {}) }, stats, events);
  try {
    if (opts.dryRun) {
      // The same reconcile as a real run (against Feishu when there are credentials, else the journal alone), so a
      // dry run's rows say what the run would do: `exists` for what is there, `conflict` for a replace not asked for.
      if (canConnect(opts)) connection = await connectHere();
      const { reconciliation } = await reconcileRun(validation.records, await readJournal(state), connection?.client, employeeType, scope);
      reconciled = countActions(reconciliation);
      for (const a of reconciliation.rows) markDry(a, outcomes, !!opts.replace);
    } else {
      connection = await connectHere();
      journal = await openRunJournal(paths, { ...opts, state, employeeType }, validation.inputs.files, 'apply');
      runId = journal.runId;
      const { reconciliation, facts, view } = await reconcileRun(validation.records, journal.state, connection.client, employeeType, scope);
      if (saved) checkSavedPlan(saved, fingerprints(validation.inputs.files, view, reconciliation), inputs[0] ?? '');
      reconciled = countActions(reconciliation);
      if (opts.prune) guardPrune(reconciliation, opts.maxPrune);
      const work = await decide(plan, journal, outcomes, connection, { ...(opts.replace ? { replace: true } : {}), employeeType, reconciliation, facts });
      const totals: Partial<Record<Endpoint, number>> = {};
      for (const w of work.requests) if (w.records.length) totals[w.request.endpoint] = (totals[w.request.endpoint] ?? 0) + 1;
      events.onPlanned?.(totals);
      const done: Partial<Record<Endpoint, number>> = {};
      const ctx: SubmitContext = {
        client: connection.client,
        journal: { ...journal.submit, process: journal.process, locate: locator(journal, employeeType) },
        outcomes,
        employeeType,
        signal,
        events: {
          onSettled: (endpoint) => {
            done[endpoint] = (done[endpoint] ?? 0) + 1;
            events.onProgress?.(endpoint, done[endpoint] ?? 0, totals[endpoint] ?? 0);
          },
          ...(events.onNotice ? { onNotice: events.onNotice } : {}),
        },
      };
      await submit(work, ctx);
      if (opts.prune && !signal.aborted) pruned = await prune(revokes(reconciliation), journal, connection.client, signal, employeeType);
      // Read back what the run is answerable for, unless told not to or stopped (Ctrl-C sends nothing new).
      if (opts.verify !== false && !signal.aborted) verified = await confirmWrites(validation.records, ctx);
    }
  } finally {
    // The sandbox saves its records on close: before the journal's lock is released, so no other run reads them stale.
    try {
      await connection?.close();
    } finally {
      await journal?.finish(outcomes.counts(), signal.aborted);
    }
  }
  const interrupted = signal.aborted;
  const finished = new Date();
  const result: ApplyResult = {
    ...(runId ? { runId } : {}),
    valid: validation.valid,
    invalid: validation.invalid,
    counts: outcomes.counts(),
    outcomes,
    interrupted,
    requests: stats.requests,
    rateLimitWaits: stats.rateLimitWaits,
    retries: stats.retries,
    durationMs: finished.getTime() - started.getTime(),
    ...(verified ? { verified } : {}),
    ...(reconciled ? { reconciled } : {}),
    ...(pruned ? { pruned } : {}),
  };
  if (opts.out !== false) {
    try {
      result.resultsPath = await writeRunResults(paths, validation.inputs, outcomes, opts.out, {
        ...(runId ? { runId } : {}),
        startedAt: started.toISOString(),
        finishedAt: finished.toISOString(),
        durationMs: result.durationMs,
        requests: stats.requests,
        rateLimitWaits: stats.rateLimitWaits,
        retries: stats.retries,
        ...(verified ? { verified } : {}),
        notes: interrupted ? [ref('apply.interruptedNote')] : [],
      });
    } catch (e) {
      // Nothing sent (a dry run): the failure is the whole story, exit 2. Requests sent: the run did something,
      // so it must end as a run (summary, exit 1) that says where the outcomes are kept.
      if (!runId) throw e;
      const journalPath = join(state, JOURNAL_FILE);
      result.resultsError = ref('apply.resultsWriteFailed', { message: e instanceof Error ? e.message : String(e), journal: journalPath });
    }
  }
  return result;
}

function markDry(a: RowAction, outcomes: Outcomes, replace: boolean): void {
  if (a.type === 'keep') outcomes.set(a.record, 'exists', { approval_id: a.held.approval_id });
  else if (a.type === 'replace' && !replace) outcomes.set(a.record, 'conflict', { approval_id: a.earlier.approval_id, message: conflictMessage(a.earlier.approval_id, a.changes) });
  else outcomes.set(a.record, 'planned', a.type === 'replace' ? { approval_id: a.earlier.approval_id } : {});
}

/** The journal's locations of approvals this tool wrote, as read-back targets. */
const locator = (journal: RunJournal, employeeType: EmployeeType) => (approval_id: string) => located(journal.state.locate(approval_id), employeeType);

function markInvalid(problems: readonly Problem[], rows: { sheet: { file: string; name: string }; row: number }[], outcomes: Outcomes): void {
  const byRow = new Map<string, Problem[]>();
  for (const p of problems) {
    const list = byRow.get(rowKey(p));
    if (list) list.push(p);
    else byRow.set(rowKey(p), [p]);
  }
  for (const r of rows) {
    const ref = { file: r.sheet.file, sheet: r.sheet.name, row: r.row };
    outcomes.setRaw({ ref, status: 'invalid', problems: byRow.get(rowKey(ref)) ?? [] });
  }
}
