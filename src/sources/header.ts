// Turns a header row into a SheetInfo, the same way for every format: mapping, aliases, then the required-column check.
import { ref } from '../messages/said.js';
import { InputError } from '../errors.js';
import { FIELDS, REQUIRED_COLUMNS, fieldOfHeader } from '../fields.js';
import type { Kind, SheetInfo } from '../types.js';
import { shortList } from './oneline.js';
import type { ReadContext } from './types.js';

const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/**
 * Maps each header to its canonical field: the source's `columns` mapping first (so a user can rename
 * a column the aliases get wrong), then the field table. Throws InputError on a missing or doubled column.
 */
export function sheetInfo(
  file: string,
  name: string,
  kind: Kind,
  headers: string[],
  columns: Record<string, string> = {},
): SheetInfo {
  const known = new Set(FIELDS[kind].map((s) => s.name));
  const mapped = new Map<string, string>();
  // A mapping to a field this kind does not have is ignored here: one workbook mapping serves every sheet.
  for (const [header, field] of Object.entries(columns)) if (known.has(field)) mapped.set(squash(header), field);

  const fields = headers.map((h) => mapped.get(squash(h)) ?? fieldOfHeader(kind, h));
  const where = { file, sheet: name };

  const seen = new Map<string, string>();
  fields.forEach((field, i) => {
    if (!field) return;
    const first = seen.get(field);
    if (first !== undefined) throw new InputError(ref('input.duplicateColumn', { ...where, first, second: headers[i] ?? '', field }));
    seen.set(field, headers[i] ?? '');
  });

  for (const need of REQUIRED_COLUMNS[kind]) {
    const options = typeof need === 'string' ? [need] : [...need];
    if (options.some((o) => seen.has(o))) continue;
    const accepted = options.map((o) => acceptedHeaders(kind, o, columns)).join('; ');
    if (typeof need === 'string') throw new InputError(ref('input.missingColumn', { ...where, column: need, accepted }));
    throw new InputError(ref('input.missingOneOf', { ...where, columns: options.join(' / '), accepted }));
  }
  return { file, name, kind, headers, fields };
}

/** The headers a user may write for `field`: its name, its aliases, and any mapping the source declares. */
function acceptedHeaders(kind: Kind, field: string, columns: Record<string, string> = {}): string {
  const spec = FIELDS[kind].find((s) => s.name === field);
  const extra = Object.entries(columns).filter(([, f]) => f === field).map(([h]) => h);
  return [field, ...(spec?.aliases ?? []), ...extra].join(', ');
}

/** A row is empty when every cell is null or blank text; such rows are skipped, as in Excel's own "used range". */
export function isEmptyRow(values: readonly unknown[]): boolean {
  return values.every((v) => v === null || v === undefined || (typeof v === 'string' && v.trim() === ''));
}

/** Columns whose header names no field are not read: said once per sheet, never dropped without a word. */
export function noticeUnknownColumns(sheet: SheetInfo, ctx: ReadContext): void {
  const unknown = sheet.headers.filter((h, i) => !sheet.fields[i] && h.trim() !== '');
  if (unknown.length) ctx.onNotice(ref('input.unknownColumns', { file: sheet.file, sheet: sheet.name, count: unknown.length, columns: shortList(unknown, 120) }));
}
