// The effectful half of reconcile: the actions (src/reconcile, pure) turned into what submit sends. keep → `exists`
// without a request; replace → the earlier record withdrawn first (--replace), else `conflict`; create → sent, under a
// derived idempotent_id when the row's earlier records were withdrawn. Deciding this before queueing keeps settled
// rows from spending the rate limit (PITFALLS: Cap #2010).
import { reimportId } from '../plan/idempotency.js';
import type { JournalQueries } from '../journal/index.js';
import type { Plan } from '../plan/plan.js';
import { asServerRemedy } from '../readback/view.js';
import type { FieldChange, JournalFacts, Reconciliation, RowAction } from '../reconcile/types.js';
import { withDetail, type Caller } from '../submit/context.js';
import type { Outcomes } from '../submit/outcomes.js';
import type { SubmitWork } from '../submit/index.js';
import { forEachCall } from '../submit/executor.js';
import { withdraw, type RecordProcess } from '../submit/withdraw.js';
import { located, rereader, tryStatuses, type Located } from '../readback/status.js';
import { APPROVAL_TYPES, type CreatingKind, type EmployeeType, type NormalizedRecord } from '../types.js';
import type { RunJournal } from './journal.js';
import { ref, type MessageRef } from '../messages/said.js';

export interface DecideOptions {
  replace?: boolean;
  employeeType: EmployeeType;
  reconciliation: Reconciliation;
  facts: JournalFacts;
  /** The journal as the slice being sent sees it (Reconciled.known). */
  known: JournalQueries;
}

/** `field: 'from' → 'to'` for a conflict's message. */
const describeChanges = (changes: readonly FieldChange[]): string =>
  changes.map((c) => `${c.field}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`).join('; ');

/** A changed row left alone (no --replace): the earlier version's id, then the fields that differ. */
export function conflictMessage(approval_id: string, changes: readonly FieldChange[]): MessageRef {
  const conflict = ref('apply.conflict', { approval_id });
  return changes.length ? withDetail(conflict, describeChanges(changes)) : conflict;
}

export async function decide(plan: Plan, journal: RunJournal, outcomes: Outcomes, conn: { client: Caller }, opts: DecideOptions): Promise<SubmitWork> {
  const requests: SubmitWork['requests'] = [];
  const replacements: Array<{ record: NormalizedRecord; approval_id: string }> = [];
  const remedyMatches: NonNullable<SubmitWork['remedyMatches']> = new Map();
  const action = new Map<NormalizedRecord, RowAction>(opts.reconciliation.rows.map((a) => [a.record, a]));
  for (const request of plan.requests) {
    const records: NormalizedRecord[] = [];
    for (const r of request.records) {
      const a = action.get(r) ?? { type: 'send', record: r };
      if (a.type === 'send') {
        // A CoreHR decision is final once made, so the journal's word stands for it. A status row is always sent
        // (or read back first, submit/lifecycle.ts): a later run, another tool or an admin may have moved the approval.
        const done = r.kind === 'corehr_approvals' ? opts.known.confirmed(r.hash) : undefined;
        if (done) outcomes.set(r, 'exists', done.approval_id ? { approval_id: done.approval_id } : {});
        else records.push(r);
        continue;
      }
      if (a.type === 'keep' && r.kind !== 'remedies') {
        outcomes.set(r, 'exists', { approval_id: a.held.approval_id, ...(a.held.idempotent_id ? { idempotent_id: a.held.idempotent_id } : {}) });
        continue;
      }
      if (a.type === 'keep') {
        // Paired with a remedy Feishu holds: submit brings it to the state the row asks for, creating nothing.
        remedyMatches.set(r, asServerRemedy(a.held));
        records.push(r);
        continue;
      }
      if (a.type === 'replace') {
        if (opts.replace) replacements.push({ record: r, approval_id: a.earlier.approval_id });
        else {
          outcomes.set(r, 'conflict', { approval_id: a.earlier.approval_id, message: conflictMessage(a.earlier.approval_id, a.changes) });
          continue;
        }
      }
      records.push(withReimportId(r, opts.facts.withdrawnTimes(r.hash)));
    }
    requests.push({ request, records });
  }
  const failed = await revoke(replacements, conn.client, journal, opts);
  for (const w of requests) w.records = w.records.filter((r) => !failed.has(r));
  for (const [r, { approval_id, message }] of failed) outcomes.set(r, 'conflict', { approval_id, message });
  return { requests, remedyMatches };
}

/** plan/idempotency.ts: a row whose earlier records were withdrawn goes with a fresh, derived idempotent_id. */
function withReimportId(r: NormalizedRecord, times: number): NormalizedRecord {
  if (times === 0 || typeof r.body.idempotent_id !== 'string') return r;
  return { ...r, body: { ...r.body, idempotent_id: reimportId(r.body.idempotent_id, times) } };
}

/** --replace: withdraw the earlier version first (revoke; a pending remedy is rejected; one already gone is done). */
async function revoke(list: Array<{ record: NormalizedRecord; approval_id: string }>, client: Caller, journal: RunJournal, { known, employeeType }: DecideOptions): Promise<Map<NormalizedRecord, { approval_id: string; message: MessageRef }>> {
  const failed = new Map<NormalizedRecord, { approval_id: string; message: MessageRef }>();
  const where = new Map<string, Located>();
  for (const { record, approval_id } of list) {
    // Same identity, so the same user and date as the row replacing it, when the journal predates locations.
    const l = located(known.locate(approval_id) ?? { approval_id, kind: record.kind, user_id: record.user_id, date: record.date }, employeeType);
    if (l) where.set(approval_id, l);
  }
  const held = await tryStatuses([...where.values()], client);
  await forEachCall(list, async ({ record, approval_id }) => {
      const kind = record.kind as CreatingKind;
      const recordProcess: RecordProcess = (status, res, exists) => journal.process(approval_id, APPROVAL_TYPES[kind], status, res, exists);
      const done = await withdraw(kind, approval_id, held?.get(approval_id), { client, record: recordProcess, reread: rereader(where.get(approval_id), client) });
      if (done.status === 'updated' || done.status === 'exists') return;
      failed.set(record, { approval_id, message: ref('apply.replaceFailed', { approval_id, message: done.message ?? '' }) });
  });
  return failed;
}
