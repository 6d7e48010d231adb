// Strict field checks shared by the endpoints. A failure throws the family's "bad parameter" answer
// (1220001 for attendance, 1161002 for CoreHR) with a msg naming the field, as Feishu's own msgs do.
import { type ApiFamily, paramError } from './reply.js';

export type Json = Record<string, unknown>;

const DATE = /^(\d{4})(\d{2})(\d{2})$/;
const TIME_SEC = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const TIME_MIN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/;

function realDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** yyyyMMdd text naming a real calendar day. */
function isDateText(s: string): boolean {
  const m = DATE.exec(s);
  return m !== null && realDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

function isTime(re: RegExp, s: string): boolean {
  const m = re.exec(s);
  if (m === null || !realDate(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  return Number(m[4]) <= 23 && Number(m[5]) <= 59 && (m[6] === undefined || Number(m[6]) <= 59);
}

/** Days since the epoch of a yyyyMMdd text, for window arithmetic. */
export function dayNumber(s: string): number {
  return Date.UTC(Number(s.slice(0, 4)), Number(s.slice(4, 6)) - 1, Number(s.slice(6, 8))) / 86_400_000;
}

export class Checker {
  constructor(private readonly family: ApiFamily) {}

  fail(msg: string): never {
    throw paramError(this.family, msg);
  }

  object(v: unknown, path: string): Json {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(`${path} must be an object`);
    return v as Json;
  }

  array(v: unknown, path: string): unknown[] {
    if (!Array.isArray(v)) this.fail(`${path} must be an array`);
    return v;
  }

  /** Rejects fields the page does not document: a misspelt field would otherwise be dropped silently. */
  onlyKeys(obj: Json, path: string, allowed: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) this.fail(`${path}.${key} is not a known field`);
    }
  }

  /** A required string must be present and non-empty; an optional one, when present, a string. */
  string(v: unknown, path: string, required: boolean): string | undefined {
    if (v === undefined || v === null) {
      if (required) this.fail(`${path} is required`);
      return undefined;
    }
    if (typeof v !== 'string') this.fail(`${path} must be a string`);
    if (required && v.trim() === '') this.fail(`${path} is required`);
    return v;
  }

  requiredString(v: unknown, path: string): string {
    return this.string(v, path, true) as string;
  }

  int(v: unknown, path: string, required: boolean, allowed?: readonly number[]): number | undefined {
    if (v === undefined || v === null) {
      if (required) this.fail(`${path} is required`);
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isInteger(v)) this.fail(`${path} must be an integer`);
    if (allowed && !allowed.includes(v)) this.fail(`${path} must be one of ${allowed.join(', ')}, got ${v}`);
    return v;
  }

  requiredInt(v: unknown, path: string, allowed?: readonly number[]): number {
    return this.int(v, path, true, allowed) as number;
  }

  number(v: unknown, path: string): number {
    if (v === undefined || v === null) this.fail(`${path} is required`);
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(`${path} must be a number`);
    return v;
  }

  boolean(v: unknown, path: string): boolean | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') this.fail(`${path} must be a boolean`);
    return v;
  }

  oneOf<T extends string>(v: unknown, path: string, allowed: readonly T[], required: boolean): T | undefined {
    const s = this.string(v, path, required);
    if (s === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(s)) this.fail(`${path} must be one of ${allowed.join(', ')}, got "${s}"`);
    return s as T;
  }

  /** `yyyy-MM-dd HH:mm:ss`, a real date and time. */
  time(v: unknown, path: string): string {
    const s = this.requiredString(v, path);
    if (!isTime(TIME_SEC, s)) this.fail(`${path} must be a time formatted yyyy-MM-dd HH:mm:ss, got "${s}"`);
    return s;
  }

  /** `yyyy-MM-dd HH:mm` (remedies). */
  minuteTime(v: unknown, path: string): string {
    const s = this.requiredString(v, path);
    if (!isTime(TIME_MIN, s)) this.fail(`${path} must be a time formatted yyyy-MM-dd HH:mm, got "${s}"`);
    return s;
  }

  /** Both times share one format, so text order is time order. */
  endAfterStart(start: string, end: string, path: string): void {
    if (end <= start) this.fail(`${path}.end_time (${end}) must be after ${path}.start_time (${start})`);
  }

  dateText(v: unknown, path: string): string {
    const s = this.requiredString(v, path);
    if (!isDateText(s)) this.fail(`${path} must be a date formatted yyyyMMdd, got "${s}"`);
    return s;
  }

  /** yyyyMMdd sent as a JSON integer (remedy_date, check_date_from …). */
  dateInt(v: unknown, path: string): string {
    const n = this.requiredInt(v, path);
    const s = String(n);
    if (!isDateText(s)) this.fail(`${path} must be a date formatted yyyyMMdd, got ${n}`);
    return s;
  }

  stringArray(v: unknown, path: string): string[] | undefined {
    if (v === undefined || v === null) return undefined;
    const arr = this.array(v, path);
    arr.forEach((x, i) => this.string(x, `${path}[${i}]`, false));
    return arr as string[];
  }
}
