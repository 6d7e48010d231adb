// The reconcile stage run against real views: the journal's facts, and what Feishu holds in the run's scope (or,
// without credentials, what the journal says it holds). Shared by plan, which draws the answer, and apply, which
// executes it, so that what plan shows is what apply does.
import { ConfigError } from '../errors.js';
import type { Caller } from '../feishu/types.js';
import type { JournalQueries, JournalView, SliceSelect } from '../journal/index.js';
import { ALL_PARTS, type PartRange } from '../journal/part-files.js';
import { ReadBackError } from '../readback/errors.js';
import { readServerView } from '../readback/view.js';
import { reconcile, scopeOf } from '../reconcile/index.js';
import type { JournalFacts, Reconciliation, RecordAction, Scope, ServerView } from '../reconcile/types.js';
import { isLifecycleKind, type EmployeeType, type NormalizedRecord } from '../types.js';
import { journalFacts, journalServerView } from './views.js';
import { ref } from '../messages/said.js';

/** `scope:` of a manifest, or the equivalent options: the dates and users a run answers for. */
export interface ScopeOptions {
  from?: string;
  to?: string;
  /** 'inputs' (default): the users of the input rows; 'all': also every user the journal knows. */
  users?: 'inputs' | 'all';
}

export interface Reconciled {
  /** The journal as this slice sees it: what decide and submit ask about its records. */
  known: JournalQueries | undefined;
  scope: Scope;
  facts: JournalFacts;
  view: ServerView;
  reconciliation: Reconciliation;
}

/**
 * A run worked a slice of users at a time (src/run/slices.ts) reconciles each slice against its users only; the
 * dates and what to read are the whole run's, so that every slice is reconciled as it would be in one piece.
 */
export interface SliceOf {
  has(user_id: string): boolean;
  parts: PartRange;
  from: string;
  to: string;
  want: { approvals: boolean; remedies: boolean };
}

export async function reconcileRun(records: readonly NormalizedRecord[], journal: JournalView | undefined, client: Caller | undefined, employeeType: EmployeeType, scopeOpts: ScopeOptions = {}, slice?: SliceOf): Promise<Reconciled> {
  const state = journal ? await journal.forSlice(selectOf(records, scopeOpts, slice)) : undefined;
  const facts: JournalFacts = state ? journalFacts(state) : { wrote: () => false, withdrawnTimes: () => 0 };
  const known = scopeOpts.users === 'all' && state ? state.standing().map((s) => s.where.user_id).filter((u) => !slice || slice.has(u)) : [];
  const from = scopeOpts.from ?? slice?.from;
  const to = scopeOpts.to ?? slice?.to;
  const scope = scopeOf(records, { ...(from ? { from } : {}), ...(to ? { to } : {}), users: known });
  const creating = records.filter((r) => !isLifecycleKind(r.kind));
  const want = slice?.want ?? { approvals: creating.some((r) => r.kind !== 'remedies'), remedies: creating.some((r) => r.kind === 'remedies') };
  let view: ServerView;
  if (!client) view = state ? journalServerView(state, slice) : { records: [], source: 'journal' };
  else {
    try {
      view = await readServerView(scope, { approvals: want.approvals || scopeOpts.users === 'all', remedies: want.remedies || scopeOpts.users === 'all' }, client, employeeType);
    } catch (e) {
      // Nothing has been sent yet: without knowing what Feishu holds, sending could duplicate remedies.
      if (e instanceof ReadBackError) throw new ConfigError(ref('verify.queryFailed', { endpoint: e.endpoint, message: e.said }));
      throw e;
    }
  }
  return { known: state, scope, facts, view, reconciliation: reconcile(records, facts, view, scope) };
}

/**
 * What of a big journal a slice needs: its own parts, only its users' lines unless the scope is every user the
 * journal knows, and where the approvals its status rows name were written.
 */
function selectOf(records: readonly NormalizedRecord[], scopeOpts: ScopeOptions, slice: SliceOf | undefined): SliceSelect {
  const approvals = new Set<string>();
  const users = new Set<string>();
  for (const r of records) {
    if (r.kind === 'approval_status') approvals.add(String(r.body.approval_id));
    else if (!isLifecycleKind(r.kind)) users.add(r.user_id);
  }
  return { parts: slice?.parts ?? ALL_PARTS, ...(scopeOpts.users === 'all' ? {} : { users }), approvals };
}

export type Revoke = Extract<RecordAction, { type: 'revoke' }>;
export const revokes = (r: Reconciliation): Revoke[] => r.records.filter((a): a is Revoke => a.type === 'revoke');

/** --max-prune: a count, or a percentage of the managed records in scope ("10%", the default). */
export function pruneLimit(managedInScope: number, max: number | string | undefined): number {
  const spec = max ?? '10%';
  if (typeof spec === 'number') return spec;
  const m = /^(\d+(?:\.\d+)?)%$/.exec(spec);
  if (m) return Math.max(1, Math.floor((managedInScope * Number(m[1])) / 100));
  const n = Number(spec);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(ref('apply.maxPruneBad', { value: spec }));
  return n;
}

/** What the prune guard weighs, summed over a run's slices of users. */
export interface PruneCounts {
  revokes: number;
  managedInScope: number;
}

export const pruneCounts = (r: Reconciliation): PruneCounts => ({ revokes: revokes(r).length, managedInScope: r.managedInScope });

/** The guard against the wrong file: more revokes than the limit stops the run before anything is sent. */
export function guardPrune(c: PruneCounts, max: number | string | undefined): void {
  const limit = pruneLimit(c.managedInScope, max);
  if (c.revokes > limit) throw new ConfigError(ref('apply.pruneGuard', { count: c.revokes, total: c.managedInScope, limit }));
}
