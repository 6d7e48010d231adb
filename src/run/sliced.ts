// apply's reconcile → submit → (prune) → verify, a slice of users at a time (src/run/slices.ts): memory holds the
// slice being sent, the next one (its server view read meanwhile, on the query endpoints' own limits) and the one
// before (being read back), whatever the size of the month. The write endpoints' limiters never wait on a read.
import { ConfigError } from '../errors.js';
import { buildPlan } from '../plan/plan.js';
import { located } from '../readback/status.js';
import { totals as countActions } from '../reconcile/index.js';
import { confirmWrites, type ConfirmCounts } from '../confirm/index.js';
import type { SubmitContext } from '../submit/context.js';
import { submit } from '../submit/index.js';
import type { Outcomes } from '../submit/outcomes.js';
import type { EmployeeType, Endpoint, NormalizedRecord } from '../types.js';
import type { Connection } from './connect.js';
import { decide } from './decide.js';
import type { RunEvents } from './events.js';
import type { RunJournal } from './journal.js';
import type { JournalQueries } from '../journal/index.js';
import { addCounts, noActions, type ActionCounts } from './counts.js';
import { Fingerprint } from './fingerprint.js';
import { prune, type PrunedRecord } from './prune.js';
import { guardPrune, pruneCounts, reconcileRun, revokes, type Reconciled, type ScopeOptions } from './reconciled.js';
import type { RecordSlices, Slice } from './slices.js';
import { said, type MessageRef } from '../messages/said.js';

export interface SlicedRunOptions {
  slices: RecordSlices;
  journal: RunJournal;
  connection: Connection;
  outcomes: Outcomes;
  employeeType: EmployeeType;
  scope: ScopeOptions;
  signal: AbortSignal;
  events: RunEvents;
  opts: { replace?: boolean; prune?: boolean; maxPrune?: number | string; verify?: boolean };
}

type Prepared = { slice: Slice; reconciled: Reconciled } | { slice: Slice; failed: MessageRef } | { slice: Slice; stopped: true };

export class SlicedRun {
  private readonly reconciled = noActions();
  private readonly pruned: PrunedRecord[] = [];
  private verified: ConfirmCounts | undefined;
  private readonly totals: Partial<Record<Endpoint, number>> = {};
  private readonly done: Partial<Record<Endpoint, number>> = {};
  /** A run of one slice reconciles once: the check's answer is the one acted on, as before slices. */
  private kept: Reconciled | undefined;
  private readonly ctx: Omit<SubmitContext, 'journal'>;
  /** Slices in the run, and slices planned so far (for onPlanned's `more`). */
  private readonly slices: number;
  private planned = 0;

  constructor(private readonly o: SlicedRunOptions) {
    const { employeeType, events } = o;
    this.slices = o.slices.sliceCount();
    this.ctx = {
      client: o.connection.client,
      outcomes: o.outcomes,
      employeeType,
      signal: o.signal,
      events: {
        onSettled: (endpoint) => {
          this.done[endpoint] = (this.done[endpoint] ?? 0) + 1;
          events.onProgress?.(endpoint, this.done[endpoint] ?? 0, this.totals[endpoint] ?? 0);
        },
        ...(events.onNotice ? { onNotice: events.onNotice } : {}),
      },
    };
  }

  /**
   * Before anything is sent, the whole run's figures: the saved plan's fingerprint and the prune guard. Each slice's
   * view is read again when its turn comes (reads cost little next to writes), so only the figures are kept.
   */
  async check(savedPlan?: (f: Fingerprint) => void): Promise<void> {
    const f = new Fingerprint();
    const counts = { revokes: 0, managedInScope: 0 };
    let n = 0;
    for (const slice of this.o.slices.slices()) {
      const r = await this.reconcile(slice);
      f.add(r.view, r.reconciliation);
      addCounts(counts, pruneCounts(r.reconciliation));
      this.kept = n++ === 0 ? r : undefined;
    }
    savedPlan?.(f);
    if (this.o.opts.prune) guardPrune(counts, this.o.opts.maxPrune);
  }

