// The request plan: valid records → the fewest requests that carry them all. Pure: no I/O, no clock, no randomness,
// so the same records in any order give the same plan, byte for byte.
import { APPROVAL_KEYS, KINDS, isLifecycleKind, type ApprovalKind, type EmployeeType, type Endpoint, type Kind, type NormalizedRecord, type PlannedRequest } from '../types.js';
import { canonicalJson, sha256Hex32 } from './idempotency.js';
import { lifecycleRequests } from './lifecycle.js';

/** Each Feishu endpoint allows this many requests per second, each on its own (NOTES.md). */
export const RATE_PER_ENDPOINT = 50;

const ENDPOINTS: readonly Endpoint[] = ['user_approvals', 'user_task_remedys', 'approval_infos_process', 'corehr_approvers'];
const PATHS = {
  user_approvals: '/open-apis/attendance/v1/user_approvals',
  user_task_remedys: '/open-apis/attendance/v1/user_task_remedys',
} as const;

export interface PlanSummary {
  requests: Record<Endpoint, number>;
  records: Record<Kind, number>;
  /** Seconds the plan takes at the limit, endpoints running in parallel: max over endpoints of requests / 50. */
  secondsAtLimit: number;
}

export interface Plan {
  requests: PlannedRequest[];
  summary: PlanSummary;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A record's place inside its request: by start time, then content, so input order never shows. */
const itemKey = (r: NormalizedRecord) => `${String(r.body.start_time ?? r.body.remedy_time ?? '')}\0${r.hash}`;

/**
 * The request's stable key: hash of endpoint, query and canonical body. The query is included because the same body
 * under another employee_type addresses other people.
 */
export const requestKey = (endpoint: Endpoint, query: Record<string, string>, body: unknown): string =>
  sha256Hex32(canonicalJson({ endpoint, query, body }));

function request(endpoint: 'user_approvals' | 'user_task_remedys', query: Record<string, string>, body: unknown, records: NormalizedRecord[]): PlannedRequest {
  return { key: requestKey(endpoint, query, body), endpoint, method: 'POST', path: PATHS[endpoint], query, body, records };
}

/**
 * The `user_approvals` body for records of one user and date, in the order given (kinds in APPROVAL_KEYS order).
 * Submit rebuilds bodies with it when some records of a group are already settled, so both agree byte for byte.
 */
export function approvalBody(user_id: string, date: string, records: readonly NormalizedRecord[]): { user_approval: Record<string, unknown> } {
  const user_approval: Record<string, unknown> = { user_id, date };
  for (const kind of Object.keys(APPROVAL_KEYS) as ApprovalKind[]) {
    const items = records.filter((r) => r.kind === kind).map((r) => r.body);
    if (items.length) user_approval[APPROVAL_KEYS[kind]] = items;
  }
  return { user_approval };
}

/**
 * One `user_approvals` request per distinct (user_id, date), carrying every leave, overtime, trip and out record of
 * that user and day whatever sheet or file it came from; one `user_task_remedys` request per remedy. Requests are
 * ordered by user, then date (remedies after approvals); status updates and CoreHR decisions come last, one each.
 */
export function buildPlan(records: readonly NormalizedRecord[], opts: { employeeType: EmployeeType }): Plan {
  const query = { employee_type: opts.employeeType };
  const groups = new Map<string, NormalizedRecord[]>();
  const remedies: NormalizedRecord[] = [];
  const lifecycle: NormalizedRecord[] = [];
  for (const r of records) {
    if (r.kind === 'remedies') remedies.push(r);
    else if (isLifecycleKind(r.kind)) lifecycle.push(r);
    else {
      // JSON keeps the pair unambiguous whatever characters a user id holds.
      const key = JSON.stringify([r.user_id, r.date]);
      const group = groups.get(key);
      if (group) group.push(r);
      else groups.set(key, [r]);
    }
  }

  const requests: PlannedRequest[] = [];
  const byUserDate = (a: NormalizedRecord, b: NormalizedRecord) => cmp(a.user_id, b.user_id) || cmp(a.date, b.date);
  const sortedGroups = [...groups.values()].sort((a, b) => byUserDate(a[0]!, b[0]!));
  for (const group of sortedGroups) {
    const first = group[0]!;
    const carried = (Object.keys(APPROVAL_KEYS) as ApprovalKind[]).flatMap((kind) => group.filter((r) => r.kind === kind).sort((a, b) => cmp(itemKey(a), itemKey(b))));
    requests.push(request('user_approvals', query, approvalBody(first.user_id, first.date, carried), carried));
  }
  remedies.sort((a, b) => byUserDate(a, b) || cmp(itemKey(a), itemKey(b)));
  for (const r of remedies) requests.push(request('user_task_remedys', query, r.body, [r]));
  requests.push(...lifecycleRequests(lifecycle));

  return { requests, summary: summarize(requests, records) };
}

function summarize(requests: readonly PlannedRequest[], records: readonly NormalizedRecord[]): PlanSummary {
  const perEndpoint = Object.fromEntries(ENDPOINTS.map((e) => [e, 0])) as Record<Endpoint, number>;
  for (const r of requests) perEndpoint[r.endpoint]++;
  const perKind = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  for (const r of records) perKind[r.kind]++;
  const secondsAtLimit = Math.max(...ENDPOINTS.map((e) => perEndpoint[e] / RATE_PER_ENDPOINT));
  return { requests: perEndpoint, records: perKind, secondsAtLimit };
}
