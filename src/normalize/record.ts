// normalizeRow: one InputRow → one NormalizedRecord, or the problems that keep it from being one.
// Steps: read cells (converters) → build the API object (defaults, two-cell checks) → hash → JSON Schema.
import { contentHash, contentKey } from '../plan/idempotency.js';
import { schemaProblems, validateObject } from '../schema/index.js';
import type { Defaults } from '../sources/types.js';
import { isLifecycleKind, type InputRow, type Kind, type NormalizedRecord, type Problem } from '../types.js';
import { build } from './build.js';
import { readCells } from './read.js';

export interface NormalizeResult {
  /** Present only when the row has no problems. */
  record?: NormalizedRecord;
  /** Errors: the row is invalid and must not be sent. */
  problems: Problem[];
  /** Remarks that do not make the row invalid (e.g. a uniq_id longer than documented). */
  warnings: Problem[];
}

/**
 * What makes two rows "the same record" even when their content differs (a fixed typo in the reason): the journal
 * uses it to detect conflicts. Approval kinds: kind, user, start, end and type (leaves/outs: uniq_id, else the names;
 * overtime: the rule type). Remedies: kind, user, remedy_date, punch_no, work_type. Status updates: the approval_id;
 * CoreHR decisions: process_id and approver_id (what they act on).
 */
export function identityOf(kind: Kind, user_id: string, body: Record<string, unknown>): string {
  if (kind === 'approval_status') return JSON.stringify([kind, body.approval_id]);
  if (kind === 'corehr_approvals') return JSON.stringify([kind, body.process_id, body.approver_id]);
  if (kind === 'remedies') return JSON.stringify([kind, user_id, body.remedy_date, body.punch_no, body.work_type]);
  const type =
    kind === 'leaves' || kind === 'outs' ? (body.uniq_id ?? body.i18n_names ?? null) : kind === 'overtime' ? body.type : null;
  return JSON.stringify([kind, user_id, body.start_time, body.end_time, type]);
}

/**
 * Where a record only meets the cross-row checks and is dropped (plain `validate`), no id is made: normalizeRow
 * fills this in (one object, reused for every row) with a content key (contentKey) for the checks instead of the
 * hash, and the schema sees a stand-in of the hash's shape (32 hex digits, as every content hash is). Such a record's
 * `hash` and `identity` are empty (identity is made for the lifecycle kinds, whose cross-row check needs it), so it
 * must never reach a plan or a journal: validate.ts keeps none of them.
 */
export interface Unhashed {
  /** What CrossRowChecks.add takes as `key` and `ownId` for the record. */
  key: string;
  ownId: string | undefined;
}

const STAND_IN_ID = '0'.repeat(32);

export function normalizeRow(row: InputRow, defaults: Defaults, unhashed?: Unhashed): NormalizeResult {
  const kind = row.sheet.kind;
  const cells = readCells(row);
  const built = build(kind, cells.values, row, defaults);
  const problems = cells.problems;
  for (const p of built.problems) problems.push(p);
  const lifecycle = isLifecycleKind(kind);
  // Lifecycle rows act on an approval or a task: no employee is required (a CoreHR approver's user_id is optional).
  const user_id = (cells.values.get('user_id') as string | undefined) ?? (lifecycle ? '' : undefined);
  const body = built.body;

  const parts = { kind, user_id: user_id ?? '', date: built.date ?? '', body };
  // The user's own record id wins; remedies and the lifecycle kinds have no idempotent_id in the API at all.
  const hasId = kind !== 'remedies' && !lifecycle;
  const ownId = hasId ? (cells.values.get('idempotent_id') as string | undefined) : undefined;
  let hash = '';
  if (unhashed) {
    unhashed.key = contentKey(parts);
    // An id equal to the row's own content hash is not the user's own (as CrossRowChecks reads a hashed record).
    unhashed.ownId = ownId !== undefined && ownId !== contentHash(parts) ? ownId : undefined;
    if (hasId) body.idempotent_id = ownId ?? STAND_IN_ID;
  } else {
    hash = contentHash(parts);
    if (hasId) body.idempotent_id = ownId ?? hash;
  }

  const data = kind === 'remedies' || lifecycle ? body : { user_id, date: built.date, ...body };
  const errors = validateObject(kind, data);
  // Most rows are valid: the skip list and the error mapping are only built for a row that has schema errors.
  if (errors.length) problems.push(...schemaProblems(row, errors, new Set([...cells.failed, ...built.skip])));

  if (problems.length || user_id === undefined || built.date === undefined) return { problems, warnings: built.warnings };
  const record: NormalizedRecord = {
    kind,
    ref: { file: row.sheet.file, sheet: row.sheet.name, row: row.row },
    user_id,
    date: built.date,
    body,
    hash,
    identity: unhashed && !lifecycle ? '' : identityOf(kind, user_id, body),
  };
  if (built.status) record.status = built.status;
  return { record, problems: [], warnings: built.warnings };
}
