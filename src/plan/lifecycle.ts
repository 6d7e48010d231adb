// The requests of the lifecycle kinds: one per row, since neither API takes a batch. approval_status rows go to
// approval_infos/process as they are; a CoreHR decision's record carries its path and query values with its body.
import type { LifecycleKind, NormalizedRecord, PlannedRequest } from '../types.js';
import { canonicalJson, sha256Hex32 } from './idempotency.js';

export const PROCESS_PATH = '/open-apis/attendance/v1/approval_infos/process';

export interface Call {
  endpoint: 'approval_infos_process' | 'corehr_approvers';
  method: 'POST' | 'PUT';
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown>;
}

/** The HTTP call one lifecycle record makes. */
export function lifecycleCall(record: NormalizedRecord): Call {
  if (record.kind === 'approval_status') {
    return { endpoint: 'approval_infos_process', method: 'POST', path: PROCESS_PATH, query: {}, body: record.body };
  }
  const { process_id, approver_id, user_id_type, ...body } = record.body;
  const path = `/open-apis/corehr/v2/processes/${encodeURIComponent(String(process_id))}/approvers/${encodeURIComponent(String(approver_id))}`;
  return { endpoint: 'corehr_approvers', method: 'PUT', path, query: { user_id_type: String(user_id_type ?? 'open_id') }, body };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One request per record, status updates first, each kind ordered by what it acts on, so input order never shows. */
export function lifecycleRequests(records: readonly NormalizedRecord[]): PlannedRequest[] {
  const order: LifecycleKind[] = ['approval_status', 'corehr_approvals'];
  const sorted = [...records].sort((a, b) => order.indexOf(a.kind as LifecycleKind) - order.indexOf(b.kind as LifecycleKind) || cmp(a.identity, b.identity) || cmp(a.hash, b.hash));
  return sorted.map((r) => {
    const call = lifecycleCall(r);
    // The path is part of the key: two decisions with equal bodies on different tasks are different requests.
    const key = sha256Hex32(canonicalJson({ endpoint: call.endpoint, path: call.path, query: call.query, body: call.body }));
    return { key, ...call, records: [r] };
  });
}
