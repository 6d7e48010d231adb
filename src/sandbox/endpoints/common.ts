// Checks shared by the attendance endpoints.
import { ApiError } from '../reply.js';
import type { SandboxState } from '../state.js';
import { Checker } from '../validate.js';

// Annotated so that `check.fail()` (returning never) narrows types after it.
const check: Checker = new Checker('attendance');

/** `employee_type` is required; the remedy endpoints do not take open_id. */
export function employeeType(query: URLSearchParams, allowed: readonly string[]): string {
  const value = query.get('employee_type');
  if (value === null || !allowed.includes(value)) check.fail(`employee_type invalid: must be one of ${allowed.join(', ')}`);
  return value;
}

export function requireUser(state: SandboxState, userId: string): void {
  if (state.users && !state.users.has(userId)) {
    throw new ApiError(400, 1220004, `user_id is not exist or does not have permission: ${userId}`);
  }
}

export function success(data: unknown): unknown {
  return { code: 0, msg: 'success', data };
}

/** 50 users per call is documented for the remedy query; NOTES.md gives no limit for the approvals query, we apply the same. */
const MAX_USERS = 50;

/** The user_ids list of both queries. */
export function userIds(v: unknown, state: SandboxState): string[] {
  const ids = check.array(v ?? check.fail('user_ids is required'), 'user_ids');
  if (ids.length === 0 || ids.length > MAX_USERS) check.fail(`user_ids must hold 1 to ${MAX_USERS} ids, got ${ids.length}`);
  const out = ids.map((x, i) => check.requiredString(x, `user_ids[${i}]`));
  out.forEach((id) => requireUser(state, id));
  return out;
}
