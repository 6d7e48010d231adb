// The in-memory indexes over the journal, built while loading and updated on each durable append.
// Everything the importer asks the journal ("is this row already written?") is answered here, without I/O.
// Only what the queries need is kept, not the lines themselves: a 100,000-employee month is ≈ 700,000 lines.
import { Confirmations, LIFECYCLE, placeOf, type ApprovalLocation, type Confirmation, type Confirmed, type CreatedRecord, type JournalQueries, type StandingRecord } from './confirmations.js';
import type { IntentEntry, IntentRecord, JournalEntry, OutcomeEntry, ProcessEntry, RunEndEntry, RunStartEntry } from './entries.js';
import { SplitConfirmations, type SliceSelect } from './split.js';

/** Of an approval's latest successful status change: which run made it, to what. */
export type Processed = Pick<ProcessEntry, 'run' | 'status' | 'result'>;

export interface UnresolvedIntent {
  intent: IntentEntry;
  /** The `ambiguous` outcome when there was one; undefined when the process died before any answer was recorded. */
  outcome?: OutcomeEntry;
}

export interface RunSummary {
  run: string;
  command?: string;
  startedAt?: string;
  finishedAt?: string;
  inputs: RunStartEntry['inputs'];
  /** The options it was called with (secrets removed), as its run-start line says. */
  options?: RunStartEntry['options'];
  /** From run-end; for a run without one, counted from its outcomes' records. */
  counts: Record<string, number>;
  interrupted: boolean;
  /** No run-end: the process crashed or was killed. */
  unfinished: boolean;
}

export class JournalState implements JournalQueries {
  /** How many lines were taken in. */
  size = 0;
  private readonly intents = new Map<string, IntentEntry>(); // req → latest intent not yet answered for good
  private readonly pending = new Map<string, OutcomeEntry | undefined>(); // req → ambiguous outcome or none yet
  private readonly recordsByHash = new Map<string, IntentRecord>(); // hash → latest intent record not yet confirmed
  private readonly processes = new Map<string, Processed>(); // approval_id → latest successful process
  private readonly runInfo = new Map<string, RunSummary>();
  private readonly undoRuns = new Set<string>();
  /** Whole, or (split) only the records no user places, the others being on disk by user. */
  private readonly confirms = new Confirmations((id) => this.withdrawn(id));
  private split: SplitConfirmations | undefined;
  private runsOnly = false;

  /** Repeated texts (file, sheet, kind, date …) held once, not once per line. */
  private readonly texts = new Map<string, string>();

  add(e: JournalEntry): void {
    this.size++;
    const run = this.run(e.run);
    if (this.runsOnly) return this.countRun(e, run);
    switch (e.t) {
      case 'run-start':
      case 'run-end':
        this.addRunLine(e, run);
        break;
      case 'intent':
      {
        const records = e.records.map((r) => this.lean(r));
        for (const r of records) this.recordsByHash.set(r.hash, r);
        this.intents.set(e.req, { ...e, records });
      }
        this.pending.set(e.req, undefined);
        break;
      case 'outcome':
        this.addOutcome(e, run);
        break;
      case 'process':
        // An undo of a big month writes a line per approval: only what the queries read is kept of each.
        if (e.result !== 'failed') this.processes.set(e.approval_id, { run: this.text(e.run), status: e.status, result: e.result });
        break;
    }
  }

  /**
   * Only the runs, for `history`: a 100,000-employee month's journal holds ≈ 490 MB of what the other queries need,
   * and a list of runs needs none of it.
   */
  keepRunsOnly(): void {
    this.runsOnly = true;
  }

  private countRun(e: JournalEntry, run: RunSummary): void {
    if (e.t === 'run-start' || e.t === 'run-end') return this.addRunLine(e, run);
    if (e.t === 'outcome') countOutcome(e, run);
  }

  private addOutcome(e: OutcomeEntry, run: RunSummary): void {
    if (e.result !== 'ambiguous') this.pending.delete(e.req);
    else if (this.intents.has(e.req)) this.pending.set(e.req, e);
    const intent = this.intents.get(e.req);
    // Answered for good: the intent's records live on in recordsByHash and the confirmations.
    if (e.result !== 'ambiguous') this.intents.delete(e.req);
    countOutcome(e, run);
    for (const r of e.records) {
      if (r.status !== 'created' && r.status !== 'exists') continue;
      const record = intent?.records.find((x) => x.hash === r.hash) ?? this.recordsByHash.get(r.hash) ?? this.confirms.recordOf(r.hash);
      const c: Confirmation = { hash: record?.hash ?? r.hash, approval_id: r.approval_id, run: e.run, status: r.status, record, req: e.req };
      const place = this.split && record && !LIFECYCLE.has(record.kind) ? placeOf(record) : undefined;
      if (place) this.split!.put(c, place.user_id);
      else this.confirms.add(c);
      // Confirmed: the confirmation holds the record from now on.
      this.recordsByHash.delete(c.hash);
    }
  }

