// undo: withdraw everything one apply run wrote, using the approval ids its journal recorded. It is a recorded run
// itself (command 'undo'): each change is journalled as a `process` entry, so an interrupted undo resumes where it
// stopped, a second one sends nothing, and a later apply knows these records no longer stand (re-import).
import { setMaxListeners } from 'node:events';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import { readJournal, type CreatedRecord, type JournalView } from '../journal/index.js';
import { writeUndoResults, type UndoSheetRow } from '../report/results-undo.js';
import type { Caller } from '../feishu/types.js';
import { located, rereader, tryStatuses, type HeldStatus, type Located } from '../readback/status.js';
import { reconcile } from '../reconcile/index.js';
import type { HeldRecord } from '../reconcile/types.js';
import { revokes } from './reconciled.js';
import { forEachCall } from '../submit/executor.js';
import { withdraw, type RecordProcess } from '../submit/withdraw.js';
import { APPROVAL_TYPES, KINDS, isLifecycleKind, type CreatingKind, type EmployeeType, type RowStatus } from '../types.js';
import { sandboxStorePath } from './paths.js';
import { connect, type ConnectOptions, type RunStats } from './connect.js';
import { DEFAULT_STATE_DIR, openRunJournal, type RunJournal } from './journal.js';
import type { RunEvents } from './events.js';
import { ref, said, type MessageRef } from '../messages/said.js';

export interface UndoOptions extends Pick<ConnectOptions, 'sandbox' | 'baseUrl' | 'rate' | 'env'> {
  /** The apply run to undo. Default: the latest apply run that wrote something. */
  run?: string;
  /** State folder. Default: `.feishu-import/` in the current folder (with `sandbox`: its `sandbox/` folder). */
  state?: string;
  /** List what would be done; send nothing and record no run. */
  dryRun?: boolean;
  /** Workbook path; false: none. Default: `<state folder>/undo-<run>.xlsx`. */
  out?: string | false;
  signal?: AbortSignal;
  events?: RunEvents;
}

export type UndoRow = UndoSheetRow & { action: 'revoke' | 'reject' | 'none' | 'revoke-or-reject' };

export interface UndoResult {
  /** This undo's own run id (absent with dryRun). */
  runId?: string;
  /** The run undone. */
  target: string;
  rows: UndoRow[];
  counts: Partial<Record<RowStatus, number>>;
  requests: RunStats['requests'];
  notes: MessageRef[];
  interrupted: boolean;
  resultsPath?: string;
}

const isUndoable = (r: CreatedRecord) => (KINDS as readonly string[]).includes(r.kind) && !isLifecycleKind(r.kind);
const byRef = (a: CreatedRecord, b: CreatedRecord) => (a.ref.file < b.ref.file ? -1 : a.ref.file > b.ref.file ? 1 : 0) || (a.ref.sheet < b.ref.sheet ? -1 : a.ref.sheet > b.ref.sheet ? 1 : 0) || a.ref.row - b.ref.row;

