// The in-memory indexes over the journal, built while loading and updated on each durable append.
// Everything the importer asks the journal ("is this row already written?") is answered here, without I/O.
// Only what the queries need is kept, not the lines themselves: a 100,000-employee month is ≈ 700,000 lines.
import type { IntentEntry, IntentRecord, JournalEntry, OutcomeEntry, ProcessEntry, RunStartEntry } from './entries.js';

export interface Confirmed {
  approval_id?: string;
  run: string;
  status: 'created' | 'exists';
}

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

/** Where an approval this tool wrote can be read back. */
export interface ApprovalLocation {
  approval_id: string;
  kind: string;
  user_id: string;
  date: string;
  employee_type?: string;
}

export interface CreatedRecord extends IntentRecord {
  approval_id?: string;
  status: 'created' | 'exists';
  req: string;
}

interface Confirmation extends Confirmed {
  hash: string;
  record: IntentRecord | undefined;
  req: string;
}

const LIFECYCLE = new Set(['approval_status', 'corehr_approvals', 'corehr']);

export class JournalState {
  /** How many lines were taken in. */
  size = 0;
  private readonly intents = new Map<string, IntentEntry>(); // req → latest intent not yet answered for good
  private readonly pending = new Map<string, OutcomeEntry | undefined>(); // req → ambiguous outcome or none yet
  private readonly recordsByHash = new Map<string, IntentRecord>(); // hash → latest intent record not yet confirmed
  private readonly byHash = new Map<string, Confirmation>();
  /** hash → the approvals written for it before its latest one (a re-import after undo): rare, so kept apart. */
  private readonly earlier = new Map<string, string[]>();
  private readonly byRun = new Map<string, Map<string, Confirmation>>(); // run → hash → confirmation
  private readonly processes = new Map<string, ProcessEntry>(); // approval_id → latest successful process
  private readonly locations = new Map<string, IntentRecord>(); // approval_id → the record that wrote it
  private readonly runInfo = new Map<string, RunSummary>();
  private readonly undoRuns = new Set<string>();

  /** Repeated texts (file, sheet, kind, date …) held once, not once per line. */
  private readonly texts = new Map<string, string>();

  add(e: JournalEntry): void {
    this.size++;
    const run = this.run(e.run);
    switch (e.t) {
      case 'run-start':
        Object.assign(run, { command: e.command, startedAt: e.startedAt, inputs: e.inputs, options: e.options });
        if (e.command === 'undo') this.undoRuns.add(e.run);
        break;
      case 'run-end':
        Object.assign(run, { finishedAt: e.finishedAt, counts: e.counts, interrupted: !!e.interrupted });
        run.unfinished = false;
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
        if (e.result !== 'failed') this.processes.set(e.approval_id, e);
        break;
    }
  }

