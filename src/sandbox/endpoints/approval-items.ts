// Field rules of the four item lists of `user_approval`, read off the create page's request table.
// Fields the page lists only in the response (approval_id, approve_*_time on leaves/outs) are refused in requests.
import type { ApprovalItemKind } from '../types.js';
import { Checker, type Json } from '../validate.js';

const check: Checker = new Checker('attendance');

const UNITS = [1, 2, 3, 4];
const LOCALES = ['ch', 'en', 'ja'] as const;
const SYSTEM_IDS = ['correct_process_id', 'cancel_process_id', 'process_id'];

/** Body list key → record kind, and the key of its error list in a 1225001 msg. */
export const ITEM_LISTS = [
  { key: 'leaves', kind: 'leave', errorKey: 'LeaveErrorRecords' },
  { key: 'overtime_works', kind: 'overtime', errorKey: 'OvertimeWorkErrorRecords' },
  { key: 'trips', kind: 'trip', errorKey: 'TripErrorRecords' },
  { key: 'outs', kind: 'out', errorKey: 'OutErrorRecords' },
] as const satisfies ReadonlyArray<{ key: string; kind: ApprovalItemKind; errorKey: string }>;

function times(item: Json, path: string): void {
  const start = check.time(item.start_time, `${path}.start_time`);
  const end = check.time(item.end_time, `${path}.end_time`);
  check.endAfterStart(start, end, path);
}

function systemIds(item: Json, path: string): void {
  for (const key of SYSTEM_IDS) check.stringArray(item[key], `${path}.${key}`);
}

function names(item: Json, path: string): void {
  const i18n = check.object(item.i18n_names ?? check.fail(`${path}.i18n_names is required`), `${path}.i18n_names`);
  check.onlyKeys(i18n, `${path}.i18n_names`, LOCALES);
  if (Object.keys(i18n).length === 0) check.fail(`${path}.i18n_names needs at least one of ch, en, ja`);
  for (const locale of LOCALES) check.string(i18n[locale], `${path}.i18n_names.${locale}`, false);
  check.oneOf(item.default_locale, `${path}.default_locale`, LOCALES, true);
}

function interval(item: Json, path: string): void {
  const seconds = check.requiredInt(item.interval, `${path}.interval`);
  if (seconds < 0) check.fail(`${path}.interval must not be negative`);
}

/**
 * Not on the create page, but in the official Node SDK's typings of the request: per day of the leave, its time ranges.
 * Taken, stored and echoed as sent; the sandbox does not compute durations, so it does not interpret them.
 */
function leaveDetailRanges(v: unknown, path: string): void {
  if (v === undefined || v === null) return;
  check.array(v, path).forEach((d, i) => {
    const day = check.object(d, `${path}[${i}]`);
    check.onlyKeys(day, `${path}[${i}]`, ['day', 'time_ranges']);
    check.int(day.day, `${path}[${i}].day`, false);
    if (day.time_ranges === undefined || day.time_ranges === null) return;
    check.array(day.time_ranges, `${path}[${i}].time_ranges`).forEach((r, j) => {
      const range = check.object(r, `${path}[${i}].time_ranges[${j}]`);
      check.onlyKeys(range, `${path}[${i}].time_ranges[${j}]`, ['start_time_stamp', 'end_time_stamp']);
      check.int(range.start_time_stamp, `${path}[${i}].time_ranges[${j}].start_time_stamp`, false);
      check.int(range.end_time_stamp, `${path}[${i}].time_ranges[${j}].end_time_stamp`, false);
    });
  });
}

function leave(item: Json, path: string): void {
  check.onlyKeys(item, path, [
    'uniq_id', 'unit', 'interval', 'start_time', 'end_time', 'i18n_names', 'default_locale', 'reason', 'idempotent_id', 'leave_detail_range_objs',
  ]);
  check.string(item.uniq_id, `${path}.uniq_id`, false);
  check.requiredInt(item.unit, `${path}.unit`, UNITS);
  interval(item, path);
  times(item, path);
  names(item, path);
  check.requiredString(item.reason, `${path}.reason`);
  leaveDetailRanges(item.leave_detail_range_objs, `${path}.leave_detail_range_objs`);
}

function out(item: Json, path: string): void {
  check.onlyKeys(item, path, ['uniq_id', 'unit', 'interval', 'start_time', 'end_time', 'i18n_names', 'default_locale', 'reason', 'idempotent_id', ...SYSTEM_IDS]);
  // The page says "shorter than 14" but its own example has 32 characters (NOTES.md): any non-empty id is taken.
  check.requiredString(item.uniq_id, `${path}.uniq_id`);
  check.requiredInt(item.unit, `${path}.unit`, UNITS);
  interval(item, path);
  times(item, path);
  names(item, path);
  check.requiredString(item.reason, `${path}.reason`);
  systemIds(item, path);
}

function overtime(item: Json, path: string): void {
  check.onlyKeys(item, path, ['duration', 'unit', 'category', 'type', 'start_time', 'end_time', 'reason', 'idempotent_id', ...SYSTEM_IDS]);
  if (check.number(item.duration, `${path}.duration`) < 0) check.fail(`${path}.duration must not be negative`);
  check.requiredInt(item.unit, `${path}.unit`, UNITS);
  check.requiredInt(item.category, `${path}.category`, [1, 2, 3]);
  // 3 is listed as deprecated in the request table: refuse it rather than guess what it would do.
  check.requiredInt(item.type, `${path}.type`, [0, 1, 2]);
  times(item, path);
  check.string(item.reason, `${path}.reason`, false);
  systemIds(item, path);
}

function region(v: unknown, path: string): void {
  const place = check.object(v, path);
  check.onlyKeys(place, path, ['region_level', 'region_id']);
  check.oneOf(place.region_level, `${path}.region_level`, ['l1', 'l2', 'l3', 'l4'], false);
  check.string(place.region_id, `${path}.region_id`, false);
}

function trip(item: Json, path: string): void {
  check.onlyKeys(item, path, [
    'start_time', 'end_time', 'reason', 'approve_pass_time', 'approve_apply_time', 'idempotent_id', ...SYSTEM_IDS,
    'departure', 'destinations', 'transportation', 'trip_type', 'remarks', 'time_zone',
  ]);
  times(item, path);
  check.requiredString(item.reason, `${path}.reason`);
  check.time(item.approve_pass_time, `${path}.approve_pass_time`);
  check.time(item.approve_apply_time, `${path}.approve_apply_time`);
  systemIds(item, path);
  if (item.departure !== undefined) region(item.departure, `${path}.departure`);
  if (item.destinations !== undefined) check.array(item.destinations, `${path}.destinations`).forEach((d, i) => region(d, `${path}.destinations[${i}]`));
  if (item.transportation !== undefined) {
    check.array(item.transportation, `${path}.transportation`).forEach((t, i) => check.requiredInt(t, `${path}.transportation[${i}]`, [1, 2, 3, 4, 5, 6]));
  }
  check.int(item.trip_type, `${path}.trip_type`, false, [1, 2]);
  check.string(item.remarks, `${path}.remarks`, false);
  check.string(item.time_zone, `${path}.time_zone`, false);
}

const VALIDATORS: Record<ApprovalItemKind, (item: Json, path: string) => void> = { leave, out, overtime, trip };

/** Validates one item; returns it typed as an object. */
export function validateItem(kind: ApprovalItemKind, v: unknown, path: string): Json {
  const item = check.object(v, path);
  VALIDATORS[kind](item, path);
  check.string(item.idempotent_id, `${path}.idempotent_id`, false);
  return item;
}
