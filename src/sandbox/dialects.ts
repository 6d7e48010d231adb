// Where the API pages are silent (NOTES.md "Still unknown"), the sandbox can answer each plausible way. A dialect
// picks one answer per open question, per sandbox instance, so that a client is tested against all of them and
// cannot come to depend on the one answer its own authors happened to pick.
import { ConfigError } from '../errors.js';
import { ref } from '../messages/said.js';

export interface Dialect {
  /** A repeated idempotent_id (same employee_type, user, kind). 'first-live': success answering the earlier record while it is live; once it is revoked (4) the id is free and a repeat writes a new record. 'error': refused, HTTP 400, code 1220600 with a message that does NOT contain the word "idempotent" (e.g. "重复请求 duplicate request"). 'even-revoked': success answering the earlier record even when it is revoked (what today's default does). */
  repeatedId: 'first-live' | 'error' | 'even-revoked';
  /** approval_infos/process refusing a move the state does not allow. 'status-in-message': 1220001 with today's wording "approval status transition not allowed: current status N, requested M". 'other-code': 1220600 with "only approved approvals can be revoked" (revoke of a non-approved) / "only pending approvals can be approved or rejected" (approve/reject of a non-pending). 'no-status': 1220001 "approval status cannot be changed" (names no status). */
  refusal: 'status-in-message' | 'other-code' | 'no-status';
  /** 1225001 per-record errors: 'msg': JSON text in msg (today); 'data': msg is generic text ("param is invalid") and the four keys are an object in `data`, each value an array of the refused items with error_msg; 'opaque': msg "param is invalid: business check failed" and no per-record detail at all. Nothing of the request is written in any case (today's rule). */
  partialFailure: 'msg' | 'data' | 'opaque';
  /** Over the rate limit: 429 or 400 (body code 99991400 either way); with or without the x-ogw-ratelimit-reset header (x-ogw-ratelimit-limit always). */
  rateLimit: { status: 429 | 400; resetHeader: boolean };
  /** user_task_remedys/query window: undefined = any window; a number = at most that many days between check_time_from and check_time_to, longer windows refused with 1220001. */
  remedyQueryMaxDays: number | undefined;
  /** tenant_access_token: 'reuse' = same token until 30 minutes before expiry (today); 'fresh' = a new token on every token request (older ones stay valid until their own expiry). */
  token: 'reuse' | 'fresh';
}

export type DialectName = 'classic' | 'strict' | 'terse' | 'mixed';

/** Together they use every alternative of every question at least once. */
export const DIALECTS: Record<DialectName, Dialect> = {
  classic: {
    repeatedId: 'even-revoked',
    refusal: 'status-in-message',
    partialFailure: 'msg',
    rateLimit: { status: 429, resetHeader: true },
    remedyQueryMaxDays: undefined,
    token: 'reuse',
  },
  strict: {
    repeatedId: 'error',
    refusal: 'other-code',
    partialFailure: 'data',
    rateLimit: { status: 400, resetHeader: true },
    remedyQueryMaxDays: 30,
    token: 'fresh',
  },
  terse: {
    repeatedId: 'first-live',
    refusal: 'no-status',
    partialFailure: 'opaque',
    rateLimit: { status: 429, resetHeader: false },
    remedyQueryMaxDays: 30,
    token: 'reuse',
  },
  mixed: {
    repeatedId: 'even-revoked',
    refusal: 'other-code',
    partialFailure: 'msg',
    rateLimit: { status: 400, resetHeader: false },
    remedyQueryMaxDays: undefined,
    token: 'fresh',
  },
};

export const SANDBOX_DIALECTS: readonly DialectName[] = ['classic', 'strict', 'terse', 'mixed'];

/** The test matrix sets it so that every sandbox a test starts without a `dialect` option speaks the one under test. */
export const DIALECT_ENV = 'FEISHU_SANDBOX_DIALECT';

function named(name: string): Dialect & { name: string } {
  if (!(SANDBOX_DIALECTS as readonly string[]).includes(name)) {
    throw new ConfigError(ref('cli.sandboxDialectUnknown', { name, known: SANDBOX_DIALECTS.join(', ') }));
  }
  const d = DIALECTS[name as DialectName];
  return { ...d, rateLimit: { ...d.rateLimit }, name };
}

/**
 * Resolves a name (or undefined → process.env[DIALECT_ENV] → 'classic'); an unknown name throws an Error naming the known ones.
 * A partial dialect overrides those questions of the default one (the env var's, else classic); its name then says which it changed.
 */
export function resolveDialect(d?: DialectName | string | Partial<Dialect>): Dialect & { name: string } {
  if (typeof d === 'string') return named(d);
  const fromEnv = process.env[DIALECT_ENV];
  const base = named(fromEnv === undefined || fromEnv === '' ? 'classic' : fromEnv);
  if (d === undefined) return base;
  // 'remedyQueryMaxDays: undefined' is a real choice ("any window"), unlike the other keys left undefined.
  const changed = (Object.keys(base) as Array<keyof Dialect | 'name'>)
    .filter((k): k is keyof Dialect => k !== 'name' && k in d)
    .filter((k) => d[k] !== undefined || k === 'remedyQueryMaxDays');
  const merged: Dialect & { name: string } = { ...base };
  for (const k of changed) Object.assign(merged, { [k]: k === 'rateLimit' ? { ...d.rateLimit } : d[k] });
  merged.name = changed.length === 0 ? base.name : `${base.name}+${changed.join('+')}`;
  return merged;
}
