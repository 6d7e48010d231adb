// Checks that need more than one row: exact duplicates, a reused idempotent_id, overlapping leaves of one person.
// Streaming: rows arrive one at a time (100,000 in a big month), so only what later rows are compared with is kept,
// and kept small: this state is most of what `validate` holds in memory at the end of a big file.
import { isLifecycleKind, type NormalizedRecord, type Problem } from '../types.js';
import { problemOnRef } from '../schema/pin.js';
import { formatDateTime, isCanonicalDateTime, wallSeconds } from './time.js';
import { RowRefs, hashKey } from './row-refs.js';
import { hashHalves, keyHalves, KeyTable } from './key-table.js';
import type { Unhashed } from './record.js';

/**
 * One user's accepted leaves, sorted by start, as parallel arrays (numbers in an array are stored unboxed: a few
 * bytes per leave instead of an object per leave). Accepted leaves never overlap each other, so their ends are
 * sorted too: one binary search finds the only candidate for an overlap.
 */
interface Leaves {
  starts: number[];
  ends: number[];
  /** RowRefs codes. */
  refs: number[];
}

export class CrossRowChecks {
  /**
   * Per namespace (`kind`, `kind:id`, `kind:target`): content hash (as hashKey), user-supplied id or target → the
   * first row, as a RowRefs code.
   */
  private readonly seen = new Map<string, Map<string, number>>();
  /** Per kind: the first 64 bits of each accepted row's content hash → its row (a hash not in hex goes to `seen`). */
  private readonly byContent = new Map<string, KeyTable>();
  private readonly refs = new RowRefs();
  private readonly leaves = new Map<string, Leaves>();
  /** The times of a leave whose text is not `yyyy-MM-dd HH:mm:ss` (so cannot be written back from its seconds). */
  private readonly oddTimes = new Map<number, [string, string]>();

  /**
   * Checks `record` against every record added before it. A problem means the record (the later row) is invalid:
   * the caller drops it, and it is not remembered, so a third copy is compared with the first, not the second.
   *
   * `unhashed`: for a record made without its hash, the content key and own id normalizeRow gave in its place.
   */
  add(record: NormalizedRecord, unhashed?: Unhashed): Problem[] {
    // The content as 64 bits (the content key normalizeRow gave, else the content hash's first 64 bits), and the
    // user-supplied idempotent_id if any. A hash not in hex (never in practice) is kept whole in `seen`.
    const ownId = unhashed ? unhashed.ownId : ownIdOf(record);
    const halves = unhashed ? keyHalves(unhashed.key) : hashHalves(record.hash);
    const key = halves ? undefined : hashKey(record.hash);
    const content = this.content(record.kind);
    const first = halves ? content.get(...halves) : this.namespace(record.kind).get(key!);
    if (first !== undefined) return [problemOnRef(record.ref, 'validate.duplicate', { ...this.refs.decode(first) })];

    // A user-supplied idempotent_id used twice: Feishu would silently keep only the first record, losing this row.
    const sameId = ownId === undefined ? undefined : this.namespace(`${record.kind}:id`).get(ownId);
    if (sameId !== undefined) return [problemOnRef(record.ref, 'validate.duplicateId', { ...this.refs.decode(sameId), id: String(ownId) })];

    const ref = this.refs.encode(record.ref);
    // Two different requests for one approval or task in one run: which wins would depend on timing.
    if (isLifecycleKind(record.kind)) {
      const targets = this.namespace(`${record.kind}:target`);
      const sameTarget = targets.get(record.identity);
      if (sameTarget !== undefined) return [problemOnRef(record.ref, 'lifecycle.sameTarget', { ...this.refs.decode(sameTarget) })];
      targets.set(record.identity, ref);
    }

    if (record.kind === 'leaves') {
      const problem = this.checkLeave(record, ref);
      if (problem) return [problem];
    }
    if (halves) content.set(...halves, ref);
    else this.namespace(record.kind).set(key!, ref);
    if (ownId !== undefined) this.namespace(`${record.kind}:id`).set(ownId, ref);
    return [];
  }

  private content(kind: string): KeyTable {
    let table = this.byContent.get(kind);
    if (!table) this.byContent.set(kind, (table = new KeyTable()));
    return table;
  }

  private namespace(name: string): Map<string, number> {
    let map = this.seen.get(name);
    if (!map) this.seen.set(name, (map = new Map()));
    return map;
  }

  private checkLeave(record: NormalizedRecord, ref: number): Problem | undefined {
    const startText = String(record.body.start_time);
    const endText = String(record.body.end_time);
    const start = wallSeconds(startText);
    const end = wallSeconds(endText);
    let list = this.leaves.get(record.user_id);
    if (!list) this.leaves.set(record.user_id, (list = { starts: [], ends: [], refs: [] }));

    // i = number of leaves starting before the new one ends; only leave i-1 can overlap it.
    let lo = 0;
    let hi = list.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list.starts[mid]! < end) lo = mid + 1;
      else hi = mid;
    }
    // Half-open intervals: a leave ending at 12:00 and one starting at 12:00 do not overlap.
    if (lo > 0 && list.ends[lo - 1]! > start) {
      const other = list.refs[lo - 1]!;
      const [s, e] = this.oddTimes.get(other) ?? [textOf(list.starts[lo - 1]!), textOf(list.ends[lo - 1]!)];
      return problemOnRef(record.ref, 'validate.overlap', { ...this.refs.decode(other), start: s, end: e });
    }
    if (lo === list.starts.length) {
      // The usual case, a person's leaves in date order: appended, without splice's generic path.
      list.starts.push(start);
      list.ends.push(end);
      list.refs.push(ref);
    } else {
      list.starts.splice(lo, 0, start);
      list.ends.splice(lo, 0, end);
      list.refs.splice(lo, 0, ref);
    }
    if (!isCanonicalDateTime(startText) || !isCanonicalDateTime(endText)) this.oddTimes.set(ref, [startText, endText]);
    return undefined;
  }
}

/** The user-supplied idempotent_id of a record: its id unless that is its content hash. */
function ownIdOf(record: NormalizedRecord): string | undefined {
  const id = record.body.idempotent_id;
  return typeof id === 'string' && id !== record.hash ? id : undefined;
}

/** Seconds (wallSeconds) → `yyyy-MM-dd HH:mm:ss`: gives back exactly the text of a time that was in that form. */
function textOf(seconds: number): string {
  const d = new Date(seconds * 1000);
  return formatDateTime({ y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds() });
}
