// 1225001: "the business rules" refuse some items of a user_approvals request. The page shows only the keys of the
// detail ({"TripErrorRecords":"",…}), not where it is carried nor what each key holds, so the dialect decides.
// Nothing of the request is written in any dialect, since the client cannot tell which items of a failed request to trust.
import type { Dialect } from '../dialects.js';
import { ApiError } from '../reply.js';
import type { ApprovalItemKind, RejectApprovalPredicate } from '../types.js';
import type { Json } from '../validate.js';
import { ITEM_LISTS } from './approval-items.js';

export interface CheckedItem {
  list: (typeof ITEM_LISTS)[number];
  item: Json;
}

/**
 * Throws 1225001 when the predicate refuses any item. The detail lists, per kind, the refused items echoed as sent
 * (so with their idempotent_id) plus an `error_msg`: in `msg` as JSON text ('msg'), as an object in `data` under a
 * generic msg ('data'), or not at all ('opaque').
 */
export function rejectByBusinessRules(
  items: readonly CheckedItem[],
  pred: RejectApprovalPredicate | undefined,
  shape: Dialect['partialFailure'],
  user_id: string,
  date: string,
): void {
  if (!pred) return;
  const errors: Record<string, Json[]> = Object.fromEntries(ITEM_LISTS.map((l) => [l.errorKey, []]));
  let any = false;
  for (const it of items) {
    const error_msg = pred(it.list.kind as ApprovalItemKind, it.item, user_id, date);
    if (error_msg === undefined) continue;
    errors[it.list.errorKey]?.push({ ...it.item, error_msg });
    any = true;
  }
  if (!any) return;
  if (shape === 'msg') throw new ApiError(400, 1225001, JSON.stringify(errors));
  if (shape === 'data') throw new ApiError(400, 1225001, 'param is invalid', {}, errors);
  throw new ApiError(400, 1225001, 'param is invalid: business check failed');
}
