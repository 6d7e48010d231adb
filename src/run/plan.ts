// plan: read → validate → normalize → group → reconcile against Feishu (or, without credentials, the journal alone)
// → the diff apply would make, with its requests and the time at the rate limit. Nothing is written anywhere. Like
// apply, it goes a slice of users at a time (src/run/slices.ts); the caller may take each slice's actions as they come.
import { readJournal, splitAbove } from '../journal/index.js';
import { buildPlan, RATE_PER_ENDPOINT, type Plan } from '../plan/plan.js';
import type { RecordAction, RowAction } from '../reconcile/types.js';
import { totals as countActions } from '../reconcile/index.js';
import type { Reconciliation, ServerView } from '../reconcile/types.js';
import type { EmployeeType, Endpoint, Kind, NormalizedRecord, PlannedRequest } from '../types.js';
import { runStateDir, sandboxStorePath } from './paths.js';
import { canConnect, connect, type Connection, type RunStats } from './connect.js';
import { reconcileRun, revokes, type ScopeOptions } from './reconciled.js';
import { RecordSlices, sliceSize } from './slices.js';
import { addCounts, noActions } from './counts.js';
import { Fingerprint, type Fingerprints } from './fingerprint.js';
import { validateInputs, type ValidationResult } from './validate.js';
import type { RunEvents } from './events.js';

export interface PlanOptions {
  kind?: Kind;
  employeeType?: EmployeeType;
  /** State folder (journal). Default as for apply. */
  state?: string;
  /** Plan against the embedded sandbox that `apply --sandbox` keeps in the state folder. */
  sandbox?: boolean;
  baseUrl?: string;
  /** Credentials come from here (FEISHU_APP_ID, FEISHU_APP_SECRET): without them the plan is against the journal alone. */
  env?: NodeJS.ProcessEnv;
  scope?: ScopeOptions;
  events?: Pick<RunEvents, 'onNotice'>;
  /** Records per slice of users, as for apply (default 20,000, or FEISHU_IMPORT_SLICE_RECORDS). */
  sliceRecords?: number;
  /**
   * Takes each slice's actions and the requests apply would send for them, as the plan is made: a big month is planned
   * a slice of users at a time, and then nothing of it stays in memory (the result's `reconciliation` has no rows or
   * records and `payloads` is empty). Without it, the result holds them all.
   */
  onSlice?(slice: PlanSlice): void | Promise<void>;
}

export interface PlanSlice {
  rows: RowAction[];
  records: RecordAction[];
  /** The create/replace requests of the slice, as sent. */
  payloads: PlannedRequest[];
}

export interface PlanResult {
  /** The validation's counts and problems; its `records` are not kept (see `records`). */
  validation: ValidationResult;
  /** Valid records per kind. */
  records: Partial<Record<Kind, number>>;
  employeeType: EmployeeType;
  /** 'journal': no credentials, so what the journal says was written stands in for what Feishu holds. */
  source: ServerView['source'];
  /** The users and dates the plan answers for. */
  scope: { from: string; to: string; users: number };
  /** Every action (with onSlice: only the counts, the actions went to it). */
  reconciliation: Reconciliation;
  totals: ReturnType<typeof countActions>;
  /** The requests apply would send for these actions (creates grouped per user and date, moves one each). */
  requests: Record<Endpoint, number>;
  /** Max over endpoints of requests ÷ 50 (endpoints run side by side). */
  secondsAtLimit: number;
  /** The create/replace requests, as sent (for --payloads; with onSlice: empty, they went to it). */
  payloads: PlannedRequest[];
  /** Read-back requests spent on making the plan. */
  readRequests: RunStats['requests'];
  /** Of the inputs and of the server view: a saved plan is only applied while both are unchanged. */
  fingerprint: Fingerprints;
}

