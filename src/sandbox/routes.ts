// The endpoints the sandbox serves, under /open-apis, with their paths exactly as the API pages give them.
import { handleApprovalsQuery } from './endpoints/approvals-query.js';
import { handleCorehrDecision } from './endpoints/corehr.js';
import { handleProcess } from './endpoints/process.js';
import { handleRemedy } from './endpoints/remedies.js';
import { handleRemedysQuery } from './endpoints/remedys-query.js';
import { handleToken } from './endpoints/token.js';
import { handleUserApprovals } from './endpoints/user-approvals.js';
import type { ApiFamily } from './reply.js';
import type { RequestContext } from './state.js';
import type { SandboxEndpoint } from './types.js';

export interface Route {
  endpoint: SandboxEndpoint;
  method: 'POST' | 'PUT';
  pattern: RegExp;
  family: ApiFamily;
  /** false only for the token endpoint itself. */
  auth: boolean;
  /** Returns the whole 200 body; throws ApiError for anything else. */
  handle(ctx: RequestContext): unknown;
}

const ROUTES: Route[] = [
  { endpoint: 'token', method: 'POST', pattern: /^\/open-apis\/auth\/v3\/tenant_access_token\/internal\/?$/, family: 'token', auth: false, handle: handleToken },
  { endpoint: 'user_approvals', method: 'POST', pattern: /^\/open-apis\/attendance\/v1\/user_approvals$/, family: 'attendance', auth: true, handle: handleUserApprovals },
  { endpoint: 'user_approvals_query', method: 'POST', pattern: /^\/open-apis\/attendance\/v1\/user_approvals\/query$/, family: 'attendance', auth: true, handle: handleApprovalsQuery },
  { endpoint: 'user_task_remedys', method: 'POST', pattern: /^\/open-apis\/attendance\/v1\/user_task_remedys$/, family: 'attendance', auth: true, handle: handleRemedy },
  { endpoint: 'user_task_remedys_query', method: 'POST', pattern: /^\/open-apis\/attendance\/v1\/user_task_remedys\/query$/, family: 'attendance', auth: true, handle: handleRemedysQuery },
  { endpoint: 'approval_infos_process', method: 'POST', pattern: /^\/open-apis\/attendance\/v1\/approval_infos\/process$/, family: 'attendance', auth: true, handle: handleProcess },
  {
    endpoint: 'corehr_approvers',
    method: 'PUT',
    pattern: /^\/open-apis\/corehr\/v2\/processes\/(?<process_id>[^/]+)\/approvers\/(?<approver_id>[^/]+)$/,
    family: 'corehr',
    auth: true,
    handle: handleCorehrDecision,
  },
];

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function matchRoute(method: string, pathname: string): { route: Route; params: Record<string, string> } | undefined {
  for (const route of ROUTES) {
    const m = route.pattern.exec(pathname);
    if (m && route.method === method) {
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(m.groups ?? {})) params[k] = decodeSegment(v);
      return { route, params };
    }
  }
  return undefined;
}
