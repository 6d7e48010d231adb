// submit: execute a plan. Each endpoint runs on its own (remedies do not wait for approvals), bounded by the
// client's per-endpoint limiter, through the one executor (executor.ts) every sending flow shares.
import type { NormalizedRecord, PlannedRequest } from '../types.js';
import { sendApprovalGroup } from './approvals.js';
import type { SubmitContext } from './context.js';
import { forEachCall } from './executor.js';
import { sendLifecycle } from './lifecycle.js';
import { rereader, tryStatuses, type Located } from '../readback/status.js';
import { matchRemedies, queryRemedies, sendRemedy, type ServerRemedy } from './remedies.js';
import { said } from '../messages/said.js';


export interface SubmitWork {
  /** Requests with the records still to send (records settled earlier are already left out). */
  requests: Array<{ request: PlannedRequest; records: NormalizedRecord[] }>;
  /**
   * Remedy rows paired with a remedy Feishu holds (reconcile read them before anything was sent). Without it, submit
   * reads the remedies back itself before creating any.
   */
  remedyMatches?: Map<NormalizedRecord, ServerRemedy>;
}

export async function submit(work: SubmitWork, ctx: SubmitContext): Promise<void> {
  const approvals = work.requests.filter((w) => w.request.endpoint === 'user_approvals' && w.records.length);
  const remedies = work.requests.filter((w) => w.request.endpoint === 'user_task_remedys' && w.records.length);
  const statuses = work.requests.filter((w) => w.request.endpoint === 'approval_infos_process' && w.records.length);
  const decisions = work.requests.filter((w) => w.request.endpoint === 'corehr_approvers' && w.records.length);
  await Promise.all([submitApprovals(approvals, ctx), submitRemedies(remedies, ctx, work.remedyMatches), submitLifecycle(statuses, ctx), submitLifecycle(decisions, ctx)]);
}

function notStarted(records: NormalizedRecord[], ctx: SubmitContext): void {
  for (const r of records) ctx.outcomes.set(r, 'skipped', { ...said('submit.interrupted') });
}

/** Ctrl-C caught these in the limiter's queue: progress must not count them as done. */
const unsent = (records: NormalizedRecord[], ctx: SubmitContext) => records.every((r) => ctx.outcomes.get(r.ref)?.status === 'skipped');

async function submitApprovals(work: SubmitWork['requests'], ctx: SubmitContext): Promise<void> {
  await forEachCall(work, async ({ request, records }) => {
    if (ctx.signal.aborted) return notStarted(records, ctx);
    await sendApprovalGroup(request.key, records, ctx);
    if (!unsent(records, ctx)) ctx.events.onSettled?.('user_approvals', records.length);
  });
}

async function submitRemedies(work: SubmitWork['requests'], ctx: SubmitContext, known: SubmitWork['remedyMatches']): Promise<void> {
  const records = work.flatMap((w) => w.records);
  if (!records.length) return;
  // Paired with what Feishu holds first, whatever the journal says: the state folder may be lost, or another machine
  // may have run this.
  let matched = known;
  if (!matched) {
    const server = await queryRemedies(records, ctx);
    if (!server) {
      for (const r of records) ctx.outcomes.set(r, 'failed', { ...said('submit.remedyQueryFailed') });
      return;
    }
    matched = matchRemedies(records, server);
  }
  await forEachCall(work, async ({ request, records: rs }) => {
    const record = rs[0];
    if (!record) return;
    if (ctx.signal.aborted) return notStarted(rs, ctx);
    await sendRemedy(request.key, record, matched?.get(record), ctx);
    if (!unsent(rs, ctx)) ctx.events.onSettled?.('user_task_remedys', 1);
  });
}

/** Status updates or CoreHR decisions (one endpoint per call, so each keeps its own 50/s): one request per row. */
async function submitLifecycle(work: SubmitWork['requests'], ctx: SubmitContext): Promise<void> {
  // The state of every approval whose user and date the journal knows, read at once before any is moved.
  const where = new Map<string, Located>();
  for (const w of work) {
    const r = w.records[0];
    const l = r?.kind === 'approval_status' ? ctx.journal.locate?.(String(r.body.approval_id)) : undefined;
    if (l) where.set(l.approval_id, l);
  }
  const held = await tryStatuses([...where.values()], ctx.client);
  await forEachCall(work, async ({ request, records }) => {
    const record = records[0];
    if (!record) return;
    if (ctx.signal.aborted) return notStarted(records, ctx);
    const l = record.kind === 'approval_status' ? where.get(String(record.body.approval_id)) : undefined;
    await sendLifecycle(request.key, record, ctx, l ? { held: held?.get(l.approval_id), reread: rereader(l, ctx.client) } : {});
    if (!unsent(records, ctx)) ctx.events.onSettled?.(request.endpoint, 1);
  });
}
