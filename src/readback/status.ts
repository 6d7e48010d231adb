// The current state of approvals we know the user and date of (from the journal), read from the documented query
// endpoints. Whatever a refusal's message says, this is what undo, --replace and status updates decide on.
import type { Caller } from '../feishu/types.js';
import type { CreatingKind, EmployeeType } from '../types.js';
import { readApprovals } from './approvals.js';
import { ReadBackError } from './errors.js';
import { readRemedies, type RemedyState } from './remedies.js';

export interface Located {
  approval_id: string;
  kind: CreatingKind;
  user_id: string;
  /** user_approval.date, or the remedy_date (yyyyMMdd). */
  date: string;
  employee_type: EmployeeType;
}

const CREATING: readonly CreatingKind[] = ['leaves', 'overtime', 'trips', 'outs', 'remedies'];

/** A status 0–4, or 'absent': the server holds it in none of the states asked for. */
export type HeldStatus = RemedyState | 'absent';

/**
 * Remedies are asked in the order that settles most of them first (an import's remedies are mostly approved or
 * pending); each further status is asked only for what is still unknown, so a batch costs one or two calls.
 */
const REMEDY_ORDER: readonly RemedyState[] = [2, 0, 1, 4, 3];
const APPROVAL_ORDER = [2, 4] as const;

/** approval_id → its state now. Throws ReadBackError when a query fails. */
export async function currentStatuses(list: readonly Located[], client: Caller): Promise<Map<string, HeldStatus>> {
  const found = new Map<string, HeldStatus>();
  const groups = new Map<string, Located[]>();
  for (const l of list) {
    const key = `${l.employee_type}\u0000${l.kind === 'remedies' ? 'r' : 'a'}`;
    // One group holds a whole run's approvals: appended in place, not copied per record.
    const group = groups.get(key);
    if (group) group.push(l);
    else groups.set(key, [l]);
  }
  for (const items of groups.values()) {
    const first = items[0];
    if (!first) continue;
    const order = first.kind === 'remedies' ? REMEDY_ORDER : APPROVAL_ORDER;
    let left = items;
    for (const status of order) {
      if (!left.length) break;
      const ids =
        first.kind === 'remedies'
          ? (await readRemedies(left, [status], client, first.employee_type)).map((r) => r.approval_id)
          : (await readApprovals(left, status as 2 | 4, client, first.employee_type)).map((a) => a.approval_id);
      for (const id of ids) if (!found.has(id)) found.set(id, status);
      left = left.filter((l) => !found.has(l.approval_id));
    }
  }
  for (const l of list) if (!found.has(l.approval_id)) found.set(l.approval_id, 'absent');
  return found;
}

/** currentStatuses, or undefined when a query failed (the caller then acts without knowing the state). */
export async function tryStatuses(list: readonly Located[], client: Caller): Promise<Map<string, HeldStatus> | undefined> {
  if (!list.length) return new Map();
  try {
    return await currentStatuses(list, client);
  } catch (e) {
    if (e instanceof ReadBackError) return undefined;
    throw e;
  }
}

/** One approval's state read anew; undefined when it cannot be located or the read fails. */
export const rereader =
  (where: Located | undefined, client: Caller) =>
  async (): Promise<HeldStatus | undefined> =>
    where ? (await tryStatuses([where], client))?.get(where.approval_id) : undefined;

/** A journal location as a read-back target; undefined for a kind that creates nothing. */
export function located(where: { approval_id: string; kind: string; user_id: string; date: string; employee_type?: string } | undefined, fallbackType: EmployeeType): Located | undefined {
  if (!where || !(CREATING as readonly string[]).includes(where.kind)) return undefined;
  return { ...where, kind: where.kind as CreatingKind, employee_type: (where.employee_type as EmployeeType | undefined) ?? fallbackType };
}