  private addOutcome(e: OutcomeEntry, run: RunSummary): void {
    if (e.result !== 'ambiguous') this.pending.delete(e.req);
    else if (this.intents.has(e.req)) this.pending.set(e.req, e);
    const intent = this.intents.get(e.req);
    // Answered for good: the intent's records live on in recordsByHash and the confirmations.
    if (e.result !== 'ambiguous') this.intents.delete(e.req);
    for (const r of e.records) {
      // Until its run-end brings the real counts, a run's counts are those of its outcomes (a crashed run has none).
      if (run.unfinished) run.counts[r.status] = (run.counts[r.status] ?? 0) + 1;
      if (r.status !== 'created' && r.status !== 'exists') continue;
      const record = intent?.records.find((x) => x.hash === r.hash) ?? this.recordsByHash.get(r.hash) ?? this.byHash.get(r.hash)?.record;
      const c: Confirmation = { hash: record?.hash ?? r.hash, approval_id: r.approval_id, run: e.run, status: r.status, record, req: e.req };
      // Status updates carry an approval_id too, but they did not write it: only creating rows locate one.
      if (r.approval_id && record && !LIFECYCLE.has(record.kind)) this.locations.set(r.approval_id, record);
      const before = this.byHash.get(c.hash)?.approval_id;
      if (before && before !== r.approval_id) {
        const list = this.earlier.get(c.hash) ?? [];
        if (!list.includes(before)) list.push(before);
        this.earlier.set(c.hash, list);
      }
      this.byHash.set(c.hash, c);
      // Confirmed: the confirmation holds the record from now on.
      this.recordsByHash.delete(c.hash);
      const ofRun = this.byRun.get(e.run) ?? new Map<string, Confirmation>();
      ofRun.set(r.hash, c);
      this.byRun.set(e.run, ofRun);
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
    const c = this.byHash.get(hash);
    if (!c || this.withdrawn(c.approval_id)) return undefined;
    return { approval_id: c.approval_id, run: c.run, status: c.status };
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
    return [...(this.byRun.get(run)?.values() ?? [])].map((c) => ({
      ...(c.record ?? { hash: c.hash, identity: '', kind: '', ref: { file: '', sheet: '', row: 0 } }),
      approval_id: c.approval_id,
      status: c.status,
      req: c.req,
    }));
  }

  /** Every record a run confirmed written that no run withdrew since, with where it was written. */
  standing(): Array<{ hash: string; approval_id: string; record: IntentRecord; where: ApprovalLocation }> {
    const out: Array<{ hash: string; approval_id: string; record: IntentRecord; where: ApprovalLocation }> = [];
    for (const c of this.byHash.values()) {
      if (!c.approval_id || !c.record || LIFECYCLE.has(c.record.kind) || this.withdrawn(c.approval_id)) continue;
      const where = this.locate(c.approval_id);
      if (where) out.push({ hash: c.hash, approval_id: c.approval_id, record: c.record, where });
    }
    return out;
  }

  /** The user, date and kind an approval this tool wrote was written under; undefined for approvals of others. */
  locate(approvalId: string): ApprovalLocation | undefined {
    const r = this.locations.get(approvalId);
    if (!r) return undefined;
    const where = r.user_id !== undefined && r.date !== undefined ? { user_id: r.user_id, date: r.date } : fromIdentity(r);
    if (!where) return undefined;
    return { approval_id: approvalId, kind: r.kind, ...where, ...(r.employee_type ? { employee_type: r.employee_type } : {}) };
  }

  processed(approvalId: string): ProcessEntry | undefined {
    return this.processes.get(approvalId);
  }

  /**
   * How many distinct approvals written for this content hash no longer stand (revoked, or changed by an undo run):
   * the -rN of its next import (plan/idempotency.ts).
   */
  withdrawnTimes(hash: string): number {
    const ids = new Set([...(this.earlier.get(hash) ?? []), this.byHash.get(hash)?.approval_id]);
    let n = 0;
    for (const id of ids) if (this.withdrawn(id)) n++;
    return n;
  }

  /**
   * The record as kept: its repeated texts shared, its id the hash's text when it is the hash (the usual case), its
   * identity only for journals written before records carried their user and date (fromIdentity needs it then).
   */
  private lean(r: IntentRecord): IntentRecord {
    const t = (v: string) => {
      const known = this.texts.get(v);
      if (known !== undefined) return known;
      this.texts.set(v, v);
      return v;
    };
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

/**
 * Journals written before records carried their user and date: the identity holds the user, and the remedy date or
 * the start time (whose day is the user_approval.date the importer grouped it under).
 */
function fromIdentity(r: IntentRecord): { user_id: string; date: string } | undefined {
  try {
    const parts = JSON.parse(r.identity) as unknown[];
    const user_id = parts[1];
    const when = String(parts[2] ?? '').replace(/\D/g, '').slice(0, 8);
    return typeof user_id === 'string' && when.length === 8 ? { user_id, date: when } : undefined;
  } catch {
    return undefined;
  }
}
