// The data that flows through the pipeline: read → validate → normalize → group → plan → submit → report.
// Every stage takes and returns these plain shapes so each can be tested on its own.
import type { MessageRef, Params } from './messages/said.js';

/**
 * The record kinds an input sheet can hold. Order matters: it is the order of sheets in written workbooks.
 * The first five create attendance records; the last two change the state of existing approvals (LIFECYCLE_KINDS).
 */
export const KINDS = ['leaves', 'overtime', 'trips', 'outs', 'remedies', 'approval_status', 'corehr_approvals'] as const;
export type Kind = (typeof KINDS)[number];

/** Kinds whose rows act on something that already exists (an approval, a CoreHR task) instead of creating a record. */
export const LIFECYCLE_KINDS = ['approval_status', 'corehr_approvals'] as const;
export type LifecycleKind = (typeof LIFECYCLE_KINDS)[number];
export type CreatingKind = Exclude<Kind, LifecycleKind>;
export const isLifecycleKind = (kind: string): kind is LifecycleKind => (LIFECYCLE_KINDS as readonly string[]).includes(kind);

/** The `approval_type` that `approval_infos/process` uses for the records each creating kind writes. */
export const APPROVAL_TYPES = { leaves: 'leave', overtime: 'overtime', trips: 'trip', outs: 'out', remedies: 'remedy' } as const satisfies Record<CreatingKind, string>;

/** Kinds that are sent inside one `user_approval` body, and the body key each goes under. */
export const APPROVAL_KEYS = {
  leaves: 'leaves',
  overtime: 'overtime_works',
  trips: 'trips',
  outs: 'outs',
} as const satisfies Partial<Record<Kind, string>>;
export type ApprovalKind = keyof typeof APPROVAL_KEYS;

/**
 * A date or time cell as the user sees it in Excel: wall-clock text `yyyy-MM-dd HH:mm:ss`, never shifted by a time zone.
 * Kept apart from plain strings so the normaliser knows the value came from a real date cell.
 */
export class WallTime {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** An Excel error value such as `#N/A` or `#REF!` (typically the result of a broken formula). */
export class CellError {
  constructor(readonly error: string) {}
  toString(): string {
    return this.error;
  }
}

export type Cell = string | number | boolean | null | WallTime | CellError;

/** The key that ties an outcome to its input row across stages. */
export function rowKey(ref: { file: string; sheet: string; row: number }): string {
  return `${ref.file}\u0000${ref.sheet}\u0000${ref.row}`;
}

/** Where a row came from. `row` is the row number as Excel shows it (header = 1); for YAML records, the line number. */
export interface RowRef {
  file: string;
  sheet: string;
  row: number;
}

/** One sheet (or CSV file, or YAML list) of one kind. Shared by all its rows. */
export interface SheetInfo {
  file: string;
  /** The sheet name as written in the input (for CSV: the file's base name; for YAML: the list key). */
  name: string;
  kind: Kind;
  /** Header texts as written in the input, by column (0-based). */
  headers: string[];
  /** Canonical field (e.g. `i18n_names.ch`) for each column, or null for a column the tool does not use. */
  fields: (string | null)[];
}

/** One non-empty input row with its original values, aligned with `sheet.headers`. */
export interface InputRow {
  sheet: SheetInfo;
  row: number;
  values: Cell[];
}

export type RemedyStatus = 'pending' | 'approved' | 'rejected';

/** A validated row turned into what the API expects. */
export interface NormalizedRecord {
  kind: Kind;
  ref: RowRef;
  /** The employee (approval_status: '' — it has none; corehr_approvals: the approver's user_id, or ''). */
  user_id: string;
  /** The `user_approval.date` (yyyyMMdd) the record is grouped under; for remedies, `remedy_date`; lifecycle kinds: ''. */
  date: string;
  /**
   * The API object for this row: an item of `leaves`/`overtime_works`/`trips`/`outs` (with `idempotent_id`),
   * a whole `user_task_remedys` body, a whole `approval_infos/process` body, or for corehr_approvals the PUT body
   * plus its path and query values (`process_id`, `approver_id`, `user_id_type`; see plan/lifecycle.ts).
   */
  body: Record<string, unknown>;
  /** sha256 of the record's content (see plan/idempotency.ts); the default `idempotent_id`. */
  hash: string;
  /** What makes two rows "the same record" even if their content differs (kind, user, start, end, type). */
  identity: string;
  /** Remedies only: the approval state to bring the remedy to after creating it. */
  status?: RemedyStatus;
}

/** One validation problem, pinned to a cell: data (a message id and its parameters), rendered only where it is shown. */
export interface Problem {
  file: string;
  sheet: string;
  row: number;
  /** The column header as written in the input ('' when the problem is about the whole row). */
  column: string;
  /** The canonical field ('' when the problem is about the whole row). */
  field: string;
  /** Message id in the catalog (src/messages/); `render({ id: code, params })` gives it in words. */
  code: string;
  params: Params;
}

export type Endpoint = 'user_approvals' | 'user_task_remedys' | 'approval_infos_process' | 'corehr_approvers';

/** One HTTP request the plan would send, with the rows it carries. */
export interface PlannedRequest {
  /** Stable key of the request: a hash of endpoint + body; the journal keys on it. */
  key: string;
  endpoint: Endpoint;
  method: 'POST' | 'PUT';
  path: string;
  query: Record<string, string>;
  body: unknown;
  records: NormalizedRecord[];
}

/**
 * `updated`: a status change or decision this run made (lifecycle kinds); `exists`: it was already so.
 * `unconfirmed`: Feishu's state after the run could not be confirmed to be what the row asks for (read back missing or
 * revoked after a write that was answered, or a refused status change of an approval whose state cannot be read).
 */
export type RowStatus = 'created' | 'exists' | 'updated' | 'failed' | 'invalid' | 'skipped' | 'planned' | 'conflict' | 'unconfirmed';

/** The statuses that mean "this row is done": the exit code is 0 when every row has one of them. */
export const DONE_STATUSES: readonly RowStatus[] = ['created', 'exists', 'updated', 'planned'];

/** The outcome of one input row; one per row, always. */
export interface RowOutcome {
  ref: RowRef;
  status: RowStatus;
  approval_id?: string;
  idempotent_id?: string;
  error_code?: string;
  /** Why, as data: a catalog id and parameters (Feishu's own message text is a parameter); render() gives words. */
  message?: MessageRef;
  /** `invalid`: what is wrong with the row (reasonText() gives both this and `message` in words). */
  problems?: Problem[];
  log_id?: string;
}

export type EmployeeType = 'employee_id' | 'employee_no' | 'open_id';
export type Lang = 'en' | 'zh';
