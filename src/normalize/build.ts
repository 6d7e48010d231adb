// Step 2 of normalising a row: converted cells → the API object of its kind, with the documented defaults
// (interval, duration, default_locale, date, catalog types, remedy status) and the checks that need two cells.
import type { CatalogEntry, Defaults } from '../sources/types.js';
import type { InputRow, Kind, RemedyStatus } from '../types.js';
import type { Built } from './built.js';
import { buildCorehrDecision, buildStatusUpdate } from './lifecycle.js';
import { problemAt } from '../schema/pin.js';
import { dayOf, wallSeconds } from './time.js';

export type { Built } from './built.js';

type Values = Map<string, unknown>;

/** Drops undefined properties and empty objects, keeping the API pages' key order. */
function compact(o: Record<string, unknown>): Record<string, unknown> {
  // for…in rather than Object.entries (it runs several times per row): `o` is always an object literal built below,
  // so it has no inherited keys, and for…in visits its own keys in the same order.
  const out: Record<string, unknown> = {};
  for (const k in o) {
    const v = o[k];
    if (v === undefined) continue;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && isEmptyObject(v)) continue;
    out[k] = v;
  }
  return out;
}

function isEmptyObject(v: object): boolean {
  for (const _ in v) return false;
  return true;
}

const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** A catalog entry by its key or any of its names. */
function lookup(catalog: Record<string, CatalogEntry>, name: string): CatalogEntry | undefined {
  const n = squash(name);
  for (const [key, entry] of Object.entries(catalog)) {
    if (squash(key) === n || Object.values(entry.i18n_names).some((x) => x !== undefined && squash(x) === n)) return entry;
  }
  return undefined;
}

/** The span end − start in seconds, or undefined (and a problem) when the times are missing or out of order. */
function span(v: Values, row: InputRow, b: Built): number | undefined {
  const start = v.get('start_time') as string | undefined;
  const end = v.get('end_time') as string | undefined;
  if (start === undefined || end === undefined) return undefined;
  const seconds = wallSeconds(end) - wallSeconds(start);
  if (seconds > 0) return seconds;
  b.problems.push(problemAt(row, 'end_time', 'validate.endNotAfterStart', { start, end }));
  return undefined;
}

/** The user_approval date: the `date` column, else the day of start_time (a failed start is reported on its own). */
function groupDate(v: Values, b: Built): string | undefined {
  const start = v.get('start_time') as string | undefined;
  const date = (v.get('date') as string | undefined) ?? (start === undefined ? undefined : dayOf(start));
  if (!v.has('date')) b.skip.add('date');
  return date;
}

function typed(kind: 'leaves' | 'outs', v: Values, row: InputRow, defaults: Defaults, b: Built): void {
  let entry: CatalogEntry | undefined;
  const type = v.get('type') as string | undefined;
  if (type !== undefined) {
    const catalog = defaults.catalog?.[kind] ?? {};
    entry = lookup(catalog, type);
    if (!entry) {
      const known = Object.keys(catalog);
      b.problems.push(problemAt(row, 'type', known.length ? 'validate.unknownType' : 'validate.noCatalog', { found: type, known: known.join(', ') }));
      for (const f of ['uniq_id', 'i18n_names', 'default_locale']) b.skip.add(f);
    }
  }
  // The row's own cells win over the catalog, name by name.
  const uniq = (v.get('uniq_id') as string | undefined) ?? entry?.uniq_id;
  if (uniq !== undefined && uniq.length > 13) {
    b.warnings.push(problemAt(row, v.has('uniq_id') ? 'uniq_id' : 'type', 'validate.uniqIdLong', { found: uniq, length: uniq.length }));
  }
  const seconds = span(v, row, b);
  if (seconds === undefined) b.skip.add('interval');
  b.date = groupDate(v, b);
  b.body = compact({
    uniq_id: uniq,
    unit: v.get('unit'),
    interval: v.get('interval') ?? seconds,
    start_time: v.get('start_time'),
    end_time: v.get('end_time'),
    i18n_names: compact({
      ch: v.get('i18n_names.ch') ?? entry?.i18n_names.ch,
      en: v.get('i18n_names.en') ?? entry?.i18n_names.en,
      ja: v.get('i18n_names.ja') ?? entry?.i18n_names.ja,
    }),
    default_locale: v.get('default_locale') ?? entry?.default_locale ?? defaults.default_locale ?? 'ch',
    reason: v.get('reason'),
  });
}

