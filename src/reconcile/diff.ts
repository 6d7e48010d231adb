// Field by field, what a row would change in the record Feishu holds.
import { canonicalJson } from '../plan/idempotency.js';
import type { FieldChange } from './types.js';

type Obj = Record<string, unknown>;
const isPrimitive = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
/** A server may echo a number as a string ("1" for 1): the same value, not a change. */
export const sameValue = (a: unknown, b: unknown): boolean => (isPrimitive(a) && isPrimitive(b) ? String(a) === String(b) : canonicalJson(a) === canonicalJson(b));

/**
 * Each field the row sends that the held record has with another value. A field the server does not echo back cannot
 * be compared and is left out; `idempotent_id` is an id, not content.
 */
export function fieldChanges(wanted: Obj, held: Obj): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [field, to] of Object.entries(wanted)) {
    if (field === 'idempotent_id' || to === undefined || held[field] === undefined) continue;
    if (!sameValue(to, held[field])) changes.push({ field, from: held[field], to });
  }
  return changes;
}
