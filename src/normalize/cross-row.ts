// Checks that need more than one row: exact duplicates, a reused idempotent_id, overlapping leaves of one person.
// Streaming: rows arrive one at a time (100,000 in a big month), so only what later rows are compared with is kept,
// and kept small: this state is most of what `validate` holds in memory at the end of a big file.
import { isLifecycleKind, type NormalizedRecord, type Problem } from '../types.js';
import { problemOnRef } from '../schema/pin.js';
import { formatDateTime, isCanonicalDateTime, wallSeconds } from './time.js';
import { RowRefs, hashKey } from './row-refs.js';
import { hashHalves, keyHalves, KeyTable } from './key-table.js';
import { LeaveTable } from './leave-table.js';
import type { Unhashed } from './record.js';

export class CrossRowChecks {
  /**
   * Per namespace (`kind`, `kind:id`, `kind:target`): content hash (as hashKey), user-supplied id or target → the
   * first row, as a RowRefs code.
   */
  private readonly seen = new Map<string, Map<string, number>>();
  /** Per kind: the first 64 bits of each accepted row's content hash → its row (a hash not in hex goes to `seen`). */
  private readonly byContent = new Map<string, KeyTable>();
  private readonly refs = new RowRefs();
  private readonly leaves = new LeaveTable();
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
    const other = this.leaves.add(record.user_id, start, end, ref);
    if (other >= 0) {
      const code = this.leaves.ref(other);
      const [s, e] = this.oddTimes.get(code) ?? [textOf(this.leaves.start(other)), textOf(this.leaves.end(other))];
      return problemOnRef(record.ref, 'validate.overlap', { ...this.refs.decode(code), start: s, end: e });
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
