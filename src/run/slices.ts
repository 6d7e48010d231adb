// The valid records of a run, held in slices of users, so that a month of any size is worked through one slice at a
// time (issue 11: memory must not grow with the month). Everything apply does to a record — group, reconcile, send,
// read back — depends only on the records and server view of the same user, so slices of users are independent.
// A small run stays one slice in memory; past SPILL_AT records, the records go to part files by a hash of the user,
// and a slice is a run of consecutive parts of ≥ SLICE_RECORDS records.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writevSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLifecycleKind, type Kind, type NormalizedRecord } from '../types.js';
import type { SliceOf } from './reconciled.js';

/** Records a slice aims at: enough that reads batch 50 users a call, few enough that a slice costs tens of MB. */
const SLICE_RECORDS = 20_000;
/** Parts on disk: a 5-million-record month still gives slices of ≈ 40,000. */
const PARTS = 128;
/** Bytes a part buffers before they are written: 128 × 8 KB at most in memory. */
const FLUSH_BYTES = 8 * 1024;

/** FNV-1a of the user id: which part a user's records go to (stable, so one user is always in one slice). */
function partOf(user_id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < user_id.length; i++) h = Math.imul(h ^ user_id.charCodeAt(i), 0x01000193);
  return (h >>> 0) % PARTS;
}

interface Part {
  fd: number;
  /** Buffers, not strings: the record's text dies young (cheap to collect), its bytes wait outside the heap. */
  buffered: Buffer[];
  bytes: number;
  count: number;
}

export interface Slice {
  records: NormalizedRecord[];
  /** Whether a user belongs to this slice (for users the inputs do not name, e.g. scope `users: all`). */
  has(user_id: string): boolean;
}

export class RecordSlices {
  private memory: NormalizedRecord[] = [];
  private parts: Part[] | undefined;
  private dir: string | undefined;
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
    if (this.parts) return this.write(r);
    this.memory.push(r);
    if (this.memory.length > this.size) this.spill();
  }

  /** The slices in a fixed order; each is read from disk when its turn comes (or is the one held in memory). */
  /** No records at all is one empty slice: a run with nothing wanted still reconciles its scope (prune). */
  *slices(): Generator<Slice> {
    if (!this.parts) {
      yield { records: this.memory, has: () => true };
      return;
    }
    this.flushAll();
    let from = 0;
    let count = 0;
    for (let i = 0; i < PARTS; i++) {
      count += this.parts[i]!.count;
      if (count < this.size && i < PARTS - 1) continue;
      const [lo, hi] = [from, i];
      if (count) yield { records: this.read(lo, hi), has: (user) => partOf(user) >= lo && partOf(user) <= hi };
      from = i + 1;
      count = 0;
    }
  }

  /** How a slice is reconciled: against its own users, over the whole run's dates, reading what the run reads. */
  sliceOf(slice: Slice): SliceOf {
    const { from, to, approvals, remedies } = this.span;
    return { has: slice.has, from, to, want: { approvals, remedies } };
  }

  /** Removes the part files. Safe to call twice. */
  close(): void {
    for (const p of this.parts ?? []) closeSync(p.fd);
    this.parts = undefined;
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }

  private spill(): void {
    // mkdtemp makes the folder 0700: the records hold people's ids and reasons.
    this.dir = mkdtempSync(join(tmpdir(), 'feishu-import-slices-'));
    this.parts = Array.from({ length: PARTS }, (_, i) => ({ fd: openSync(join(this.dir!, `${i}.jsonl`), 'w+', 0o600), buffered: [], bytes: 0, count: 0 }));
    for (const r of this.memory) this.write(r);
    this.memory = [];
  }

  private write(r: NormalizedRecord): void {
    const part = this.parts![partOf(r.user_id)]!;
    const line = Buffer.from(JSON.stringify(r) + '\n');
    part.buffered.push(line);
    part.bytes += line.length;
    part.count++;
    if (part.bytes >= FLUSH_BYTES) this.flush(part);
  }

  private flush(part: Part): void {
    if (part.buffered.length) writevSync(part.fd, part.buffered);
    part.buffered = [];
    part.bytes = 0;
  }

  private flushAll(): void {
    for (const p of this.parts ?? []) this.flush(p);
  }

  private read(lo: number, hi: number): NormalizedRecord[] {
    const out: NormalizedRecord[] = [];
    for (let i = lo; i <= hi; i++) {
      const text = readFileSync(join(this.dir!, `${i}.jsonl`), 'utf8');
      for (const line of text.split('\n')) if (line) out.push(JSON.parse(line) as NormalizedRecord);
    }
    return out;
  }
}

/** `sliceRecords`, else FEISHU_IMPORT_SLICE_RECORDS, else the default. */
export function sliceSize(opts: { sliceRecords?: number; env?: NodeJS.ProcessEnv }): number | undefined {
  const v = opts.sliceRecords ?? Number((opts.env ?? process.env).FEISHU_IMPORT_SLICE_RECORDS || NaN);
  return Number.isInteger(v) && v > 0 ? v : undefined;
}
