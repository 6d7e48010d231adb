// The lines of journal.jsonl. Each line is one JSON object with `t` (type), `ts` (ISO time) and `run` (run id).
// The shapes are the on-disk format: add optional fields freely, never rename or repurpose one.
import type { Endpoint, RowRef } from '../types.js';
import type { MessageRef } from '../messages/said.js';

export type RunCommand = 'apply' | 'undo' | 'status' | 'corehr' | (string & {});

export interface RunStartEntry {
  t: 'run-start';
  ts: string;
  run: string;
  command: RunCommand;
  startedAt: string;
  inputs: { path: string; sha256: string }[];
  /** The options the run was called with, secrets removed (see redact()). */
  options: Record<string, unknown>;
}

/** One row carried by a request. `kind` is a Kind, or `approval_status` / `corehr` for the lifecycle flows. */
export interface IntentRecord {
  hash: string;
  identity: string;
  idempotent_id?: string;
  kind: string;
  ref: RowRef;
  /** Where the record can be read back (user_approvals/query, user_task_remedys/query): absent in older journals. */
  user_id?: string;
  /** user_approval.date or remedy_date, yyyyMMdd. */
  date?: string;
  employee_type?: string;
}

/** Written and fsynced before the request is sent: a crash after this line means "maybe sent". */
export interface IntentEntry {
  t: 'intent';
  ts: string;
  run: string;
  /** The request key (PlannedRequest.key). */
  req: string;
  endpoint: Endpoint;
  payloadHash: string;
  records: IntentRecord[];
}

export type RecordStatus = 'created' | 'exists' | 'failed' | 'conflict';

export interface OutcomeRecord {
  hash: string;
  approval_id?: string;
  status: RecordStatus;
  code?: string | number;
  /** Feishu's message text; `said`: the client's own description when there was no answer (a catalog message). */
  msg?: string;
  said?: MessageRef;
}

/** Written after the answer. `ambiguous`: sent but the answer was lost (timeout, reset, 5xx); reconcile first. */
export interface OutcomeEntry {
  t: 'outcome';
  ts: string;
  run: string;
  req: string;
  result: 'ok' | 'failed' | 'ambiguous';
  records: OutcomeRecord[];
  logId?: string;
  httpStatus?: number;
}

/** approval_infos/process statuses: 1 reject, 2 approve, 4 revoke. */
export type ProcessStatus = 1 | 2 | 4;

/** An approval's status change that was done (or found already done: `exists`), for undo and status updates. */
export interface ProcessEntry {
  t: 'process';
  ts: string;
  run: string;
  approval_id: string;
  approval_type: 'leave' | 'out' | 'overtime' | 'trip' | 'remedy';
  status: ProcessStatus;
  result: 'ok' | 'exists' | 'failed';
  code?: string | number;
  /** Feishu's message text; `said`: the client's own description when there was no answer (a catalog message). */
  msg?: string;
  said?: MessageRef;
}

export interface RunEndEntry {
  t: 'run-end';
  ts: string;
  run: string;
  finishedAt: string;
  counts: Record<string, number>;
  /** True when the run was stopped (Ctrl-C) before it had sent everything. */
  interrupted?: boolean;
}

export type JournalEntry = RunStartEntry | IntentEntry | OutcomeEntry | ProcessEntry | RunEndEntry;

type WithoutTs<E> = E extends unknown ? Omit<E, 'ts'> & { ts?: string } : never;
/** What callers pass to append(): `ts` is filled in when missing. */
export type NewEntry = WithoutTs<JournalEntry>;

const TYPES = new Set(['run-start', 'intent', 'outcome', 'process', 'run-end']);

/** Parses one line; undefined when it is not JSON or not a journal entry (the caller decides what that means). */
export function parseEntry(line: string): JournalEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  if (typeof o.t !== 'string' || !TYPES.has(o.t) || typeof o.run !== 'string') return undefined;
  if ((o.t === 'intent' || o.t === 'outcome') && (typeof o.req !== 'string' || !Array.isArray(o.records))) return undefined;
  if (o.t === 'process' && typeof o.approval_id !== 'string') return undefined;
  return value as JournalEntry;
}

const SECRET_KEY = /secret|token|password|passwd|authorization|cookie/i;

/** Removes secret-looking keys at any depth, so a careless caller cannot leak app_secret into the journal. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!SECRET_KEY.test(k)) out[k] = redact(v);
  return out;
}