function overtime(v: Values, row: InputRow, b: Built): void {
  const seconds = span(v, row, b);
  const unit = v.get('unit');
  let duration = v.get('duration');
  if (duration === undefined) {
    b.skip.add('duration');
    // Only hours and half hours follow from the times; a day's length depends on the shift, so it must be given.
    if (unit === 2 || unit === 4) {
      if (seconds !== undefined) duration = Math.round((seconds / (unit === 2 ? 3600 : 1800)) * 100) / 100;
    } else if (unit !== undefined) {
      b.problems.push(problemAt(row, 'duration', 'validate.durationRequired'));
    }
  }
  b.date = groupDate(v, b);
  b.body = compact({
    duration,
    unit,
    category: v.get('category'),
    type: v.get('type'),
    start_time: v.get('start_time'),
    end_time: v.get('end_time'),
    reason: v.get('reason'),
  });
}

function trip(v: Values, row: InputRow, b: Built): void {
  span(v, row, b);
  const levels = (v.get('destinations.region_level') as string[] | undefined) ?? [];
  const ids = (v.get('destinations.region_id') as string[] | undefined) ?? [];
  if (levels.length && ids.length && levels.length !== ids.length) {
    b.problems.push(problemAt(row, 'destinations.region_id', 'validate.destinationsMismatch', { levels: levels.length, ids: ids.length }));
  }
  const n = Math.max(levels.length, ids.length);
  const destinations = Array.from({ length: n }, (_, i) => compact({ region_level: levels[i], region_id: ids[i] }));
  b.date = groupDate(v, b);
  b.body = compact({
    start_time: v.get('start_time'),
    end_time: v.get('end_time'),
    reason: v.get('reason'),
    approve_pass_time: v.get('approve_pass_time'),
    approve_apply_time: v.get('approve_apply_time'),
    departure: compact({ region_level: v.get('departure.region_level'), region_id: v.get('departure.region_id') }),
    destinations: n ? destinations : undefined,
    transportation: v.get('transportation'),
    trip_type: v.get('trip_type'),
    remarks: v.get('remarks'),
  });
}

function remedy(v: Values, row: InputRow, b: Built): void {
  const date = v.get('remedy_date') as string | undefined;
  const time = v.get('remedy_time') as string | undefined;
  // The page has no rule tying remedy_time to remedy_date, and a night shift's off-duty punch falls on the next day:
  // that day or the next is simply accepted; further away is likely a typo, so a warning, never a refusal.
  if (date !== undefined && time !== undefined && !sameOrNextDay(date, dayOf(time))) {
    b.warnings.push(problemAt(row, 'remedy_time', 'validate.remedyDateFar', { date, time }));
  }
  b.date = date;
  b.status = (v.get('status') as RemedyStatus | undefined) ?? 'pending';
  b.body = compact({
    user_id: v.get('user_id'),
    remedy_date: date === undefined ? undefined : Number(date),
    punch_no: v.get('punch_no'),
    work_type: v.get('work_type'),
    remedy_time: time,
    reason: v.get('reason'),
  });
}

/** Builds the API object of `kind` from converted values. */
export function build(kind: Kind, v: Values, row: InputRow, defaults: Defaults): Built {
  const b: Built = { body: {}, skip: new Set(), problems: [], warnings: [] };
  if (kind === 'leaves' || kind === 'outs') typed(kind, v, row, defaults, b);
  else if (kind === 'overtime') overtime(v, row, b);
  else if (kind === 'trips') trip(v, row, b);
  else if (kind === 'remedies') remedy(v, row, b);
  else if (kind === 'approval_status') buildStatusUpdate(v, row, b);
  else buildCorehrDecision(v, row, b);
  return b;
}

const DAY_MS = 86_400_000;
const utcDay = (yyyymmdd: string) => Date.UTC(Number(yyyymmdd.slice(0, 4)), Number(yyyymmdd.slice(4, 6)) - 1, Number(yyyymmdd.slice(6, 8))) / DAY_MS;
const sameOrNextDay = (date: string, day: string): boolean => {
  const gap = utcDay(day) - utcDay(date);
  return gap === 0 || gap === 1;
};