export async function undo(opts: UndoOptions = {}): Promise<UndoResult> {
  const startedAt = new Date().toISOString();
  const base = opts.state ?? join(process.cwd(), DEFAULT_STATE_DIR);
  const dir = opts.sandbox ? join(base, 'sandbox') : base;
  let view: JournalView | undefined = await readJournal(dir);
  const target = pickRun(view, opts.run, dir);
  const records = view.createdBy(target).filter(isUndoable).sort(byRef);
  const notes = unresolvedNotes(view, target);
  const employeeType = employeeTypeOf(view, target);
  for (const n of notes) opts.events?.onNotice?.(n);
  const stats: RunStats = { requests: {}, rateLimitWaits: 0, retries: 0 };
  let rows: UndoRow[];
  let runId: string | undefined;
  const signal = opts.signal ?? new AbortController().signal;
  // Every call in flight or waiting (up to the executor's cap per endpoint) listens for Ctrl-C on this one signal.
  setMaxListeners(0, signal);
  if (opts.dryRun) rows = records.map((r) => planned(r, view!));
  else {
    // The run opens the journal again, under its lock: let this copy go first (a big month's is hundreds of MB).
    view = undefined;
    const conn = await connect({ ...opts, ...(opts.sandbox ? { sandboxStore: sandboxStorePath(dir) } : {}) }, stats);
    let journal: RunJournal | undefined;
    rows = [];
    try {
      const settings = { state: dir, run: target, ...(opts.sandbox ? { sandbox: true } : {}), ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}) };
      journal = await openRunJournal([], settings, [], 'undo');
      runId = journal.runId;
      opts.events?.onPlanned?.({ approval_infos_process: records.length });
      rows = await withdrawAll(records, journal, conn.client, signal, opts.events?.onProgress, employeeType);
    } finally {
      // The sandbox saves its records on close: before the journal's lock is released, so no other run reads them stale.
      try {
        await conn.close();
      } finally {
        await journal?.finish(countRows(rows), signal.aborted);
      }
    }
  }
  const result: UndoResult = { ...(runId ? { runId } : {}), target, rows, counts: countRows(rows), requests: stats.requests, notes, interrupted: signal.aborted };
  if (opts.out !== false) {
    result.resultsPath = opts.out ?? join(dir, `undo-${target}.xlsx`);
    await writeUndoResults(result.resultsPath, rows, { ...(runId ? { runId } : {}), target, startedAt, notes: signal.aborted ? [...notes, ref('undo.interruptedNote')] : notes });
  }
  return result;
}

/** `--run`, else the latest apply run that wrote something undoable. */
function pickRun(view: JournalView, wanted: string | undefined, dir: string): string {
  const runs = view.runs();
  if (wanted) {
    if (!runs.some((r) => r.run === wanted)) throw new ConfigError(ref('undo.unknownRun', { run: wanted, dir }));
    return wanted;
  }
  const last = runs.filter((r) => r.command === 'apply' && view.createdBy(r.run).some(isUndoable)).pop();
  if (!last) throw new ConfigError(ref('undo.nothingRecorded', { dir }));
  return last.run;
}

/** Requests of the run sent without a recorded answer: what they wrote (if anything) is unknown to the journal. */
function unresolvedNotes(view: JournalView, target: string): MessageRef[] {
  const open = view.unresolvedIntents().filter((u) => u.intent.run === target && !isLifecycleKind(u.intent.records[0]?.kind ?? ''));
  return open.length ? [ref('undo.unresolved', { count: open.length })] : [];
}

/** Already withdrawn, as far as the journal knows: revoked, or (a remedy) rejected. */
function gone(view: JournalView, r: CreatedRecord): boolean {
  const p = r.approval_id ? view.processed(r.approval_id) : undefined;
  return !!p && p.result !== 'failed' && (p.status === 4 || (p.status === 1 && r.kind === 'remedies'));
}

const rowOf = (r: CreatedRecord, rest: Omit<UndoRow, 'file' | 'sheet' | 'row' | 'kind' | 'approval_id'>): UndoRow => ({
  file: r.ref.file,
  sheet: r.ref.sheet,
  row: r.ref.row,
  kind: r.kind,
  ...(r.approval_id ? { approval_id: r.approval_id } : {}),
  ...rest,
});

function planned(r: CreatedRecord, view: JournalView): UndoRow {
  if (!r.approval_id) return rowOf(r, { action: 'none', status: 'failed', ...said('undo.noApprovalId') });
  if (gone(view, r)) return rowOf(r, { action: 'none', status: 'exists' });
  return rowOf(r, { action: r.kind === 'remedies' ? 'revoke-or-reject' : 'revoke', status: 'planned' });
}

