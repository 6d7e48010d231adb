// apply --prune: withdraw what this tool wrote in scope and the inputs no longer want (reconcile's `revoke` actions):
// an approved record is revoked (4), a pending remedy rejected (1), through the same withdraw() as undo and --replace.
import type { Caller } from '../feishu/types.js';
import { located, rereader } from '../readback/status.js';
import type { RecordAction } from '../reconcile/types.js';
import { forEachCall } from '../submit/executor.js';
import { withdraw } from '../submit/withdraw.js';
import { APPROVAL_TYPES, type CreatingKind, type EmployeeType, type RowStatus } from '../types.js';
import type { RunJournal } from './journal.js';
import { said, type MessageRef } from '../messages/said.js';

export interface PrunedRecord {
  approval_id: string;
  kind: CreatingKind;
  user_id: string;
  date: string;
  action: 'revoke' | 'reject' | 'none';
  status: Extract<RowStatus, 'updated' | 'exists' | 'failed' | 'skipped'>;
  message?: MessageRef;
  log_id?: string;
}

type Revoke = Extract<RecordAction, { type: 'revoke' }>;

export async function prune(actions: readonly Revoke[], journal: RunJournal, client: Caller, signal: AbortSignal, employeeType: EmployeeType): Promise<PrunedRecord[]> {
  return forEachCall(actions, async ({ held }): Promise<PrunedRecord> => {
        const base = { approval_id: held.approval_id, kind: held.kind, user_id: held.user_id, date: held.date };
        if (signal.aborted) return { ...base, action: 'none', status: 'skipped', ...said('submit.interrupted') };
        const where = located({ approval_id: held.approval_id, kind: held.kind, user_id: held.user_id, date: held.date }, employeeType);
        const w = await withdraw(held.kind, held.approval_id, held.status as 0 | 2, {
          client,
          signal,
          record: (status, res, exists) => journal.process(held.approval_id, APPROVAL_TYPES[held.kind], status, res, exists),
          reread: rereader(where, client),
        });
        return { ...base, action: w.action, status: w.status, ...(w.message ? { message: w.message } : {}), ...(w.log_id ? { log_id: w.log_id } : {}) };
  });
}
