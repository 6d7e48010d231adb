// Feishu error answers turned into something a row can carry: a code explained in words, and the per-record errors
// of 1225001 so they can be pinned to the rows that caused them.
import { hasMessage } from '../messages/index.js';
import { ref, type MessageRef } from '../messages/said.js';

/** The code explained (a catalog message), when the catalog knows it. */
export function explainCode(code: number | undefined): MessageRef | undefined {
  if (code === undefined) return undefined;
  const id = `submit.code.${code}`;
  return hasMessage(id) ? ref(id) : undefined;
}

export interface ErrorRecord {
  idempotent_id?: string;
  start_time?: string;
  end_time?: string;
  error_msg?: string;
}

export interface ErrorRecords {
  leaves: ErrorRecord[];
  overtime: ErrorRecord[];
  trips: ErrorRecord[];
  outs: ErrorRecord[];
}

const KEYS = {
  leaves: 'LeaveErrorRecords',
  overtime: 'OvertimeWorkErrorRecords',
  trips: 'TripErrorRecords',
  outs: 'OutErrorRecords',
} as const satisfies Record<keyof ErrorRecords, string>;

/**
 * Reads the failed records of a 1225001 answer. The page documents the format as
 * `{"TripErrorRecords":"","OvertimeWorkErrorRecords":"","LeaveErrorRecords":"","OutErrorRecords":""}` but not where
 * it appears nor what the values hold, so this accepts it in `msg` (alone or after some text) or in `data`, with
 * each value an array, a JSON string of one, or empty. Anything else gives null: the caller then fails the whole
 * request rather than guess which rows were refused.
 */
export function parseErrorRecords(msg: string, data?: unknown): ErrorRecords | null {
  for (const candidate of [data, msg]) {
    const obj = toObject(candidate);
    if (obj && Object.values(KEYS).some((k) => k in obj)) {
      const leaves = toRecords(obj[KEYS.leaves]);
      const overtime = toRecords(obj[KEYS.overtime]);
      const trips = toRecords(obj[KEYS.trips]);
      const outs = toRecords(obj[KEYS.outs]);
      if (!leaves || !overtime || !trips || !outs) return null;
      return { leaves, overtime, trips, outs };
    }
  }
  return null;
}

function toObject(v: unknown): Record<string, unknown> | null {
  if (typeof v === 'string') {
    const start = v.indexOf('{');
    const end = v.lastIndexOf('}');
    if (start < 0 || end <= start) return null;
    return toObject(parse(v.slice(start, end + 1)));
  }
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** null when the value holds something unreadable: better to fail the request than to call those rows written. */
function toRecords(v: unknown): ErrorRecord[] | null {
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return [];
  const list = typeof v === 'string' ? parse(v) : v;
  // A single object instead of a list of one is accepted too.
  const items = Array.isArray(list) ? list : [list];
  const records = items.map(toRecord);
  return records.every((r): r is ErrorRecord => r !== null) ? records : null;
}

function toRecord(v: unknown): ErrorRecord | null {
  const obj = toObject(v);
  if (!obj) return null;
  const out: ErrorRecord = {};
  const id = text(obj.idempotent_id ?? obj.IdempotentId ?? obj.idempotentId);
  const start = text(obj.start_time ?? obj.StartTime ?? obj.startTime);
  const end = text(obj.end_time ?? obj.EndTime ?? obj.endTime);
  const err = text(obj.error_msg ?? obj.ErrorMsg ?? obj.errorMsg ?? obj.err_msg ?? obj.msg ?? obj.error);
  if (id !== undefined) out.idempotent_id = id;
  if (start !== undefined) out.start_time = start;
  if (end !== undefined) out.end_time = end;
  if (err !== undefined) out.error_msg = err;
  return out;
}

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

function parse(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return undefined;
  }
}
