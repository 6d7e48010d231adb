// The public shapes of the embedded Feishu sandbox. Other parts of the project (tests, benchmarks,
// `apply --sandbox`) code against exactly these names, so change them only together with their users.
import type { Dialect, DialectName } from './dialects.js';

export type SandboxEndpoint =
  | 'token'
  | 'user_approvals'
  | 'user_task_remedys'
  | 'approval_infos_process'
  | 'user_approvals_query'
  | 'user_task_remedys_query'
  | 'corehr_approvers';

export const SANDBOX_ENDPOINTS: readonly SandboxEndpoint[] = [
  'token',
  'user_approvals',
  'user_task_remedys',
  'approval_infos_process',
  'user_approvals_query',
  'user_task_remedys_query',
  'corehr_approvers',
];

/** The approval kinds as `approval_infos/process` names them. */
export type RecordKind = 'leave' | 'overtime' | 'trip' | 'out' | 'remedy';
export type ApprovalItemKind = Exclude<RecordKind, 'remedy'>;

/**
 * Decides whether an approval item is refused by "the business rules" (an overlapping leave, a closed period…).
 * Return an error message to refuse it; the whole request then fails with 1225001.
 */
export type RejectApprovalPredicate = (
  kind: ApprovalItemKind,
  item: Record<string, unknown>,
  user_id: string,
  date: string,
) => string | undefined;

/** Return one of 1226501–1226504 to refuse a remedy (nothing is written). */
export type RejectRemedyPredicate = (body: Record<string, unknown>, user_id: string) => number | undefined;

export interface SandboxOptions {
  /** Default 0: any free port. The server always binds 127.0.0.1. */
  port?: number;
  /** Defaults 'cli_sandbox' / 'sandbox-secret'. */
  appId?: string;
  appSecret?: string;
  /** Added to every answer that passed the rate limiter, before the write: it models server time. */
  latencyMs?: number | { min: number; max: number };
  /** Per endpoint, default 50; 0 disables the limiter. */
  ratePerSecond?: number;
  /**
   * How it answers where the API pages are silent (dialects.ts): a name, or some questions' answers over the default.
   * Default: the dialect named by FEISHU_SANDBOX_DIALECT, else 'classic'.
   */
  dialect?: DialectName | Partial<Dialect>;
  /** Overrides the dialect's rate-limit status (body code 99991400 either way). */
  rateLimitStatus?: 429 | 400;
  /** Default 7200. */
  tokenTtlSeconds?: number;
  /**
   * Overrides the dialect's `repeatedId` (kept for callers older than dialects): 'error' → 'error';
   * 'return-existing' (the default when only the next option is given) → 'even-revoked', or 'first-live' when
   * `revokedKeepsIdempotentId` is false.
   */
  duplicateIdempotentId?: 'return-existing' | 'error';
  /** With the option above: whether a revoked (status 4) record still holds its idempotent_id (default true). */
  revokedKeepsIdempotentId?: boolean;
  /** If given, only these user_ids exist (others → 1220004). */
  users?: string[];
  rejectWhen?: RejectApprovalPredicate;
  rejectRemedyWhen?: RejectRemedyPredicate;
  /**
   * Keep the records and CoreHR tasks in this JSON file: loaded at start when it exists, saved on close (mode 0600).
   * Tokens, faults and statistics are not kept.
   */
  persistPath?: string;
  /** A decision on a CoreHR task the sandbox does not know creates it, pending, first (for `--sandbox` demos). */
  corehrTasksOnDemand?: boolean;
  /**
   * Milliseconds, monotonic; drives the rate-limit window and token expiry. Tests pass a hand-moved clock so that
   * "120 requests in the same second" holds however slow the machine is. Default: a monotonic wall clock.
   */
  clock?: () => number;
}

export type FaultAction = 'reset' | 'status500' | 'code1225000' | 'hang' | 'ratelimit';

export interface Fault {
  endpoint: SandboxEndpoint | '*';
  /** before: nothing is written; after: the write happens, then the answer fails (ambiguous for the client). */
  when: 'before' | 'after';
  action: FaultAction;
  /** How many matching requests it hits (default 1). */
  times?: number;
  /** Alternatively: hit each matching request with this probability (0..1), until cleared. */
  probability?: number;
}

export interface EndpointStats {
  /** Every request that reached this endpoint, whatever its answer. */
  requests: number;
  /** Requests that passed the rate limiter. */
  accepted: number;
  /** Requests the limiter refused (99991400); injected 'ratelimit' faults are counted in faultsHit instead. */
  rateLimited: number;
  /** The most accepted requests that arrived in any 1-second sliding window. */
  maxInAnyWindow: number;
  /**
   * When the first and the last accepted request arrived (the sandbox's clock, ms; 0 before any): a benchmark's rate
   * over the endpoint's busy span, without the run's startup, reading and read-backs around it.
   */
  firstAcceptedAt: number;
  lastAcceptedAt: number;
  /** Token endpoint only: new tokens minted (a reused token is not counted). */
  tokensIssued: number;
  /** Token endpoint only: token requests with valid credentials. */
  tokenRequests: number;
  faultsHit: number;
}

export type SandboxStats = Record<SandboxEndpoint, EndpointStats>;

export interface SandboxRecord {
  kind: RecordKind;
  approval_id: string;
  user_id: string;
  /** `user_approval.date`, or the remedy's `remedy_date`, as yyyyMMdd text. */
  date: string;
  /** 0 pending, 1 rejected, 2 approved, 3 cancelled, 4 revoked. */
  status: number;
  /** The item (or remedy body) as the client sent it. */
  content: Record<string, unknown>;
  idempotent_id?: string;
  employee_type: string;
}

export type CorehrStatus = 'pending' | 'approved' | 'rejected';

export interface CorehrTaskSeed {
  process_id: string;
  approver_id: string;
  /** The original approver; when set, a non-system decision must name this user. */
  user_id?: string;
  status?: CorehrStatus;
}

export interface CorehrTaskView {
  process_id: string;
  approver_id: string;
  user_id?: string;
  status: string;
  reason?: string;
  system_approval?: boolean;
  /** The form values sent with the decision, as received. */
  field_values_v2?: unknown[];
}

export interface Sandbox {
  url: string;
  /** What this instance answers where the pages are silent, after the options that override the dialect. */
  dialect: Dialect & { name: string };
  appId: string;
  appSecret: string;
  close(): Promise<void>;
  inject(fault: Fault): void;
  clearFaults(): void;
  /** Every issued token becomes invalid (→ 99991663 on use). */
  expireTokens(): void;
  stats(): SandboxStats;
  records(): SandboxRecord[];
  /** Groups of > 1 live records with identical content; the exactly-once tests assert this is empty. */
  duplicates(): SandboxRecord[][];
  seedCorehr(tasks: CorehrTaskSeed[]): void;
  corehrTasks(): CorehrTaskView[];
  /** Replace (or with undefined, remove) the business-rule refusal of approval items (1225001). */
  rejectWhen(pred: RejectApprovalPredicate | undefined): void;
  /** Replace (or with undefined, remove) the refusal of remedies (1226501–1226504). */
  rejectRemedyWhen(pred: RejectRemedyPredicate | undefined): void;
}
