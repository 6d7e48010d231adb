// apply: read → validate → normalize → group → plan → reconcile → submit → (prune) → verify → report.
// The one function that runs the whole job; every stage it calls is usable on its own. From reconcile on, the run goes
// a slice of users at a time (src/run/sliced.ts), so its memory does not grow with the month.
import { setMaxListeners } from 'node:events';
import { join } from 'node:path';
import { JOURNAL_FILE, readJournal, splitAbove } from '../journal/index.js';
import { ref, type MessageRef } from '../messages/said.js';
import { Outcomes } from '../submit/outcomes.js';
import type { ConfirmCounts } from '../confirm/index.js';
import type { EmployeeType, Endpoint, InputRow, Kind, Problem, RowRef } from '../types.js';
import { canConnect, connect, type Connection } from './connect.js';
import { conflictMessage } from './decide.js';
import type { RunEvents } from './events.js';
import type { RowAction } from '../reconcile/types.js';
import type { PrunedRecord } from './prune.js';
import { reconcileRun, type ScopeOptions } from './reconciled.js';
import { checkSavedPlan, loadSavedPlan } from './saved-plan.js';
import { totals as countActions } from '../reconcile/index.js';
import { openRunJournal, type RunJournal } from './journal.js';
import { runStateDir, sandboxStorePath } from './paths.js';
import { RecordSlices, sliceSize } from './slices.js';
import { addCounts, noActions, type ActionCounts } from './counts.js';
import { SlicedRun } from './sliced.js';

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
  /**
   * Records per slice of users (default 20,000, or FEISHU_IMPORT_SLICE_RECORDS): from reconcile on, the run holds one
   * slice being sent, the next and the one being read back. Fewer: less memory, more read calls.
   */
  sliceRecords?: number;
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
  /** Every row's outcome. Rows the run was done with are kept in a temporary file: `close()` removes it (else process exit). */
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
  const outcomes = new Outcomes();
  // The valid records wait in slices of users (on disk past a size), invalid rows go straight to their outcomes.
  const slices = new RecordSlices(sliceSize(opts));
  const invalid = new InvalidRows(outcomes);
  let runId: string | undefined;
  let connection: Connection | undefined;
  let journal: RunJournal | undefined;
  let verified: ConfirmCounts | undefined;
  let reconciled: ActionCounts | undefined;
  let pruned: PrunedRecord[] | undefined;
  const stats = { requests: {} as Partial<Record<Endpoint, number>>, rateLimitWaits: 0, retries: 0 };
  const signal = opts.signal ?? new AbortController().signal;
  // Every call in flight or waiting (up to the executor's cap per endpoint) listens for Ctrl-C on this one signal.
  setMaxListeners(0, signal);
  try {
    const validation = await validateInputs(paths, { threads: false, onValid: (r) => slices.add(r), onInvalid: (row, problems) => invalid.add(row, problems), ...(opts.kind ? { kind: opts.kind } : {}), ...(opts.employeeType ? { employeeType: opts.employeeType } : {}), ...(events.onNotice ? { onNotice: events.onNotice } : {}) });
    invalid.flush();
    const employeeType = opts.employeeType ?? validation.inputs.defaults.employee_type ?? 'employee_id';
    const state = runStateDir(paths, opts);
    const scope = { ...validation.inputs.defaults.scope, ...opts.scope };
    const connectHere = () => connect({ ...opts, ...(opts.sandbox ? { sandboxStore: sandboxStorePath(state) } : {}) }, stats, events);
    try {
      if (opts.dryRun) {
        // The same reconcile as a real run (against Feishu when there are credentials, else the journal alone), so a
        // dry run's rows say what the run would do: `exists` for what is there, `conflict` for a replace not asked for.
        if (canConnect(opts)) connection = await connectHere();
        const known = await readJournal(state, { splitAbove: splitAbove(opts.env) });
        try {
          reconciled = noActions();
          for (const slice of slices.slices()) {
            const { reconciliation } = await reconcileRun(slice.records, known, connection?.client, employeeType, scope, slices.sliceOf(slice));
            addCounts(reconciled, countActions(reconciliation));
            for (const a of reconciliation.rows) markDry(a, outcomes, !!opts.replace);
            outcomes.release(slice.records.map((r) => r.ref));
          }
        } finally {
          known.dispose();
        }
      } else {
        connection = await connectHere();
        journal = await openRunJournal(paths, { ...opts, state, employeeType }, validation.inputs.files, 'apply', { indexAppends: false, splitAbove: splitAbove(opts.env) });
        runId = journal.runId;
        const run = new SlicedRun({ slices, journal, connection, outcomes, employeeType, scope, signal, events, opts });
        if (saved || opts.prune) await run.check(saved ? (f) => checkSavedPlan(saved, f.result(validation.inputs.files), inputs[0] ?? '') : undefined);
        await run.run();
        ({ reconciled, pruned, verified } = run.result());
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
      ...(verified && !interrupted ? { verified } : {}),
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
          ...(result.verified ? { verified: result.verified } : {}),
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
  } finally {
    slices.close();
  }
}

function markDry(a: RowAction, outcomes: Outcomes, replace: boolean): void {
  if (a.type === 'keep') outcomes.set(a.record, 'exists', { approval_id: a.held.approval_id });
  else if (a.type === 'replace' && !replace) outcomes.set(a.record, 'conflict', { approval_id: a.earlier.approval_id, message: conflictMessage(a.earlier.approval_id, a.changes) });
  else outcomes.set(a.record, 'planned', a.type === 'replace' ? { approval_id: a.earlier.approval_id } : {});
}


/** Invalid rows' outcomes, released to disk a thousand at a time: a file of bad rows does not fill the heap either. */
class InvalidRows {
  private refs: RowRef[] = [];
  constructor(private readonly outcomes: Outcomes) {}

  add(row: InputRow, problems: Problem[]): void {
    const ref = { file: row.sheet.file, sheet: row.sheet.name, row: row.row };
    this.outcomes.setRaw({ ref, status: 'invalid', problems });
    this.refs.push(ref);
    if (this.refs.length >= 1000) this.flush();
  }

  flush(): void {
    this.outcomes.release(this.refs);
    this.refs = [];
  }
}
