// Content hashes: the default idempotent_id of a record, and the key of a planned request.
import { createHash } from 'node:crypto';
import type { Kind } from '../types.js';

/**
 * Canonical JSON: object keys sorted by code unit, recursively; no whitespace; strings in Unicode NFC (so 请假 typed
 * on different systems hashes the same); `undefined` properties left out, as JSON.stringify does. Arrays keep their order.
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(nfc(value));
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    let out = '';
    // sort() without a comparator orders by UTF-16 code units: the same in every locale and Node version.
    for (const k of Object.keys(o).sort()) {
      const v = o[k];
      if (v === undefined) continue;
      out += `${out ? ',' : ''}${JSON.stringify(nfc(k))}:${canonicalJson(v)}`;
    }
    return `{${out}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

// Most cells are ASCII, which NFC leaves alone: skip the normalisation for them (it is the hot path at 100k rows).
const nfc = (s: string): string => (/^[\x00-\x7f]*$/.test(s) ? s : s.normalize('NFC'));

/** First 32 hex characters (128 bits) of the sha256 of `text`. */
export const sha256Hex32 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32);

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
  const { idempotent_id: _ignored, ...body } = parts.body;
  return sha256Hex32(canonicalJson({ v: 1, kind: parts.kind, user_id: parts.user_id, date: parts.date, body }));
}

/** The idempotent_id of a row whose earlier records were withdrawn `times` times (see contentHash). */
export const reimportId = (id: string, times: number): string => (times > 0 ? `${id}-r${times}` : id);
