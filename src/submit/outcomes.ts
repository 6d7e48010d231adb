// Per-row outcomes: one per input row, always. The results workbook and the exit code are computed from them.
import { rowKey, type NormalizedRecord, type RowOutcome, type RowStatus } from '../types.js';

export class Outcomes {
  private readonly byRow = new Map<string, RowOutcome>();

  set(record: NormalizedRecord, status: RowStatus, extra: Omit<RowOutcome, 'ref' | 'status'> = {}): void {
    const idempotent = record.body.idempotent_id;
    this.byRow.set(rowKey(record.ref), {
      ref: record.ref,
      status,
      ...(typeof idempotent === 'string' ? { idempotent_id: idempotent } : {}),
      ...extra,
    });
  }

  setRaw(outcome: RowOutcome): void {
    this.byRow.set(rowKey(outcome.ref), outcome);
  }

  get(ref: { file: string; sheet: string; row: number }): RowOutcome | undefined {
    return this.byRow.get(rowKey(ref));
  }

  all(): IterableIterator<RowOutcome> {
    return this.byRow.values();
  }

  /** Counts per status, for the summary and the exit code. */
  counts(): Record<RowStatus, number> {
    const c: Record<RowStatus, number> = { created: 0, exists: 0, updated: 0, failed: 0, invalid: 0, skipped: 0, planned: 0, conflict: 0, unconfirmed: 0 };
    for (const o of this.byRow.values()) c[o.status]++;
    return c;
  }
}

/** The outcome without its message: a row settled after all (confirmed done) no longer says why it failed. */
export function withoutMessage(o: RowOutcome): RowOutcome {
  const { message: _message, ...rest } = o;
  return rest;
}
