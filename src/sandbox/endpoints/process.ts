// POST /open-apis/attendance/v1/approval_infos/process
// The page's rules: only a pending approval can be approved or rejected, only an approved one revoked; leaves, outs,
// overtime and trips take only revoke (4). How a move the state does not allow is refused is not documented (NOTES.md),
// so the dialect decides; a client learns the state from the query endpoints, never from this wording.
import type { Dialect } from '../dialects.js';
import { ApiError } from '../reply.js';
import type { RequestContext } from '../state.js';
import type { RecordKind } from '../types.js';
import { Checker } from '../validate.js';
import { success } from './common.js';

const check: Checker = new Checker('attendance');

const TYPES = ['leave', 'out', 'overtime', 'trip', 'remedy'] as const satisfies readonly RecordKind[];
/** status requested → the status it may be applied from. */
const FROM: Record<number, number> = { 1: 0, 2: 0, 4: 2 };

function refusal(dialect: Dialect['refusal'], current: number, requested: number): ApiError {
  switch (dialect) {
    case 'status-in-message':
      return new ApiError(400, 1220001, `approval status transition not allowed: current status ${current}, requested ${requested}`);
    case 'other-code':
      return new ApiError(400, 1220600, requested === 4 ? 'only approved approvals can be revoked' : 'only pending approvals can be approved or rejected');
    case 'no-status':
      return new ApiError(400, 1220001, 'approval status cannot be changed');
  }
}

export function handleProcess({ state, body }: RequestContext): unknown {
  check.onlyKeys(body, 'body', ['approval_id', 'approval_type', 'status']);
  const approval_id = check.requiredString(body.approval_id, 'approval_id');
  const approval_type = check.oneOf(body.approval_type, 'approval_type', TYPES, true) as RecordKind;
  const status = check.requiredInt(body.status, 'status', [1, 2, 4]);
  if (approval_type !== 'remedy' && status !== 4) {
    check.fail(`status ${status} not allowed for approval_type ${approval_type}: only 4 (revoke) is`);
  }
  const rec = state.store.get(approval_id);
  if (!rec) check.fail(`approval_id ${approval_id} not found`);
  if (rec.kind !== approval_type) check.fail(`approval_type mismatch: approval ${approval_id} is a ${rec.kind}, not a ${approval_type}`);
  if (FROM[status] !== rec.status) throw refusal(state.dialect.refusal, rec.status, status);
  rec.status = status;
  return success({ approval_info: { approval_id, approval_type, status } });
}
