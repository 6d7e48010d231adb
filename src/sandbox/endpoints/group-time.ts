// Unix-second windows of the query endpoints against the wall-clock times and dates of records. Those are in the
// employee's attendance group's time zone; the sandbox puts every group in UTC+8 (China, no daylight saving).
import { Checker } from '../validate.js';

const check: Checker = new Checker('attendance');
const GROUP_OFFSET_SECONDS = 8 * 3600;

/** Unix seconds sent as a string of digits, as the query pages give them. */
export function unixSeconds(v: unknown, path: string): number {
  const s = check.requiredString(v, path);
  if (!/^\d{1,11}$/.test(s)) check.fail(`${path} must be unix seconds as a string, got "${s}"`);
  return Number(s);
}

/** The unix second of a `yyyy-MM-dd HH:mm` wall-clock time of the group. */
export function wallClockEpoch(time: string): number {
  const [d, t] = time.split(' ');
  const [y, mo, da] = (d ?? '').split('-').map(Number);
  const [h, mi] = (t ?? '').split(':').map(Number);
  return Date.UTC(y ?? 0, (mo ?? 1) - 1, da ?? 1, h ?? 0, mi ?? 0) / 1000 - GROUP_OFFSET_SECONDS;
}

/** The group's calendar day (yyyyMMdd) of a unix second. */
export function groupDay(seconds: number): string {
  return new Date((seconds + GROUP_OFFSET_SECONDS) * 1000).toISOString().slice(0, 10).replace(/-/g, '');
}
