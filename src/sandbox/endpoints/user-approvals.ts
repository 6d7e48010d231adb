// POST /open-apis/attendance/v1/user_approvals?employee_type=…
// Writes leaves, overtime, trips and outs of one user on one date. Insert-only; idempotent_id de-duplicates per user and kind.
import { ApiError } from '../reply.js';
import type { RequestContext, SandboxState } from '../state.js';
import { isLive } from '../store.js';
import type { SandboxRecord } from '../types.js';
import { Checker, type Json } from '../validate.js';
import { ITEM_LISTS, validateItem } from './approval-items.js';
import { rejectByBusinessRules, type CheckedItem } from './business-refusal.js';
import { employeeType, requireUser, success } from './common.js';

const check: Checker = new Checker('attendance');

interface Item extends CheckedItem {
  /** The record already answering for this item's idempotent_id (earlier, or earlier in this same request). */
  existing?: SandboxRecord | 'same-request';
}

/**
 * 'error' refuses the whole request; its wording deliberately avoids the word "idempotent", so that no client can
 * come to depend on a text the pages do not document.
 */
function duplicateRequest(): ApiError {
  return new ApiError(400, 1220600, '重复请求 duplicate request');
}

/** The record a repeated idempotent_id is answered with, per the dialect (NOTES.md: unknown which); undefined: write anew. */
function repeatOf(state: SandboxState, held: SandboxRecord | undefined): SandboxRecord | undefined {
  if (!held) return undefined;
  switch (state.dialect.repeatedId) {
    case 'even-revoked':
      return held;
    case 'first-live':
      return isLive(held) ? held : undefined;
    case 'error':
      throw duplicateRequest();
  }
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
    it.existing = repeatOf(state, state.store.findIdempotent(employee_type, user_id, it.list.kind, id));
    if (!it.existing && seen.has(key)) {
      // The earlier item of this request is written live, so a repeat of it is a repeat of a live record.
      if (state.dialect.repeatedId === 'error') throw duplicateRequest();
      it.existing = 'same-request';
    }
    seen.add(key);
  }

  rejectByBusinessRules(items.filter((it) => !it.existing), state.rejectWhen, state.dialect.partialFailure, user_id, date);

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
