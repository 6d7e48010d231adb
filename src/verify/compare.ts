// Rows against what the server holds: present, missing, or different (same identity, other content).
import { ref, type MessageRef } from '../messages/said.js';
import { identityOf } from '../normalize/record.js';
import { canonicalJson } from '../plan/idempotency.js';
import type { ServerRemedy } from '../readback/remedies.js';
import { fieldChanges } from '../reconcile/diff.js';
import { matchRemedies } from '../submit/remedies.js';
import type { NormalizedRecord, Problem } from '../types.js';
import type { ServerApproval } from './query.js';

/** `unchecked`: status updates and CoreHR decisions, which have no read-back endpoint. */
export type VerifyStatus = 'present' | 'missing' | 'different' | 'invalid' | 'unchecked';

export interface Verdict {
  status: VerifyStatus;
  approval_id?: string;
  message?: MessageRef;
  /** `invalid`: what is wrong with the row. */
  problems?: Problem[];
}

type Obj = Record<string, unknown>;
const show = (v: unknown) => (typeof v === 'string' ? `'${v}'` : canonicalJson(v));

/**
 * `field: 'input' ≠ 'server'` for each field the row sends that the server holds with another value (the same
 * comparison reconcile makes: a field the server does not echo cannot be compared, `idempotent_id` is an id).
 */
export function fieldDiffs(sent: Obj, held: Obj): string[] {
  return fieldChanges(sent, held).map((c) => `${c.field}: ${show(c.to)} ≠ ${show(c.from)}`);
}

/** identityOf with object keys in one order, so `i18n_names` echoed in another key order still matches. */
const identity = (kind: NormalizedRecord['kind'], user_id: string, body: Obj) => identityOf(kind, user_id, JSON.parse(canonicalJson(body)) as Obj);

/** Of several server records with the row's identity, the closest one: the fewest differing fields. */
function closest<T>(candidates: readonly T[], diffsOf: (c: T) => string[]): { found: T; diffs: string[] } | undefined {
  let best: { found: T; diffs: string[] } | undefined;
  for (const found of candidates) {
    const diffs = diffsOf(found);
    if (!best || diffs.length < best.diffs.length) best = { found, diffs };
  }
  return best;
}

function differs(approval_id: string | undefined, diffs: string[], otherId?: string): Verdict {
  const id = approval_id ? { approval_id } : {};
  if (diffs.length) return { status: 'different', ...id, message: ref('verify.different', { diffs: diffs.join('; ') }) };
  return { status: 'present', ...id, ...(otherId ? { message: ref('verify.present.otherId', { id: otherId }) } : {}) };
}

/** Leaves, overtime, trips, outs: present when the server holds the row's idempotent_id, else compared by identity. */
export function compareApprovals(records: readonly NormalizedRecord[], server: readonly ServerApproval[]): Map<NormalizedRecord, Verdict> {
  const byId = new Map<string, ServerApproval>();
  const byIdentity = new Map<string, ServerApproval[]>();
  for (const s of server) {
    if (s.item.idempotent_id) byId.set(JSON.stringify([s.kind, s.user_id, s.item.idempotent_id]), s);
    const k = identity(s.kind, s.user_id, s.item);
    byIdentity.set(k, [...(byIdentity.get(k) ?? []), s]);
  }
  const verdicts = new Map<NormalizedRecord, Verdict>();
  for (const r of records) {
    const hit = byId.get(JSON.stringify([r.kind, r.user_id, r.body.idempotent_id]));
    if (hit) {
      verdicts.set(r, { status: 'present', ...(hit.item.approval_id ? { approval_id: String(hit.item.approval_id) } : {}) });
      continue;
    }
    const near = closest(byIdentity.get(identity(r.kind, r.user_id, r.body)) ?? [], (s) => fieldDiffs(r.body, s.item));
    if (!near) verdicts.set(r, { status: 'missing', message: ref('verify.missing') });
    else {
      const approval_id = near.found.item.approval_id === undefined ? undefined : String(near.found.item.approval_id);
      verdicts.set(r, differs(approval_id, near.diffs, String(near.found.item.idempotent_id ?? '')));
    }
  }
  return verdicts;
}

const REMEDY_STATE: Record<number, string> = { 0: 'pending', 1: 'rejected', 2: 'approved' };

/** The remedy's approval state, when it is not one the row accepts (a pending row accepts an approved remedy). */
function statusDiff(r: NormalizedRecord, s: ServerRemedy): string[] {
  const wanted = r.status ?? 'pending';
  const ok = wanted === 'approved' ? s.status === 2 : wanted === 'rejected' ? s.status === 1 : s.status !== 1;
  return ok ? [] : [`status: ${show(wanted)} ≠ ${show(REMEDY_STATE[s.status] ?? s.status)}`];
}

const remedyIdentity = (r: { user_id: unknown; remedy_date: unknown; punch_no: unknown; work_type: unknown }) =>
  [r.user_id, r.remedy_date, r.punch_no, r.work_type].map(String).join('|');

/** Remedies have no idempotent_id: matched one-to-one as apply matches them, then compared field by field. */
export function compareRemedies(records: readonly NormalizedRecord[], server: readonly ServerRemedy[]): Map<NormalizedRecord, Verdict> {
  const matched = matchRemedies([...records], [...server]);
  const claimed = new Set(matched.values());
  const verdicts = new Map<NormalizedRecord, Verdict>();
  const diffsOf = (r: NormalizedRecord, s: ServerRemedy) => [...fieldDiffs(r.body, s as unknown as Obj), ...statusDiff(r, s)];
  for (const r of records) {
    const s = matched.get(r);
    if (s) {
      verdicts.set(r, differs(s.approval_id, diffsOf(r, s)));
      continue;
    }
    const key = remedyIdentity(r.body as Parameters<typeof remedyIdentity>[0]);
    const near = closest(
      server.filter((x) => !claimed.has(x) && remedyIdentity(x) === key),
      (x) => diffsOf(r, x),
    );
    if (near) claimed.add(near.found);
    verdicts.set(r, near ? differs(near.found.approval_id, near.diffs) : { status: 'missing', message: ref('verify.missing') });
  }
  return verdicts;
}
