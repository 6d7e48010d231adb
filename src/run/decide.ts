// Before anything is queued: leave out what the journal already settled, and stop rows that would silently
// write a second version of a record written earlier (same identity, changed content). Deciding this before
// queueing keeps skipped rows from spending the rate limit (PITFALLS: Cap #2010).
import { t } from '../messages/index.js';
import type { Plan } from '../plan/plan.js';
import type { Caller } from '../submit/context.js';
import type { Outcomes } from '../submit/outcomes.js';
import type { SubmitWork } from '../submit/index.js';
import type { Kind, NormalizedRecord } from '../types.js';
import type { RunJournal } from './journal.js';

const APPROVAL_TYPE: Record<Kind, string> = { leaves: 'leave', overtime: 'overtime', trips: 'trip', outs: 'out', remedies: 'remedy' };

export async function decide(plan: Plan, journal: RunJournal, outcomes: Outcomes, conn: { client: Caller }, opts: { replace?: boolean }): Promise<SubmitWork> {
  const requests: SubmitWork['requests'] = [];
  const replacements: Array<{ record: NormalizedRecord; approval_id: string }> = [];
  for (const request of plan.requests) {
    const records: NormalizedRecord[] = [];
    for (const r of request.records) {
      const done = journal.state.confirmed(r.hash);
      if (done) {
        outcomes.set(r, 'exists', done.approval_id ? { approval_id: done.approval_id } : {});
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
      records.push(r);
    }
    requests.push({ request, records });
  }
  const failed = await revoke(replacements, conn.client, journal);
  for (const w of requests) w.records = w.records.filter((r) => !failed.has(r));
  for (const [r, { approval_id, message }] of failed) outcomes.set(r, 'conflict', { approval_id, error_message: message });
  return { requests };
}

/** --replace: revoke the earlier version first (status 4; a pending remedy can only be rejected, status 1). */
async function revoke(list: Array<{ record: NormalizedRecord; approval_id: string }>, client: Caller, journal: RunJournal): Promise<Map<NormalizedRecord, { approval_id: string; message: string }>> {
  const failed = new Map<NormalizedRecord, { approval_id: string; message: string }>();
  await Promise.all(
    list.map(async ({ record, approval_id }) => {
      const approval_type = APPROVAL_TYPE[record.kind];
      const statuses = record.kind === 'remedies' ? [4, 1] : [4];
      let last = '';
      for (const status of statuses) {
        const res = await client.call({ endpoint: 'approval_infos_process', method: 'POST', path: '/open-apis/attendance/v1/approval_infos/process', body: { approval_id, approval_type, status }, retryAmbiguous: true });
        await journal.process(approval_id, approval_type, status, res);
        if (res.ok) return;
        last = res.msg;
      }
      failed.set(record, { approval_id, message: t('apply.replaceFailed', { approval_id, message: last }) });
    }),
  );
  return failed;
}
