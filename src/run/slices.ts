// The valid records of a run, held in slices of users, so that a month of any size is worked through one slice at a
// time (issue 11: memory must not grow with the month). Everything apply does to a record — group, reconcile, send,
// read back — depends only on the records and server view of the same user, so slices of users are independent.
// A small run stays one slice in memory; past SLICE_RECORDS records, the records go to part files by a hash of the user
// (journal/part-files.ts), and a slice is a run of consecutive parts of ≥ SLICE_RECORDS records.
import { ALL_PARTS, PARTS, PartFiles, partOf, type PartRange } from '../journal/part-files.js';
import { isLifecycleKind, type Kind, type NormalizedRecord } from '../types.js';
import type { SliceOf } from './reconciled.js';

/** Records a slice aims at: enough that reads batch 50 users a call, few enough that a slice costs tens of MB. */
const SLICE_RECORDS = 20_000;

export interface Slice {
  records: NormalizedRecord[];
  /** Whether a user belongs to this slice (for users the inputs do not name, e.g. scope `users: all`). */
  has(user_id: string): boolean;
  /** Its parts (journal/part-files.ts): the journal of a big state folder is loaded a slice at a time by them. */
  parts: PartRange;
}

export class RecordSlices {
  private memory: NormalizedRecord[] = [];
  private parts: PartFiles | undefined;
  /** Of the creating records: their first and last date, and whether there are approvals and remedies. */
  readonly span = { from: '', to: '', approvals: false, remedies: false };
  /** Valid records per kind. */
  readonly kinds: Partial<Record<Kind, number>> = {};
  count = 0;

  /** `size`: records per slice (FEISHU_IMPORT_SLICE_RECORDS); a run of at most that many stays in memory. */
  constructor(private readonly size = SLICE_RECORDS) {}

  add(r: NormalizedRecord): void {
    this.count++;
    this.kinds[r.kind] = (this.kinds[r.kind] ?? 0) + 1;
    if (!isLifecycleKind(r.kind)) {
      if (!this.span.from || r.date < this.span.from) this.span.from = r.date;
      if (r.date > this.span.to) this.span.to = r.date;
      if (r.kind === 'remedies') this.span.remedies = true;
      else this.span.approvals = true;
    }
    if (this.parts) return this.parts.write(r.user_id, JSON.stringify(r));
    this.memory.push(r);
    if (this.memory.length > this.size) this.spill();
  }

  /** The slices in a fixed order; each is read from disk when its turn comes (or is the one held in memory). */
  /** No records at all is one empty slice: a run with nothing wanted still reconciles its scope (prune). */
  *slices(): Generator<Slice> {
    if (!this.parts) {
      yield { records: this.memory, has: () => true, parts: ALL_PARTS };
      return;
    }
    for (const { lo, hi } of this.ranges()) yield { records: this.read(lo, hi), has: (user) => partOf(user) >= lo && partOf(user) <= hi, parts: { lo, hi } };
  }

  /** How many slices slices() gives. */
  sliceCount(): number {
    return this.parts ? this.ranges().length : 1;
  }

  /** Runs of consecutive parts of ≥ size records each (the last may hold fewer). */
  private ranges(): PartRange[] {
    const parts = this.parts!;
    // Every part is in a slice: the parts after the last one with records join it, for the users only the journal
    // knows (scope `users: all`), whose records a prune must still weigh.
    let last = PARTS - 1;
    while (last > 0 && !parts.count(last)) last--;
    const out: PartRange[] = [];
    let from = 0;
    let count = 0;
    for (let i = 0; i < PARTS; i++) {
      count += parts.count(i);
      if (i < PARTS - 1 && (count < this.size || i >= last)) continue;
      out.push({ lo: from, hi: i });
      from = i + 1;
      count = 0;
    }
    return out;
  }

  /** How a slice is reconciled: against its own users, over the whole run's dates, reading what the run reads. */
  sliceOf(slice: Slice): SliceOf {
    const { from, to, approvals, remedies } = this.span;
    return { has: slice.has, parts: slice.parts, from, to, want: { approvals, remedies } };
  }

  /** Removes the part files. Safe to call twice. */
  close(): void {
    this.parts?.close();
    this.parts = undefined;
  }

  private spill(): void {
    this.parts = new PartFiles('feishu-import-slices-');
    for (const r of this.memory) this.parts.write(r.user_id, JSON.stringify(r));
    this.memory = [];
  }

  private read(lo: number, hi: number): NormalizedRecord[] {
    const out: NormalizedRecord[] = [];
    for (let i = lo; i <= hi; i++) for (const line of this.parts!.lines(i)) out.push(JSON.parse(line) as NormalizedRecord);
    return out;
  }
}

/** `sliceRecords`, else FEISHU_IMPORT_SLICE_RECORDS (of `env`, else of the process), else the default. */
export function sliceSize(opts: { sliceRecords?: number; env?: NodeJS.ProcessEnv }): number | undefined {
  const v = opts.sliceRecords ?? Number(opts.env?.FEISHU_IMPORT_SLICE_RECORDS || process.env.FEISHU_IMPORT_SLICE_RECORDS || NaN);
  return Number.isInteger(v) && v > 0 ? v : undefined;
}