  async run(): Promise<void> {
    const it = this.o.slices.slices();
    let sent = false;
    let next = this.prepare(it);
    let confirming: Promise<void> = Promise.resolve();
    try {
      for (;;) {
        const cur = await next;
        if (!cur) break;
        // The next slice's server view is read while this one is sent.
        next = this.prepare(it);
        next.catch(() => {});
        if ('stopped' in cur) this.mark(cur.slice.records, 'skipped', said('submit.interrupted'));
        else if ('failed' in cur) {
          // Nothing sent yet: the run stops as before slices (exit 2). Later, the slice is left unsent and said so.
          if (!sent) throw new ConfigError(cur.failed);
          this.mark(cur.slice.records, 'failed', { message: cur.failed });
        } else {
          sent = true;
          await this.send(cur.slice, cur.reconciled);
        }
        await confirming;
        confirming = this.settle(cur.slice, 'reconciled' in cur ? (cur.reconciled.known ?? this.o.journal.state) : undefined);
        confirming.catch(() => {});
      }
    } finally {
      await confirming.catch(() => {});
    }
    await confirming;
    // Slices stopped or left unsent plan nothing: the totals are final now.
    if (this.planned && this.planned < this.slices) this.o.events.onPlanned?.({ ...this.totals }, false);
  }

  result(): { reconciled: ActionCounts; pruned?: PrunedRecord[]; verified?: ConfirmCounts } {
    return { reconciled: this.reconciled, ...(this.o.opts.prune ? { pruned: this.pruned } : {}), ...(this.verified ? { verified: this.verified } : {}) };
  }

  /** Submit's view of a slice: the journal to write to, and where the approvals its status rows name were written. */
  private ctxFor(known: JournalQueries | undefined): SubmitContext {
    const { journal, employeeType } = this.o;
    return { ...this.ctx, journal: { ...journal.submit, process: journal.process, locate: (id) => located(known?.locate(id), employeeType) } };
  }

  private reconcile(slice: Slice): Promise<Reconciled> {
    const { journal, connection, employeeType, scope } = this.o;
    return reconcileRun(slice.records, journal.state, connection.client, employeeType, scope, this.o.slices.sliceOf(slice));
  }

  private async prepare(it: Iterator<Slice>): Promise<Prepared | undefined> {
    const n = it.next();
    if (n.done) return undefined;
    const slice = n.value;
    if (this.o.signal.aborted) return { slice, stopped: true };
    if (this.kept) {
      const reconciled = this.kept;
      this.kept = undefined;
      return { slice, reconciled };
    }
    try {
      return { slice, reconciled: await this.reconcile(slice) };
    } catch (e) {
      if (e instanceof ConfigError && e.said) return { slice, failed: e.said };
      throw e;
    }
  }

  private async send(slice: Slice, { reconciliation, facts, known }: Reconciled): Promise<void> {
    const { journal, connection, outcomes, employeeType, events, signal, opts } = this.o;
    addCounts(this.reconciled, countActions(reconciliation));
    const plan = buildPlan(slice.records, { employeeType });
    const ctx = this.ctxFor(known);
    const work = await decide(plan, journal, outcomes, connection, { ...(opts.replace ? { replace: true } : {}), employeeType, reconciliation, facts, known: known ?? journal.state });
    for (const w of work.requests) if (w.records.length) this.totals[w.request.endpoint] = (this.totals[w.request.endpoint] ?? 0) + 1;
    // Called again for each slice, with the run's totals so far.
    this.planned++;
    events.onPlanned?.({ ...this.totals }, this.planned < this.slices);
    await submit(work, ctx);
    if (opts.prune && !signal.aborted) this.pruned.push(...(await prune(revokes(reconciliation), journal, connection.client, signal, employeeType)));
  }

  /**
   * Read back what the slice wrote (unless told not to, or stopped), then its outcomes leave the heap. `sent`: the
   * journal as the slice saw it when it was sent; undefined when it was not.
   */
  private async settle(slice: Slice, sent: JournalQueries | undefined): Promise<void> {
    if (sent && this.o.opts.verify !== false && !this.o.signal.aborted) addCounts((this.verified ??= { confirmed: 0, rewritten: 0, unconfirmed: 0 }), await confirmWrites(slice.records, this.ctxFor(sent)));
    this.o.outcomes.release(slice.records.map((r) => r.ref));
  }

  private mark(records: readonly NormalizedRecord[], status: 'skipped' | 'failed', extra: { message: MessageRef }): void {
    for (const r of records) this.o.outcomes.set(r, status, extra);
  }
}
