// Per-row outcomes: one per input row, always. The results workbook and the exit code are computed from them.
// The rows a run is working on are held here; rows it is done with can be released to disk (OutcomeFile), so that a
// month's outcomes do not all stay on the heap. Reads see both alike.
import { rowKey, type NormalizedRecord, type RowOutcome, type RowRef, type RowStatus } from '../types.js';
import { OutcomeFile } from './outcome-file.js';

const zero = (): Record<RowStatus, number> => ({ created: 0, exists: 0, updated: 0, failed: 0, invalid: 0, skipped: 0, planned: 0, conflict: 0, unconfirmed: 0 });

export class Outcomes {
  private readonly byRow = new Map<string, RowOutcome>();
  private file: OutcomeFile | undefined;
  private readonly tally = zero();

  set(record: NormalizedRecord, status: RowStatus, extra: Omit<RowOutcome, 'ref' | 'status'> = {}): void {
    const idempotent = record.body.idempotent_id;
    this.setRaw({
      ref: record.ref,
      status,
      ...(typeof idempotent === 'string' ? { idempotent_id: idempotent } : {}),
      ...extra,
    });
  }

  setRaw(outcome: RowOutcome): void {
    const key = rowKey(outcome.ref);
    const before = this.byRow.get(key) ?? this.file?.get(outcome.ref);
    if (before) this.tally[before.status]--;
    this.tally[outcome.status]++;
    this.byRow.set(key, outcome);
  }

  get(ref: RowRef): RowOutcome | undefined {
    return this.byRow.get(rowKey(ref)) ?? this.file?.get(ref);
  }

  /** Every outcome: those held, then those released. */
  *all(): Generator<RowOutcome> {
    yield* this.byRow.values();
    if (this.file) for (const o of this.file.all()) if (!this.byRow.has(rowKey(o.ref))) yield o;
  }

  /** Counts per status, for the summary and the exit code. */
  counts(): Record<RowStatus, number> {
    return { ...this.tally };
  }

  /** The run is done with these rows: their outcomes go to disk (read back on demand) and leave the heap. */
  release(refs: Iterable<RowRef>): void {
    const out: RowOutcome[] = [];
    for (const ref of refs) {
      const key = rowKey(ref);
      const o = this.byRow.get(key);
      if (!o) continue;
      out.push(o);
      this.byRow.delete(key);
    }
    if (!out.length) return;
    this.file ??= new OutcomeFile();
    this.file.put(out);
  }

  /** Removes what was released to disk (also done when the process exits). */
  close(): void {
    this.file?.close();
  }
}

/** The outcome without its message: a row settled after all (confirmed done) no longer says why it failed. */
export function withoutMessage(o: RowOutcome): RowOutcome {
  const { message: _message, ...rest } = o;
  return rest;
}
