// The journal's word on what was written: per content hash its latest confirmation (and the approvals written for it
// before, after an undo), per approval id where it was written. Held whole for a small state folder, or a slice of
// users at a time for a big one (journal/split.ts), with the records no user places kept whole beside it.
import type { IntentRecord } from './entries.js';

export interface Confirmed {
  approval_id?: string;
  run: string;
  status: 'created' | 'exists';
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

export interface Confirmation extends Confirmed {
  hash: string;
  record: IntentRecord | undefined;
  req: string;
}

export interface StandingRecord {
  hash: string;
  approval_id: string;
  record: IntentRecord;
  where: ApprovalLocation;
}

/** What reconcile and submit ask the journal about a run's records (JournalState whole, or one slice of it). */
export interface JournalQueries {
  confirmed(hash: string): Confirmed | undefined;
  /** How many distinct approvals written for this hash no longer stand: the -rN of its next import. */
  withdrawnTimes(hash: string): number;
  /** The user, date and kind an approval this tool wrote was written under; undefined for approvals of others. */
  locate(approvalId: string): ApprovalLocation | undefined;
  /** Every record confirmed written that no run withdrew since, with where it was written. */
  standing(): StandingRecord[];
}

export const LIFECYCLE = new Set(['approval_status', 'corehr_approvals', 'corehr']);

/** The user a record was written for: its own field, or in journals older than that field, its identity's. */
export function placeOf(r: IntentRecord): { user_id: string; date: string } | undefined {
  return r.user_id !== undefined && r.date !== undefined ? { user_id: r.user_id, date: r.date } : fromIdentity(r);
}

export class Confirmations implements JournalQueries {
  private readonly byHash = new Map<string, Confirmation>();
  /** hash → the approvals written for it before its latest one (a re-import after undo): rare, so kept apart. */
  private readonly earlier = new Map<string, string[]>();
  private readonly byRun = new Map<string, Map<string, Confirmation>>(); // run → hash → confirmation
  private readonly locations = new Map<string, IntentRecord>(); // approval_id → the record that wrote it

  /**
   * `withdrawn`: whether an approval no longer stands (the journal's processes say so). `whole`: the confirmations of
   * records no user places, asked when this slice does not know a hash or an approval.
   */
  constructor(
    private readonly withdrawn: (approvalId: string | undefined) => boolean,
    private readonly whole?: Confirmations,
  ) {}

  /** The record this hash was last confirmed with, for an outcome whose intent is gone. */
  recordOf(hash: string): IntentRecord | undefined {
    return this.byHash.get(hash)?.record;
  }

  add(c: Confirmation): void {
    this.addLocation(c);
    const before = this.byHash.get(c.hash)?.approval_id;
    if (before && before !== c.approval_id) {
      const list = this.earlier.get(c.hash) ?? [];
      if (!list.includes(before)) list.push(before);
      this.earlier.set(c.hash, list);
    }
    this.byHash.set(c.hash, c);
    // A slice answers apply and plan only: which run wrote what (undo, history) is asked of the whole journal.
    if (this.whole) return;
    const ofRun = this.byRun.get(c.run) ?? new Map<string, Confirmation>();
    ofRun.set(c.hash, c);
    this.byRun.set(c.run, ofRun);
  }

  /** Where an approval of another slice's user was written: for status rows naming it (no user of their own). */
  addLocation(c: Confirmation): void {
    // Status updates carry an approval_id too, but they did not write it: only creating rows locate one.
    if (c.approval_id && c.record && !LIFECYCLE.has(c.record.kind)) this.locations.set(c.approval_id, c.record);
  }

  confirmed(hash: string): Confirmed | undefined {
    const c = this.byHash.get(hash);
    if (!c) return this.whole?.confirmed(hash);
    if (this.withdrawn(c.approval_id)) return undefined;
    return { approval_id: c.approval_id, run: c.run, status: c.status };
  }

  withdrawnTimes(hash: string): number {
    if (!this.byHash.has(hash) && this.whole) return this.whole.withdrawnTimes(hash);
    const ids = new Set([...(this.earlier.get(hash) ?? []), this.byHash.get(hash)?.approval_id]);
    let n = 0;
    for (const id of ids) if (this.withdrawn(id)) n++;
    return n;
  }

  locate(approvalId: string): ApprovalLocation | undefined {
    const r = this.locations.get(approvalId);
    if (!r) return this.whole?.locate(approvalId);
    const where = placeOf(r);
    if (!where) return undefined;
    return { approval_id: approvalId, kind: r.kind, ...where, ...(r.employee_type ? { employee_type: r.employee_type } : {}) };
  }

  standing(): StandingRecord[] {
    const out: StandingRecord[] = this.whole?.standing() ?? [];
    for (const c of this.byHash.values()) {
      if (!c.approval_id || !c.record || LIFECYCLE.has(c.record.kind) || this.withdrawn(c.approval_id)) continue;
      const where = this.locate(c.approval_id);
      if (where) out.push({ hash: c.hash, approval_id: c.approval_id, record: c.record, where });
    }
    return out;
  }

  createdBy(run: string): CreatedRecord[] {
    return [...(this.byRun.get(run)?.values() ?? [])].map((c) => ({
      ...(c.record ?? { hash: c.hash, identity: '', kind: '', ref: { file: '', sheet: '', row: 0 } }),
      approval_id: c.approval_id,
      status: c.status,
      req: c.req,
    }));
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
