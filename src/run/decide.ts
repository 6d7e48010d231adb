// Before anything is queued: leave out what the journal already settled, and stop rows that would silently
// write a second version of a record written earlier (same identity, changed content). Deciding this before
// queueing keeps skipped rows from spending the rate limit (PITFALLS: Cap #2010).
import type { JournalEntry } from '../journal/index.js';
import { t } from '../messages/index.js';
import { reimportId } from '../plan/idempotency.js';
import type { Plan } from '../plan/plan.js';
import type { Caller } from '../submit/context.js';
import type { Outcomes } from '../submit/outcomes.js';
import type { SubmitWork } from '../submit/index.js';
import { withdraw, type RecordProcess } from '../submit/withdraw.js';
import { located, rereader, tryStatuses, type Located } from '../readback/status.js';
import { APPROVAL_TYPES, isLifecycleKind, type CreatingKind, type EmployeeType, type NormalizedRecord } from '../types.js';
import type { RunJournal } from './journal.js';

export async function decide(plan: Plan, journal: RunJournal, outcomes: Outcomes, conn: { client: Caller }, opts: { replace?: boolean; employeeType: EmployeeType }): Promise<SubmitWork> {
  const requests: SubmitWork['requests'] = [];
  const replacements: Array<{ record: NormalizedRecord; approval_id: string }> = [];
  const withdrawn = withdrawnTimes(journal.state.entries);
  for (const request of plan.requests) {
    const records: NormalizedRecord[] = [];
    for (const r of request.records) {
      // Remedies are always settled against the server (submit/remedies.ts reads them back first): the journal
      // cannot know whether a remedy's approve/reject went through, nor see one created by a run that crashed.
      // Status rows too: a later run, another tool or an admin may have moved the approval since (submit/lifecycle.ts).
      // A CoreHR decision is final once made, so the journal's word stands for it.
      const done = r.kind === 'remedies' || r.kind === 'approval_status' ? undefined : journal.state.confirmed(r.hash);
      if (done) {
        outcomes.set(r, 'exists', done.approval_id ? { approval_id: done.approval_id } : {});
        continue;
      }
      if (isLifecycleKind(r.kind)) {
        // A status change is a move, not a record: a later file may move the same approval again, so no conflicts.
        records.push(r);
        continue;
      }
      const earlier = journal.state.byIdentity(r.identity);
      if (earlier && earlier.hash !== r.hash && earlier.approval_id) {
        if (opts.replace) replacements.push({ record: r, approval_id: earlier.approval_id });
        else {
          outcomes.set(r, 'conflict', { approval_id: earlier.approval_id, error_message: t('apply.conflict', { approval_id: earlier.approval_id }) });
          continue;
        }
      }
      records.push(withReimportId(r, withdrawn.get(r.hash) ?? 0));
    }
    requests.push({ request, records });
  }
  const failed = await revoke(replacements, conn.client, journal, opts.employeeType);
  for (const w of requests) w.records = w.records.filter((r) => !failed.has(r));
  for (const [r, { approval_id, message }] of failed) outcomes.set(r, 'conflict', { approval_id, error_message: message });
  return { requests };
}

/** plan/idempotency.ts: a row whose earlier records were withdrawn goes with a fresh, derived idempotent_id. */
function withReimportId(r: NormalizedRecord, times: number): NormalizedRecord {
  if (times === 0 || typeof r.body.idempotent_id !== 'string') return r;
  return { ...r, body: { ...r.body, idempotent_id: reimportId(r.body.idempotent_id, times) } };
}

/**
 * hash → how many distinct approvals written for it no longer stand: their latest recorded status change is a
 * revoke (4), or was made by an undo run. The same rule as JournalState's `withdrawn`, counted.
 */
function withdrawnTimes(entries: readonly JournalEntry[]): Map<string, number> {
  const undoRuns = new Set<string>();
  const latest = new Map<string, { status: number; run: string }>();
  const approvals = new Map<string, Set<string>>();
  for (const e of entries) {
    if (e.t === 'run-start' && e.command === 'undo') undoRuns.add(e.run);
    if (e.t === 'process' && e.result !== 'failed') latest.set(e.approval_id, e);
    if (e.t !== 'outcome') continue;
    for (const r of e.records) {
      if ((r.status === 'created' || r.status === 'exists') && r.approval_id) approvals.set(r.hash, (approvals.get(r.hash) ?? new Set()).add(r.approval_id));
    }
  }
  const counts = new Map<string, number>();
  for (const [hash, ids] of approvals) {
    const n = [...ids].filter((id) => {
      const p = latest.get(id);
      return !!p && (p.status === 4 || undoRuns.has(p.run));
    }).length;
    if (n) counts.set(hash, n);
  }
  return counts;
}

/** --replace: withdraw the earlier version first (revoke; a pending remedy is rejected; one already gone is done). */
async function revoke(list: Array<{ record: NormalizedRecord; approval_id: string }>, client: Caller, journal: RunJournal, employeeType: EmployeeType): Promise<Map<NormalizedRecord, { approval_id: string; message: string }>> {
  const failed = new Map<NormalizedRecord, { approval_id: string; message: string }>();
  const where = new Map<string, Located>();
  for (const { record, approval_id } of list) {
    // Same identity, so the same user and date as the row replacing it, when the journal predates locations.
    const l = located(journal.state.locate(approval_id) ?? { approval_id, kind: record.kind, user_id: record.user_id, date: record.date }, employeeType);
    if (l) where.set(approval_id, l);
  }
  const held = await tryStatuses([...where.values()], client);
  await Promise.all(
    list.map(async ({ record, approval_id }) => {
      const kind = record.kind as CreatingKind;
      const recordProcess: RecordProcess = (status, res, exists) => journal.process(approval_id, APPROVAL_TYPES[kind], status, res, exists);
      const done = await withdraw(kind, approval_id, held?.get(approval_id), { client, record: recordProcess, reread: rereader(where.get(approval_id), client) });
      if (done.status === 'updated' || done.status === 'exists') return;
      failed.set(record, { approval_id, message: t('apply.replaceFailed', { approval_id, message: done.error_message ?? '' }) });
    }),
  );
  return failed;
}
