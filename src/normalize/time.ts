// Wall-clock dates and times as text. Nothing here goes through a time zone: Feishu takes local wall-clock strings
// and the employee's attendance group decides the zone, so `Date.UTC` is only used as a calendar to check and subtract.

/** A wall-clock moment, with every part already range-checked. */
export interface WallParts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

/** `bad`: not a date/time at all; `impossible`: the shape is right but the calendar says no (30 February, 25:00). */
export type ParseResult = WallParts | 'bad' | 'impossible';

// yyyy-MM-dd HH:mm[:ss] and yyyy/M/d H:mm[:ss]; single digits allowed everywhere but the year.
const DATETIME = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
// yyyy-MM-dd, yyyy/M/d, yyyyMMdd.
const DATE = /^(?:(\d{4})[-/](\d{1,2})[-/](\d{1,2})|(\d{4})(\d{2})(\d{2}))$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Days in month `mo` (1–12) of the proleptic Gregorian calendar, as Date.UTC counts them. */
const daysIn = (y: number, mo: number) => (mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : DAYS_IN_MONTH[mo - 1]!);

/** Whether the parts name a real moment: 2026-02-30 and 25:00 do not exist. */
function real(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  // Years outside 1900–2999 are typos, or a time-only Excel cell (day 0 is 1899-12-30).
  return y >= 1900 && y <= 2999 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo) && h <= 23 && mi <= 59 && s <= 59;
}

function checked(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): ParseResult {
  return real(y, mo, d, h, mi, s) ? { y, mo, d, h, mi, s } : 'impossible';
}

/** The digit at `i` of `t`, or NaN (which spreads through the arithmetic and fails every range check). */
const digit = (t: string, i: number): number => {
  const c = t.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : Number.NaN;
};
const num2 = (t: string, i: number) => digit(t, i) * 10 + digit(t, i + 1);
const num4 = (t: string, i: number) => num2(t, i) * 100 + num2(t, i + 2);

/**
 * The fast path for text already written `yyyy-MM-dd HH:mm:ss`, as every date cell reads (100,000 rows means
 * 200,000 of them): whether it is that exact shape and a real moment. Same answer as parseDateTime + formatDateTime
 * giving back the same text, without a regex or an object.
 */
export function isCanonicalDateTime(t: string): boolean {
  if (t.length !== 19 || t[4] !== '-' || t[7] !== '-' || t[10] !== ' ' || t[13] !== ':' || t[16] !== ':') return false;
  const y = num4(t, 0);
  const mo = num2(t, 5);
  const d = num2(t, 8);
  const h = num2(t, 11);
  const mi = num2(t, 14);
  const s = num2(t, 17);
  // A non-digit makes its part NaN, and every comparison with NaN is false.
  return h >= 0 && mi >= 0 && s >= 0 && real(y, mo, d, h, mi, s);
}

/** Parses a date-and-time text in any accepted form. */
export function parseDateTime(text: string): ParseResult {
  const m = DATETIME.exec(text.trim());
  if (!m) return 'bad';
  const [, y, mo, d, h, mi, s] = m;
  return checked(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? 0));
}

/** Parses a date text (yyyyMMdd, yyyy-MM-dd, yyyy/M/d); a trailing time of day is allowed and dropped. */
export function parseDate(text: string): ParseResult {
  const t = text.trim();
  const m = DATE.exec(t);
  if (m) {
    const y = m[1] ?? m[4];
    const mo = m[2] ?? m[5];
    const d = m[3] ?? m[6];
    return checked(Number(y), Number(mo), Number(d));
  }
  const dt = parseDateTime(t);
  return typeof dt === 'string' ? dt : checked(dt.y, dt.mo, dt.d);
}

const p2 = (n: number) => String(n).padStart(2, '0');
const p4 = (n: number) => String(n).padStart(4, '0');

/** `yyyy-MM-dd HH:mm:ss` */
export const formatDateTime = (p: WallParts): string =>
  `${p4(p.y)}-${p2(p.mo)}-${p2(p.d)} ${p2(p.h)}:${p2(p.mi)}:${p2(p.s)}`;

/** `yyyy-MM-dd HH:mm` */
export const formatMinute = (p: WallParts): string => `${p4(p.y)}-${p2(p.mo)}-${p2(p.d)} ${p2(p.h)}:${p2(p.mi)}`;

/** `yyyyMMdd` */
export const formatDate = (p: Pick<WallParts, 'y' | 'mo' | 'd'>): string => `${p4(p.y)}${p2(p.mo)}${p2(p.d)}`;

// A month of rows holds a few hundred distinct times (each working day's starts and ends), read several times per row
// (the span, the overlap check): each text is read once. Bounded, for a file of all-distinct times.
const CACHE_MAX = 4096;
const secondsOf = new Map<string, number>();
const dayOfText = new Map<string, string>();

/** Seconds since 1970 of a normalized `yyyy-MM-dd HH:mm[:ss]` text, read as if it were UTC (a calendar count, not an instant). */
export function wallSeconds(normalized: string): number {
  let seconds = secondsOf.get(normalized);
  if (seconds === undefined) {
    if (secondsOf.size >= CACHE_MAX) secondsOf.clear();
    secondsOf.set(normalized, (seconds = readWallSeconds(normalized)));
  }
  return seconds;
}

function readWallSeconds(normalized: string): number {
  // Fixed positions: the text was produced by formatDateTime/formatMinute, so no regex (nor slice) on this hot path.
  const len = normalized.length;
  if (len === 19 || len === 16) {
    const s = len === 19 ? num2(normalized, 17) : 0;
    const ms = Date.UTC(num4(normalized, 0), num2(normalized, 5) - 1, num2(normalized, 8), num2(normalized, 11), num2(normalized, 14), s);
    if (!Number.isNaN(ms)) return ms / 1000;
  }
  return slowWallSeconds(normalized);
}

/** Any other text: the general reading (a part that is not a number throws). */
function slowWallSeconds(normalized: string): number {
  const n = (from: number, to: number) => Number(normalized.slice(from, to));
  const seconds = normalized.length > 16 ? n(17, 19) : 0;
  const ms = Date.UTC(n(0, 4), n(5, 7) - 1, n(8, 10), n(11, 13), n(14, 16), seconds);
  if (Number.isNaN(ms)) throw new Error(`not a normalized time: ${normalized}`);
  return ms / 1000;
}

/** The `yyyyMMdd` day of a normalized `yyyy-MM-dd HH:mm[:ss]` text. */
export function dayOf(normalized: string): string {
  let day = dayOfText.get(normalized);
  if (day === undefined) {
    if (dayOfText.size >= CACHE_MAX) dayOfText.clear();
    dayOfText.set(normalized, (day = normalized.slice(0, 10).replaceAll('-', '')));
  }
  return day;
}
