// The idempotent ids of one row: its own id and the ids derived from it for re-imports (`<id>-r<N>`, plan/idempotency.ts),
// and the shape of the ids this tool makes, which marks a record as written by it even when the journal is lost.
import { reimportId } from '../plan/idempotency.js';

/** N of `<root>-r<N>`, 0 for the root itself, undefined for an id of another row. */
export function generation(root: string, id: string): number | undefined {
  if (id === root) return 0;
  if (!id.startsWith(`${root}-r`)) return undefined;
  const n = id.slice(root.length + 2);
  return /^[1-9]\d*$/.test(n) ? Number(n) : undefined;
}

/** The next id of the family after the generations already used. */
export const nextId = (root: string, used: readonly string[]): string =>
  reimportId(root, Math.max(0, ...used.map((id) => generation(root, id) ?? 0)) + 1);

/** An id made by contentHash (32 hex digits), possibly derived for a re-import. */
export const isOwnIdFormat = (id: string | undefined): boolean => !!id && /^[0-9a-f]{32}(-r[1-9]\d*)?$/.test(id);
