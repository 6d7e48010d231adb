// Turns ajv's errors into Problems on the right cell, in plain words from the catalog (never ajv's English).
import type { ErrorObject } from 'ajv';
import { columnOf, problemAt } from './pin.js';
import type { InputRow, Problem } from '../types.js';

/** `/destinations/0/region_id` → `destinations.region_id`: list positions share one column. */
const fieldOfPath = (path: string): string =>
  path
    .split('/')
    .filter((s) => s !== '' && !/^\d+$/.test(s))
    .join('.');

const join = (parent: string, child: string) => (parent ? `${parent}.${child}` : child);

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** The example a message offers: the first `examples` entry of the failing property's schema. */
function exampleOf(e: ErrorObject): string {
  const examples = (e.parentSchema as { examples?: unknown[] } | undefined)?.examples;
  return examples?.length ? show(examples[0]) : '';
}

function toMessage(e: ErrorObject, row: InputRow): { field: string; code: string; params: Record<string, string | number> } | undefined {
  const at = fieldOfPath(e.instancePath);
  const found = show(e.data);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
    case 'minProperties': {
      const field = e.keyword === 'required' ? join(at, String(p.missingProperty)) : at;
      // uniq_id and i18n_names may also come from the catalog through the `type` column: say so.
      if (field === 'uniq_id' || field === 'i18n_names') return { field, code: 'validate.requiredType', params: { field } };
      const code = columnOf(row.sheet, field) >= 0 ? 'validate.required' : 'validate.requiredNoColumn';
      return { field, code, params: { field } };
    }
    case 'additionalProperties': {
      const field = join(at, String(p.additionalProperty));
      return { field, code: 'validate.unknownField', params: { field } };
    }
    case 'enum':
      return { field: at, code: 'validate.enum', params: { field: at, found, allowed: (p.allowedValues as unknown[]).map(show).join(', ') } };
    case 'type':
      return { field: at, code: 'validate.type', params: { field: at, found, expected: String(p.type) } };
    case 'pattern':
      return { field: at, code: 'validate.pattern', params: { field: at, found, example: exampleOf(e) } };
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
      return { field: at, code: e.keyword.endsWith('inimum') ? 'validate.minimum' : 'validate.maximum', params: { field: at, found, limit: String(p.limit) } };
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
      return { field: at, code: e.keyword.startsWith('min') ? 'validate.minLength' : 'validate.maxLength', params: { field: at, limit: String(p.limit) } };
    case 'const':
      // The only const in the schemas: a free shift's punch_no must be 0.
      return at === 'punch_no'
        ? { field: at, code: 'validate.freeShiftPunchNo', params: { found } }
        : { field: at, code: 'validate.invalid', params: { field: at, found } };
    case 'if':
      return undefined; // says "then failed": the failing `then` keyword is reported on its own
    default:
      return { field: at, code: 'validate.invalid', params: { field: at, found } };
  }
}

/**
 * Problems for ajv's `errors` on `row`, one per field and message. Errors on fields in `skip` are dropped: they were
 * already reported (a cell that could not be read) or follow from another problem (a default that could not be computed).
 */
export function schemaProblems(row: InputRow, errors: readonly ErrorObject[], skip: ReadonlySet<string> = new Set()): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const e of errors) {
    const m = toMessage(e, row);
    if (!m || skip.has(m.field) || skip.has(m.field.split('.')[0] ?? '')) continue;
    const key = `${m.field}\0${m.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // Name the field as the user's header shows it: "工号 (user_id)" on a sheet with Chinese headers.
    const col = columnOf(row.sheet, m.field);
    const header = col >= 0 ? row.sheet.headers[col] : undefined;
    if ('field' in m.params && header && header !== m.field) m.params.field = `${header} (${m.field})`;
    problems.push(problemAt(row, m.field, m.code, m.params));
  }
  return problems;
}
