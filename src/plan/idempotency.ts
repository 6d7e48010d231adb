// Content hashes: the default idempotent_id of a record, and the key of a planned request.
// canonicalJson and contentHash run once per input row (100,000 in a big month): they are written as plain loops
// with string concatenation, and test/plan/hash-pins.test.ts pins their output, so speed never changes an id.
import { hash } from 'node:crypto';
import type { Kind } from '../types.js';

/**
 * Canonical JSON: object keys sorted by code unit, recursively; no whitespace; strings in Unicode NFC (so 请假 typed
 * on different systems hashes the same); `undefined` properties left out, as JSON.stringify does. Arrays keep their order.
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'string') return PLAIN.test(value) ? `"${value}"` : JSON.stringify(nfc(value));
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return canonicalArray(value);
  return canonicalObject(value as Record<string, unknown>, undefined);
}

function canonicalArray(a: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < a.length; i++) {
    if (i > 0) out += ',';
    // An undefined item is written as null (as JSON.stringify does); a hole as nothing, as the original map/join did.
    if (i in a) out += a[i] === undefined ? 'null' : canonicalJson(a[i]);
  }
  return `${out}]`;
}

/** `skip`: a top-level key to leave out (contentHash drops `idempotent_id` without copying the body). */
function canonicalObject(o: Record<string, unknown>, skip: string | undefined): string {
  const keys = sortedKeys(o);
  let out = '';
  for (const k of keys) {
    const v = o[k];
    if (v === undefined || k === skip) continue;
    out += `${out ? ',' : ''}${quotedKey(k)}:${canonicalJson(v)}`;
  }
  return `{${out}}`;
}

/**
 * The object's keys sorted by UTF-16 code unit, as sort() without a comparator orders them in every locale and Node
 * version; then each is NFC-normalised (so a key typed in NFD sorts where its NFD spelling does: pinned). An insertion
 * sort with `<` (which compares strings by code unit too): a record has about ten keys, and sort() converts and
 * compares through its generic path.
 */
function sortedKeys(o: object): string[] {
  const keys = Object.keys(o);
  if (keys.length > 16) return keys.sort(); // a big JSON cell: insertion sort would be quadratic
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > k) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}

// A record's keys are a few dozen field names: each is quoted (and normalised) once. Bounded, for odd JSON cells.
const quoted = new Map<string, string>();
function quotedKey(k: string): string {
  let q = quoted.get(k);
  if (q === undefined) {
    if (quoted.size >= 10_000) quoted.clear();
    quoted.set(k, (q = JSON.stringify(nfc(k))));
  }
  return q;
}

// Most cells are ASCII, which NFC leaves alone: skip the normalisation for them (it is the hot path at 100k rows).
const ASCII = /^[\x00-\x7f]*$/;
// Printable ASCII without `"` and `\`: JSON.stringify would only add the quotes, and NFC would change nothing.
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const nfc = (s: string): string => (ASCII.test(s) ? s : s.normalize('NFC'));

/**
 * First 32 hex characters (128 bits) of the sha256 of `text` (crypto.hash: one call, no Hash object per row). Written
 * from the digest's bytes, not sliced from its 64-digit text: a slice would keep that whole text alive for every record.
 */
export const sha256Hex32 = (text: string): string => hash('sha256', text, 'buffer').toString('hex', 0, 16);

export interface HashParts {
  kind: Kind;
  user_id: string;
  /** yyyyMMdd: the user_approval date, or the remedy_date. */
  date: string;
  /** The API object of the record; its `idempotent_id`, if any, is ignored. */
  body: Record<string, unknown>;
}

/**
 * The content hash of a record, used as its `idempotent_id` when the input has no `idempotent_id` column (or leaves
 * it empty) and to spot exact duplicates. The rule, exactly:
 *
 *     idempotent_id = first 32 hex digits of sha256( canonicalJson({ v: 1, kind, user_id, date, body }) )
 *
 * where `kind` is leaves | overtime | trips | outs | remedies, `date` is the yyyyMMdd the record is grouped under,
 * `body` is the API object after normalisation and defaults (times as `yyyy-MM-dd HH:mm:ss`, enums as numbers,
 * computed `interval`, catalog names…) without `idempotent_id`, and canonicalJson sorts keys recursively, drops
 * whitespace and NFC-normalises strings. The file, sheet and row number never enter the hash, so re-exporting,
 * reordering rows or moving a row to another file or sheet gives the same id; changing any value sent to Feishu
 * gives a new one. `v` is bumped if this rule ever changes.
 *
 * Re-import after a withdrawal: Feishu (like the sandbox) may keep a revoked record's idempotent_id, so sending the
 * same id again would answer with the revoked record and write nothing. When the journal shows that records of this
 * row (same hash) were withdrawn — revoked (status 4) by any run, or changed by an `undo` — N times, the row is sent
 * with `reimportId(id, N)` = `<id>-r<N>` instead (see run/decide.ts). N only grows with each withdrawal, so a crash
 * and re-run reuse the same id, and each re-import after another undo gets a fresh one.
 */
export function contentHash(parts: HashParts): string {
  // canonicalJson({ v: 1, kind, user_id, date, body }) with its keys already in sorted order, and the body's
  // idempotent_id skipped rather than copied away.
  const body = canonicalObject(parts.body, 'idempotent_id');
  const text = `{"body":${body},"date":${canonicalJson(parts.date)},"kind":${canonicalJson(parts.kind)},"user_id":${canonicalJson(parts.user_id)},"v":1}`;
  return sha256Hex32(text);
}

/** The idempotent_id of a row whose earlier records were withdrawn `times` times (see contentHash). */
export const reimportId = (id: string, times: number): string => (times > 0 ? `${id}-r${times}` : id);