export async function plan(paths: string[], opts: PlanOptions = {}): Promise<PlanResult> {
  const slices = new RecordSlices(sliceSize(opts));
  try {
    const validation = await validateInputs(paths, { threads: false, onValid: (r) => slices.add(r), ...(opts.kind ? { kind: opts.kind } : {}), ...(opts.employeeType ? { employeeType: opts.employeeType } : {}), ...(opts.events?.onNotice ? { onNotice: opts.events.onNotice } : {}) });
    const employeeType = opts.employeeType ?? validation.inputs.defaults.employee_type ?? 'employee_id';
    const dir = runStateDir(paths, opts);
    const state = await readJournal(dir, { splitAbove: splitAbove(opts.env) });
    const stats: RunStats = { requests: {}, rateLimitWaits: 0, retries: 0 };
    const env = opts.env ?? process.env;
    let conn: Connection | undefined;
    try {
      if (canConnect({ ...opts, env })) conn = await connect({ ...opts, env, ...(opts.sandbox ? { sandboxStore: sandboxStorePath(dir) } : {}) }, stats);
      const all: Reconciliation = { rows: [], records: [], managedInScope: 0, source: conn ? 'server' : 'journal' };
      const payloads: PlannedRequest[] = [];
      const totals = noActions();
      const requests: Record<Endpoint, number> = { user_approvals: 0, user_task_remedys: 0, approval_infos_process: 0, corehr_approvers: 0 };
      const fingerprint = new Fingerprint();
      const scope = { from: '', to: '', users: 0 };
      for (const slice of slices.slices()) {
        const r = await reconcileRun(slice.records, state, conn?.client, employeeType, { ...validation.inputs.defaults.scope, ...opts.scope }, slices.sliceOf(slice));
        const { reconciliation } = r;
        const sent = payloadsOf(buildPlan(slice.records, { employeeType }), reconciliation);
        addCounts(requests, requestsOf(sent, reconciliation));
        addCounts(totals, countActions(reconciliation));
        fingerprint.add(r.view, reconciliation);
        Object.assign(scope, { from: r.scope.from, to: r.scope.to, users: scope.users + r.scope.users.size });
        all.source = r.view.source;
        all.managedInScope += reconciliation.managedInScope;
        if (opts.onSlice) await opts.onSlice({ rows: reconciliation.rows, records: reconciliation.records, payloads: sent });
        else {
          for (const a of reconciliation.rows) all.rows.push(a);
          for (const a of reconciliation.records) all.records.push(a);
          for (const p of sent) payloads.push(p);
        }
      }
      return {
        validation,
        records: { ...slices.kinds },
        employeeType,
        source: all.source,
        scope,
        reconciliation: all,
        totals,
        requests,
        secondsAtLimit: Math.max(...Object.values(requests).map((n) => n / RATE_PER_ENDPOINT)),
        payloads,
        readRequests: stats.requests,
        fingerprint: fingerprint.result(validation.inputs.files),
      };
    } finally {
      state.dispose();
      await conn?.close();
    }
  } finally {
    slices.close();
  }
}

/** The create and replace rows' requests: the plan's requests with only those records (bodies rebuilt as submit does). */
function payloadsOf(full: Plan, r: Reconciliation): PlannedRequest[] {
  const sent = new Set<NormalizedRecord>(r.rows.filter((a) => a.type === 'create' || a.type === 'replace' || a.type === 'send').map((a) => a.record));
  return full.requests.flatMap((req) => {
    const records = req.records.filter((x) => sent.has(x));
    return records.length ? [{ ...req, records }] : [];
  });
}

function requestsOf(payloads: readonly PlannedRequest[], r: Reconciliation): Record<Endpoint, number> {
  const n: Record<Endpoint, number> = { user_approvals: 0, user_task_remedys: 0, approval_infos_process: 0, corehr_approvers: 0 };
  for (const p of payloads) n[p.endpoint]++;
  for (const a of r.rows) {
    // A replace withdraws the earlier record first; a remedy created or still pending moves to the state its row asks for.
    if (a.type === 'replace') n.approval_infos_process++;
    const wanted = a.record.status;
    if (a.record.kind === 'remedies' && wanted && wanted !== 'pending') {
      if (a.type !== 'keep' || a.held.status === 0) n.approval_infos_process++;
    }
  }
  n.approval_infos_process += revokes(r).length;
  return n;
}