async function withdrawAll(records: CreatedRecord[], journal: RunJournal, client: Caller, signal: AbortSignal, onProgress: RunEvents['onProgress'], employeeType: EmployeeType): Promise<UndoRow[]> {
  const undoRuns = new Set(journal.state.runs().filter((r) => r.command === 'undo').map((r) => r.run));
  const where = new Map<string, Located>();
  for (const r of records) {
    const l = r.approval_id ? located(journal.state.locate(r.approval_id), employeeType) : undefined;
    if (l) where.set(l.approval_id, l);
  }
  // The state of every record at once, batched (50 users × 30 days a call): a small fraction of the moves.
  const states = await tryStatuses([...where.values()], client);
  // Undo is reconcile with nothing desired: every record of the run still standing is a revoke (or a reject).
  const held = states && standingOnly(states, revokedByReconcile([...where.values()], states));
  let done = 0;
  return forEachCall(records, async (r): Promise<UndoRow> => {
    const row = await withdrawOne(r, { journal, client, signal, undoRuns, held, where: r.approval_id ? where.get(r.approval_id) : undefined });
    onProgress?.('approval_infos_process', ++done, records.length);
    return row;
  });
}

/** The approval ids reconcile would withdraw: the run's records that stand in Feishu (pending or approved). */
function revokedByReconcile(where: readonly Located[], states: Map<string, HeldStatus>): Set<string> {
  const records: HeldRecord[] = where.flatMap((l) => {
    const status = states.get(l.approval_id);
    return status === undefined || status === 'absent' ? [] : [{ kind: l.kind, user_id: l.user_id, date: l.date, approval_id: l.approval_id, status, content: {} }];
  });
  const dates = where.map((l) => l.date).sort();
  const scope = { from: dates[0] ?? '', to: dates[dates.length - 1] ?? '', users: new Set(where.map((l) => l.user_id)) };
  const facts = { wrote: () => true, withdrawnTimes: () => 0 };
  return new Set(revokes(reconcile([], facts, { records, source: 'server' }, scope)).map((a) => a.held.approval_id));
}

/** States as read, with every record reconcile leaves alone marked gone, so withdraw() sends nothing for it. */
function standingOnly(states: Map<string, HeldStatus>, revoke: Set<string>): Map<string, HeldStatus> {
  return new Map([...states].map(([id, s]) => [id, revoke.has(id) || s === 'absent' ? s : s === 1 ? 1 : 4] as const));
}

interface WithdrawOne {
  journal: RunJournal;
  client: Caller;
  signal: AbortSignal;
  undoRuns: Set<string>;
  /** Every record's state read before the first move; undefined when that read failed. */
  held: Map<string, HeldStatus> | undefined;
  where: Located | undefined;
}

async function withdrawOne(r: CreatedRecord, o: WithdrawOne): Promise<UndoRow> {
  const kind = r.kind as CreatingKind;
  const approval_id = r.approval_id;
  if (!approval_id) return rowOf(r, { action: 'none', status: 'failed', ...said('undo.noApprovalId') });
  const record: RecordProcess = (status, res, exists) => o.journal.process(approval_id, APPROVAL_TYPES[kind], status, res, exists);
  const held = o.where ? o.held?.get(approval_id) : undefined;
  if (held === undefined && gone(o.journal.state, r)) {
    // The state could not be read; the journal says it was withdrawn. Note it under this undo if another run did it,
    // so a re-import knows it may write it again.
    const p = o.journal.state.processed(approval_id);
    if (p && !o.undoRuns.has(p.run)) await record(p.status === 1 ? 1 : 4, { ok: true, data: null, attempts: 0 }, true);
    return rowOf(r, { action: 'none', status: 'exists' });
  }
  if (o.signal.aborted) return rowOf(r, { action: 'none', status: 'skipped', ...said('submit.interrupted') });
  const w = await withdraw(kind, approval_id, held, { client: o.client, record, reread: rereader(o.where, o.client), signal: o.signal });
  return rowOf(r, w);
}

/** The employee type the undone run wrote with (its run-start options), for reading its records back. */
function employeeTypeOf(view: JournalView, run: string): EmployeeType {
  const type = view.runs().find((r) => r.run === run)?.options?.employeeType;
  return type === 'employee_no' || type === 'open_id' ? type : 'employee_id';
}

function countRows(rows: readonly UndoRow[]): Partial<Record<RowStatus, number>> {
  const c: Partial<Record<RowStatus, number>> = {};
  for (const r of rows) c[r.status] = (c[r.status] ?? 0) + 1;
  return c;
}
