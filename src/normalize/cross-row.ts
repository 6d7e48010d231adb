// Checks that need more than one row: exact duplicates, a reused idempotent_id, overlapping leaves of one person.
// Streaming: rows arrive one at a time (100,000 in a big month), so only what later rows are compared with is kept.
import { isLifecycleKind, type NormalizedRecord, type Problem, type RowRef } from '../types.js';
import { problemOnRef } from './problems.js';
import { wallSeconds } from './time.js';

interface Span {
  start: number;
  end: number;
  ref: RowRef;
  text: [string, string];
}

export class CrossRowChecks {
  /** kind + content hash (and kind + user-supplied idempotent_id) → the first row that had it. */
  private readonly seen = new Map<string, RowRef>();
  /**
   * Leaves per user, sorted by start. Only accepted leaves are kept, and accepted leaves never overlap each other,
   * so their ends are sorted too: one binary search finds the only candidate for an overlap.
   */
  private readonly leaves = new Map<string, Span[]>();

  /**
   * Checks `record` against every record added before it. A problem means the record (the later row) is invalid:
   * the caller drops it, and it is not remembered, so a third copy is compared with the first, not the second.
   */
  add(record: NormalizedRecord): Problem[] {
    const key = `${record.kind}:${record.hash}`;
    const first = this.seen.get(key);
    if (first) return [problemOnRef(record.ref, 'validate.duplicate', { ...first })];

    // A user-supplied idempotent_id used twice: Feishu would silently keep only the first record, losing this row.
    const id = record.body.idempotent_id;
    const ownId = typeof id === 'string' && id !== record.hash ? `${record.kind}:id:${id}` : undefined;
    const sameId = ownId && this.seen.get(ownId);
    if (sameId) return [problemOnRef(record.ref, 'validate.duplicateId', { ...sameId, id: String(id) })];

    // Two different requests for one approval or task in one run: which wins would depend on timing.
    const target = isLifecycleKind(record.kind) ? `${record.kind}:target:${record.identity}` : undefined;
    const sameTarget = target && this.seen.get(target);
    if (sameTarget) return [problemOnRef(record.ref, 'lifecycle.sameTarget', { ...sameTarget })];
    if (target) this.seen.set(target, record.ref);

    if (record.kind === 'leaves') {
      const problem = this.checkLeave(record);
      if (problem) return [problem];
    }
    this.seen.set(key, record.ref);
    if (ownId) this.seen.set(ownId, record.ref);
    return [];
  }

  private checkLeave(record: NormalizedRecord): Problem | undefined {
    const text: [string, string] = [String(record.body.start_time), String(record.body.end_time)];
    const span: Span = { start: wallSeconds(text[0]), end: wallSeconds(text[1]), ref: record.ref, text };
    let list = this.leaves.get(record.user_id);
    if (!list) this.leaves.set(record.user_id, (list = []));

    // i = number of leaves starting before the new one ends; only list[i-1] can overlap it.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid]!.start < span.end) lo = mid + 1;
      else hi = mid;
    }
    const before = list[lo - 1];
    // Half-open intervals: a leave ending at 12:00 and one starting at 12:00 do not overlap.
    if (before && before.end > span.start) {
      return problemOnRef(record.ref, 'validate.overlap', { ...before.ref, start: before.text[0], end: before.text[1] });
    }
    list.splice(lo, 0, span);
    return undefined;
  }
}
