// POST /open-apis/attendance/v1/user_approvals?employee_type=…
// Writes leaves, overtime, trips and outs of one user on one date. Insert-only; idempotent_id de-duplicates per user and kind.
import { ApiError } from '../reply.js';
import type { RequestContext } from '../state.js';
import type { ApprovalItemKind, SandboxRecord } from '../types.js';
import { Checker, type Json } from '../validate.js';
import { ITEM_LISTS, validateItem } from './approval-items.js';
import { employeeType, requireUser, success } from './common.js';

const check: Checker = new Checker('attendance');

interface Item {
  list: (typeof ITEM_LISTS)[number];
  item: Json;
  /** The record already holding this item's idempotent_id (earlier, or earlier in this same request). */
  existing?: SandboxRecord | 'same-request';
}

export function handleUserApprovals({ state, query, body }: RequestContext): unknown {
  const employee_type = employeeType(query, ['employee_id', 'employee_no', 'open_id']);
  check.onlyKeys(body, 'body', ['user_approval']);
  const ua = check.object(body.user_approval ?? check.fail('user_approval is required'), 'user_approval');
  check.onlyKeys(ua, 'user_approval', ['user_id', 'date', 'time_zone', ...ITEM_LISTS.map((l) => l.key)]);
  const user_id = check.requiredString(ua.user_id, 'user_approval.user_id');
  const date = check.dateText(ua.date, 'user_approval.date');
  check.string(ua.time_zone, 'user_approval.time_zone', false);

  const items: Item[] = [];
  for (const list of ITEM_LISTS) {
    if (ua[list.key] === undefined || ua[list.key] === null) continue;
    check.array(ua[list.key], `user_approval.${list.key}`).forEach((v, i) => {
      items.push({ list, item: validateItem(list.kind, v, `user_approval.${list.key}[${i}]`) });
    });
  }
  if (items.length === 0) check.fail('user_approval has no leaves, overtime_works, trips or outs');
  requireUser(state, user_id);

  const seen = new Set<string>();
  for (const it of items) {
    const id = it.item.idempotent_id;
    if (typeof id !== 'string' || id === '') continue;
    const key = `${it.list.kind}\u0000${id}`;
    it.existing = state.store.findIdempotent(employee_type, user_id, it.list.kind, id) ?? (seen.has(key) ? 'same-request' : undefined);
    seen.add(key);
    if (it.existing && state.duplicateIdempotentId === 'error') {
      throw new ApiError(400, 1220001, `idempotent_id already exists: ${it.list.key} idempotent_id "${id}"`);
    }
  }

  rejectByBusinessRules(items, state.rejectWhen, user_id, date);

  const approvalIds = new Map<string, string>();
  const echo: Json = { user_id, date };
  for (const it of items) {
    let approval_id: string;
    const idemKey = `${it.list.kind}\u0000${String(it.item.idempotent_id)}`;
    if (it.existing === 'same-request') approval_id = approvalIds.get(idemKey) ?? '';
    else if (it.existing) approval_id = it.existing.approval_id;
    else {
      const content = structuredClone(it.item);
      const rec = state.store.add({
        kind: it.list.kind, user_id, date, status: 2, content, employee_type,
        ...(typeof it.item.idempotent_id === 'string' && it.item.idempotent_id !== '' ? { idempotent_id: it.item.idempotent_id } : {}),
      });
      approval_id = rec.approval_id;
      approvalIds.set(idemKey, approval_id);
    }
    const list = (echo[it.list.key] ??= []) as Json[];
    list.push({ approval_id, ...it.item });
  }
  echo.time_zone = 'Asia/Shanghai';
  return success({ user_approval: echo });
}

/**
 * 1225001: the page shows only the msg's keys ({"TripErrorRecords":"",…}). Our best reading: msg is a JSON string whose
 * four keys each hold the refused items of that kind, echoed as sent (so with their idempotent_id) plus an `error_msg`.
 * Nothing of the request is written, since the client cannot tell which items of a failed request to trust.
 */
function rejectByBusinessRules(items: Item[], pred: RequestContext['state']['rejectWhen'], user_id: string, date: string): void {
  if (!pred) return;
  const errors: Record<string, Json[]> = Object.fromEntries(ITEM_LISTS.map((l) => [l.errorKey, []]));
  let any = false;
  for (const it of items) {
    if (it.existing) continue;
    const error_msg = pred(it.list.kind as ApprovalItemKind, it.item, user_id, date);
    if (error_msg === undefined) continue;
    errors[it.list.errorKey]?.push({ ...it.item, error_msg });
    any = true;
  }
  if (any) throw new ApiError(400, 1225001, JSON.stringify(errors));
}