  private addRunLine(e: RunStartEntry | RunEndEntry, run: RunSummary): void {
    if (e.t === 'run-start') {
      Object.assign(run, { command: e.command, startedAt: e.startedAt, inputs: e.inputs, options: e.options });
      if (e.command === 'undo') this.undoRuns.add(e.run);
    } else {
      Object.assign(run, { finishedAt: e.finishedAt, counts: e.counts, interrupted: !!e.interrupted });
      run.unfinished = false;
    }
  }

  private run(id: string): RunSummary {
    let r = this.runInfo.get(id);
    if (!r) {
      r = { run: id, inputs: [], counts: {}, interrupted: false, unfinished: true };
      this.runInfo.set(id, r);
    }
    return r;
  }

  /**
   * An approval revoked (status 4) by any run, or changed by an undo run (which rejects pending remedies), no longer
   * stands in Feishu: the row it came from is not "confirmed" any more and may be written again.
   */
  private withdrawn(approvalId: string | undefined): boolean {
    if (!approvalId) return false;
    const p = this.processes.get(approvalId);
    return !!p && (p.status === 4 || this.undoRuns.has(p.run));
  }

  confirmed(hash: string): Confirmed | undefined {
    return this.confirms.confirmed(hash);
  }

  /**
   * Before loading a big journal (journal/split.ts): the confirmations of records placed by a user go to disk, and
   * are asked through forSlice(). Then runs() and unresolvedIntents() answer as before; createdBy() does not.
   */
  splitByUser(): void {
    this.split ??= new SplitConfirmations();
  }

  /** The journal as one slice of a run sees it: itself when held whole; else the slice's part loaded from disk. */
  async forSlice(sel: SliceSelect): Promise<JournalQueries> {
    if (!this.split) return this;
    const slice = new Confirmations((id) => this.withdrawn(id), this.confirms);
    await this.split.load(slice, sel);
    return slice;
  }

  /** Removes what splitByUser() set aside. */
  dispose(): void {
    this.split?.close();
    this.split = undefined;
  }

  unresolvedIntents(): UnresolvedIntent[] {
    return [...this.pending].flatMap(([req, outcome]) => {
      const intent = this.intents.get(req);
      return intent ? [{ intent, outcome }] : [];
    });
  }

  runs(): RunSummary[] {
    return [...this.runInfo.values()].map((r) => ({ ...r, counts: { ...r.counts } }));
  }

  createdBy(run: string): CreatedRecord[] {
    return this.confirms.createdBy(run);
  }

  standing(): StandingRecord[] {
    return this.confirms.standing();
  }

  locate(approvalId: string): ApprovalLocation | undefined {
    return this.confirms.locate(approvalId);
  }

  processed(approvalId: string): Processed | undefined {
    return this.processes.get(approvalId);
  }

  /**
   * How many distinct approvals written for this content hash no longer stand (revoked, or changed by an undo run):
   * the -rN of its next import (plan/idempotency.ts).
   */
  withdrawnTimes(hash: string): number {
    return this.confirms.withdrawnTimes(hash);
  }

  /**
   * The record as kept: its repeated texts shared, its id the hash's text when it is the hash (the usual case), its
   * identity only for journals written before records carried their user and date (fromIdentity needs it then).
   */
  private text(v: string): string {
    const known = this.texts.get(v);
    if (known !== undefined) return known;
    this.texts.set(v, v);
    return v;
  }

  private lean(r: IntentRecord): IntentRecord {
    const t = (v: string) => this.text(v);
    return {
      hash: r.hash,
      identity: r.user_id !== undefined && r.date !== undefined ? '' : r.identity,
      ...(r.idempotent_id !== undefined ? { idempotent_id: r.idempotent_id === r.hash ? r.hash : r.idempotent_id } : {}),
      kind: t(r.kind),
      ref: { file: t(r.ref.file), sheet: t(r.ref.sheet), row: r.ref.row },
      ...(r.user_id !== undefined ? { user_id: r.user_id } : {}),
      ...(r.date !== undefined ? { date: t(r.date) } : {}),
      ...(r.employee_type !== undefined ? { employee_type: t(r.employee_type) } : {}),
    };
  }
}

/** Until its run-end brings the real counts, a run's counts are those of its outcomes (a crashed run has none). */
function countOutcome(e: OutcomeEntry, run: RunSummary): void {
  if (run.unfinished) for (const r of e.records) run.counts[r.status] = (run.counts[r.status] ?? 0) + 1;
}
