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
  if (typeof value === 'string') return PLAIN.test(value) ? `"${value}"` : quoted(value);
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
  const { sorted, quotedKeys } = shapeOf(o);
  let out = '';
  for (let i = 0; i < sorted.length; i++) {
    const k = sorted[i]!;
    const v = o[k];
    if (v === undefined || k === skip) continue;
    out += `${out ? ',' : ''}${quotedKeys[i]!}:${canonicalJson(v)}`;
  }
  return `{${out}}`;
}

/** An object's keys as they come, sorted (sortedKeys), and each sorted key quoted as canonicalJson writes it. */
interface Shape {
  keys: readonly string[];
  sorted: readonly string[];
  quotedKeys: readonly string[];
}

/**
 * The last few shapes seen. Every record of a kind has the same keys in the same order (and its i18n_names another
 * few): those keys are sorted and quoted once, not once per record. A shape is told by walking the object's keys
 * (for…in: no array made) against each remembered one; a plain object's for…in order is its Object.keys order.
 */
const shapes: Shape[] = [];
const SHAPES = 8;

function shapeOf(o: object): Shape {
  next: for (const shape of shapes) {
    const keys = shape.keys;
    let i = 0;
    for (const k in o) if (keys[i++] !== k) continue next;
    if (i === keys.length) return shape;
  }
  const sorted = sortedKeys(o);
  const shape = { keys: Object.keys(o), sorted, quotedKeys: sorted.map(quoted) };
  shapes.unshift(shape);
  if (shapes.length > SHAPES) shapes.pop();
  return shape;
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

// A key or a text as canonicalJson writes it (NFC, then JSON.stringify). A record's keys are a few dozen field names,
// and its texts that are not PLAIN mostly the same few names (年假, a catalog's types) on every row: each is
// normalised and quoted once. Bounded, for odd JSON cells and a column of distinct Chinese reasons.
const quotedCache = new Map<string, string>();
function quoted(s: string): string {
  let q = quotedCache.get(s);
  if (q === undefined) {
    if (quotedCache.size >= 10_000) quotedCache.clear();
    quotedCache.set(s, (q = JSON.stringify(nfc(s))));
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
export const contentHash = (parts: HashParts): string => sha256Hex32(hashedText(parts));

/** canonicalJson({ v: 1, kind, user_id, date, body }), its keys already in sorted order, idempotent_id skipped, not copied away. */
export function hashedText(parts: HashParts): string {
  const body = canonicalObject(parts.body, 'idempotent_id');
  return `{"body":${body},"date":${canonicalJson(parts.date)},"kind":${canonicalJson(parts.kind)},"user_id":${canonicalJson(parts.user_id)},"v":1}`;
}

/**
 * A 64-bit key of exactly the text contentHash hashes: two records have the same key when they have the same content
 * hash (and, but for a chance of about 1 in 10^9 per 100,000-row file, only then). For spotting duplicates where no
 * id is sent (plain `validate`). The text is never built: its pieces (cell values, cached keys, punctuation) are fed
 * to the hash as canonicalJson would join them, in the same order, which test/normalize/content-key.test.ts holds
 * to `key64(the text)`. Building the text, flattening it and sha256 take ≈ 3 µs a row; this takes 1.4–2 µs. Never
 * an id: ids are contentHash's.
 */
export function contentKey(parts: HashParts): string {
  h1 = SEED1;
  h2 = SEED2;
  feed('{"body":');
  feedObject(parts.body, 'idempotent_id');
  feed(',"date":');
  feedValue(parts.date);
  feed(',"kind":');
  feedValue(parts.kind);
  feed(',"user_id":');
  feedValue(parts.user_id);
  feed(',"v":1}');
  return digest();
}

/** key64 of a whole text: what contentKey gives for the parts of that text (for the test). */
export function key64(text: string): string {
  h1 = SEED1;
  h2 = SEED2;
  feed(text);
  return digest();
}

function feedValue(value: unknown): void {
  if (typeof value === 'string') feedString(value);
  // As JSON.stringify writes a number, without its serialiser (small integers' text is cached by V8).
  else if (typeof value === 'number') feed(Number.isFinite(value) ? String(value) : 'null');
  else if (value === null || typeof value !== 'object') feed(JSON.stringify(value) ?? 'null');
  else if (Array.isArray(value)) {
    feedChar(0x5b); // [
    for (let i = 0; i < value.length; i++) {
      if (i > 0) feedChar(0x2c); // ,
      if (i in value) {
        if (value[i] === undefined) feed('null');
        else feedValue(value[i]);
      }
    }
    feedChar(0x5d); // ]
  } else feedObject(value as Record<string, unknown>, undefined);
}

function feedObject(o: Record<string, unknown>, skip: string | undefined): void {
  feedChar(0x7b); // {
  let first = true;
  const { sorted, quotedKeys } = shapeOf(o);
  for (let i = 0; i < sorted.length; i++) {
    const k = sorted[i]!;
    const v = o[k];
    if (v === undefined || k === skip) continue;
    if (!first) feedChar(0x2c); // ,
    first = false;
    feed(quotedKeys[i]!);
    feedChar(0x3a); // :
    feedValue(v);
  }
  feedChar(0x7d); // }
}

// Two 32-bit multiplicative lanes over the UTF-16 code units, finished by a cross-mixing avalanche: cyrb53's
// construction (public domain), kept to its full 64 bits. Module state: one key is made at a time, synchronously.
const SEED1 = 0xdeadbeef;
const SEED2 = 0x41c6ce57;
const M1 = 2654435761;
const M2 = 1597334677;
const QUOTE = 0x22;
let h1 = SEED1;
let h2 = SEED2;

function feedChar(c: number): void {
  h1 = Math.imul(h1 ^ c, M1);
  h2 = Math.imul(h2 ^ c, M2);
}

function feed(s: string): void {
  let a = h1;
  let b = h2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, M1);
    b = Math.imul(b ^ c, M2);
  }
  h1 = a;
  h2 = b;
}

/**
 * A string as canonicalJson writes it: in quotes as it is when PLAIN (most cells, and told while hashing it: no
 * regex), else as JSON.stringify writes its NFC form, fed from where the opening quote was.
 */
function feedString(s: string): void {
  let a = Math.imul(h1 ^ QUOTE, M1);
  let b = Math.imul(h2 ^ QUOTE, M2);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === QUOTE || c === 0x5c) return feed(quoted(s));
    a = Math.imul(a ^ c, M1);
    b = Math.imul(b ^ c, M2);
  }
  h1 = Math.imul(a ^ QUOTE, M1);
  h2 = Math.imul(b ^ QUOTE, M2);
}

/** The key, as four UTF-16 units: a Map key of 8 bytes of characters. */
function digest(): string {
  const a = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  const b = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
  return String.fromCharCode(a >>> 16, a & 0xffff, b >>> 16, b & 0xffff);
}

/** The idempotent_id of a row whose earlier records were withdrawn `times` times (see contentHash). */
export const reimportId = (id: string, times: number): string => (times > 0 ? `${id}-r${times}` : id);
