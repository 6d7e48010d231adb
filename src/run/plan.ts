// plan: read → validate → normalize → group → reconcile against Feishu (or, without credentials, the journal alone)
// → the diff apply would make, with its requests and the time at the rate limit. Nothing is written anywhere.
import { createHash } from 'node:crypto';
import { readJournal } from '../journal/index.js';
import { buildPlan, RATE_PER_ENDPOINT, type Plan } from '../plan/plan.js';
import { canonicalJson } from '../plan/idempotency.js';
import { totals as countActions } from '../reconcile/index.js';
import type { Reconciliation, ServerView } from '../reconcile/types.js';
import type { EmployeeType, Endpoint, Kind, NormalizedRecord, PlannedRequest } from '../types.js';
import { runStateDir, sandboxStorePath } from './paths.js';
import { canConnect, connect, type Connection, type RunStats } from './connect.js';
import { reconcileRun, revokes, type ScopeOptions } from './reconciled.js';
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
}

export interface PlanResult {
  validation: ValidationResult;
  employeeType: EmployeeType;
  /** 'journal': no credentials, so what the journal says was written stands in for what Feishu holds. */
  source: ServerView['source'];
  /** The users and dates the plan answers for. */
  scope: { from: string; to: string; users: number };
  reconciliation: Reconciliation;
  totals: ReturnType<typeof countActions>;
  /** The requests apply would send for these actions (creates grouped per user and date, moves one each). */
  requests: Record<Endpoint, number>;
  /** Max over endpoints of requests ÷ 50 (endpoints run side by side). */
  secondsAtLimit: number;
  /** The create/replace requests, as sent (for --payloads). */
  payloads: PlannedRequest[];
  /** Read-back requests spent on making the plan. */
  readRequests: RunStats['requests'];
  /** Of the inputs and of the server view: a saved plan is only applied while both are unchanged. */
  fingerprint: { inputs: string; server: string; actions: string };
}

export async function plan(paths: string[], opts: PlanOptions = {}): Promise<PlanResult> {
  const validation = await validateInputs(paths, { keepRecords: true, ...(opts.kind ? { kind: opts.kind } : {}), ...(opts.employeeType ? { employeeType: opts.employeeType } : {}), ...(opts.events?.onNotice ? { onNotice: opts.events.onNotice } : {}) });
  const employeeType = opts.employeeType ?? validation.inputs.defaults.employee_type ?? 'employee_id';
  const dir = runStateDir(paths, opts);
  const state = await readJournal(dir);
  const stats: RunStats = { requests: {}, rateLimitWaits: 0, retries: 0 };
  const env = opts.env ?? process.env;
  let conn: Connection | undefined;
  try {
    if (canConnect({ ...opts, env })) conn = await connect({ ...opts, env, ...(opts.sandbox ? { sandboxStore: sandboxStorePath(dir) } : {}) }, stats);
    const { reconciliation, view, scope } = await reconcileRun(validation.records, state, conn?.client, employeeType, { ...validation.inputs.defaults.scope, ...opts.scope });
    const full = buildPlan(validation.records, { employeeType });
    const payloads = payloadsOf(full, reconciliation);
    const requests = requestsOf(payloads, reconciliation);
    return {
      validation,
      employeeType,
      source: view.source,
      scope: { from: scope.from, to: scope.to, users: scope.users.size },
      reconciliation,
      totals: countActions(reconciliation),
      requests,
      secondsAtLimit: Math.max(...Object.values(requests).map((n) => n / RATE_PER_ENDPOINT)),
      payloads,
      readRequests: stats.requests,
      fingerprint: fingerprints(validation.inputs.files, view, reconciliation),
    };
  } finally {
    await conn?.close();
  }
}

const sha = (v: unknown) => createHash('sha256').update(canonicalJson(v)).digest('hex');

/** What a saved plan is checked against: the inputs' rows, the server's records in scope, and the actions. */
export function fingerprints(files: readonly string[], view: ServerView, r: Reconciliation): PlanResult['fingerprint'] {
  const rows = r.rows.map((a) => [a.type, a.record.kind, a.record.hash, a.record.ref.file, a.record.ref.sheet, a.record.ref.row]);
  const held = view.records.map((h) => [h.approval_id, h.status, h.idempotent_id ?? '', h.user_id, h.date]).sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
  const records = r.records.map((a) => [a.type, a.held.approval_id]);
  return { inputs: sha({ files: [...files], rows: rows.map((x) => x.slice(1)) }), server: sha(held), actions: sha({ rows, records }) };
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
