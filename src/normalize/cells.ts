// One converter per FieldType (src/fields.ts): a raw Cell in, the API value out, or the id of a message saying why not.
// Converters know nothing about rows or columns; record.ts pins their failures to cells.
import type { EnumSpec, FieldType } from '../fields.js';
import { CellError, WallTime, type Cell } from '../types.js';
import { formatDate, formatDateTime, formatMinute, isCanonicalDateTime, parseDate, parseDateTime, type ParseResult, type WallParts } from './time.js';

export type Params = Record<string, string | number>;
/** `value` is undefined for an empty cell: whether that is allowed is the schema's business. */
export type Converted = { ok: true; value: unknown } | { ok: false; code: string; params: Params };

const ok = (value: unknown): Converted => ({ ok: true, value });
const fail = (code: string, found: unknown, extra: Params = {}): Converted => ({
  ok: false,
  code,
  params: { found: String(found), ...extra },
});

export const isEmpty = (cell: Cell): boolean => cell === null || (typeof cell === 'string' && cell.trim() === '');

const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function toNumber(cell: Cell): number | undefined {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : undefined;
  if (typeof cell === 'string' && NUMERIC.test(cell.trim())) return Number(cell.trim());
  return undefined;
}

/** The enum's values and names for a message: `1 = day / 天, 2 = hour / 小时`. */
export const describeEnum = (spec: EnumSpec): string =>
  spec.map(([value, names]) => `${value} = ${names.join(' / ')}`).join(', ');

// Squashed value and names → API value, built once per enum (squashing every name of every row is the hot path).
const lookups = new WeakMap<EnumSpec, Map<string, number | string>>();
function lookupOf(spec: EnumSpec): Map<string, number | string> {
  let map = lookups.get(spec);
  if (!map) {
    map = new Map();
    for (const [value, names] of spec) for (const name of [String(value), ...names]) map.set(squash(name), value);
    lookups.set(spec, map);
  }
  return map;
}

// Text as typed → API value (or undefined), per enum: an enum column holds a handful of spellings, so each is squashed
// and looked up once, not once per row. Bounded, in case a column is full of distinct garbage.
const bySpelling = new WeakMap<EnumSpec, Map<string, number | string | undefined>>();
const SPELLINGS_MAX = 1000;

function enumValue(cell: Cell, spec: EnumSpec): number | string | undefined {
  // A number cell (or numeric text such as "2.0") matches by value, a text by value or name.
  if (typeof cell !== 'string') {
    const n = toNumber(cell);
    return lookupOf(spec).get(n !== undefined ? String(n) : squash(String(cell)));
  }
  let seen = bySpelling.get(spec);
  if (!seen) bySpelling.set(spec, (seen = new Map()));
  if (seen.has(cell)) return seen.get(cell);
  const n = toNumber(cell);
  const value = lookupOf(spec).get(n !== undefined ? String(n) : squash(cell));
  if (seen.size >= SPELLINGS_MAX) seen.clear();
  seen.set(cell, value);
  return value;
}

function toEnum(cell: Cell, spec: EnumSpec): Converted {
  const value = enumValue(cell, spec);
  return value !== undefined ? ok(value) : fail('validate.badEnum', cell, { allowed: describeEnum(spec) });
}

/** Splits a list cell on the separators people actually type: `,` `，` `、` `;` `；`. */
export function splitList(cell: Cell): string[] {
  if (typeof cell === 'number') return [String(cell)];
  return String(cell)
    .split(/[,，、;；]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function timeCell(cell: Cell, parse: (s: string) => ParseResult, badCode: string): WallParts | Converted {
  if (cell instanceof WallTime || typeof cell === 'string') {
    const p = parse(cell.toString());
    if (p === 'bad') return fail(badCode, cell);
    if (p === 'impossible') return fail('validate.impossibleTime', cell);
    return p;
  }
  return fail(badCode, cell);
}

function toId(cell: Cell): Converted {
  if (typeof cell !== 'number') return ok(String(cell).trim());
  if (!Number.isInteger(cell)) return fail('validate.badId', cell);
  // Excel keeps 15 significant digits: any number of 16 digits or more has already been rounded (PITFALLS: 19-digit ids).
  if (Math.abs(cell) >= 1e15) return fail('validate.idDigitsLost', cell.toLocaleString('en-US', { useGrouping: false }));
  return ok(String(cell));
}

/** JSON text (a YAML source hands over its list or object as JSON text too); its shape is the schema's business. */
function toJson(cell: Cell): Converted {
  if (typeof cell !== 'string') return fail('lifecycle.badJson', cell, { reason: typeof cell });
  try {
    return ok(JSON.parse(cell) as unknown);
  } catch (e) {
    return fail('lifecycle.badJson', cell.length > 60 ? `${cell.slice(0, 60)}…` : cell, { reason: (e as Error).message });
  }
}

const BOOLS: Record<string, boolean> = { true: true, yes: true, y: true, 是: true, '1': true, false: false, no: false, n: false, 否: false, '0': false };

/** Converts one non-error cell to the API value of a field of type `type`. */
export function convertCell(type: FieldType, cell: Cell, spec?: EnumSpec): Converted {
  if (isEmpty(cell)) return ok(undefined);
  if (cell instanceof CellError) return fail('validate.cellError', cell);
  switch (type) {
    case 'string':
      return ok(String(cell).trim());
    case 'id':
      return toId(cell);
    case 'int':
    case 'number': {
      const n = cell instanceof WallTime ? undefined : toNumber(cell);
      if (n === undefined) return fail(type === 'int' ? 'validate.badInt' : 'validate.badNumber', cell);
      return type === 'int' && !Number.isInteger(n) ? fail('validate.badInt', cell) : ok(n);
    }
    case 'datetime': {
      // Date cells already read as `yyyy-MM-dd HH:mm:ss`: checked in place, no parse and re-format (the hot path).
      const text = cell instanceof WallTime ? cell.text : cell;
      if (typeof text === 'string' && isCanonicalDateTime(text)) return ok(text);
      const p = timeCell(cell, parseDateTime, 'validate.badTime');
      return 'ok' in p ? p : ok(formatDateTime(p));
    }
    case 'minute': {
      const p = timeCell(cell, parseDateTime, 'validate.badMinute');
      if ('ok' in p) return p;
      // The API records remedies to the minute; dropping seconds silently would change what the user wrote.
      return p.s !== 0 ? fail('validate.minuteSeconds', cell) : ok(formatMinute(p));
    }
    case 'date': {
      const text = typeof cell === 'number' && Number.isInteger(cell) ? String(cell) : cell;
      const p = timeCell(text, parseDate, 'validate.badDate');
      return 'ok' in p ? p : ok(formatDate(p));
    }
    case 'enum':
      return toEnum(cell, spec ?? []);
    case 'enum_list': {
      const values: unknown[] = [];
      for (const item of splitList(cell)) {
        const c = toEnum(item, spec ?? []);
        if (!c.ok) return c;
        values.push(c.value);
      }
      return ok(values.length ? values : undefined);
    }
    case 'bool': {
      if (typeof cell === 'boolean') return ok(cell);
      const b = BOOLS[squash(String(cell))];
      return b === undefined ? fail('validate.badBool', cell) : ok(b);
    }
    case 'json':
      return toJson(cell);
  }
}
