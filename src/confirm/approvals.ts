// Confirming leaves, overtime, trips and outs after the writes: every row whose write was answered (or refused
// without naming it) is looked up among the approved records of its user and date. One that reads back revoked or
// missing is written again under the next id of its family and looked up once more; what still does not read back
// approved is `unconfirmed`. A refusal whose record reads back approved was a repeat the server refused: `exists`.
import { canonicalJson, sha256Hex32 } from '../plan/idempotency.js';
import { readApprovals, type HeldApproval } from '../readback/approvals.js';
import { sendApprovalGroup } from '../submit/approvals.js';
import type { SubmitContext } from '../submit/context.js';
import { forEachCall } from '../submit/executor.js';
import type { NormalizedRecord } from '../types.js';
import { generation, nextId } from '../reconcile/family.js';
import { ref, said, type MessageRef } from '../messages/said.js';
import { withoutMessage } from '../submit/outcomes.js';

export interface ConfirmCounts {
  confirmed: number;
  rewritten: number;
  unconfirmed: number;
}

const rootOf = (r: NormalizedRecord): string => String(r.body.idempotent_id ?? '');
const heldKey = (user_id: string, kind: string) => `${user_id}\u0000${kind}`;

/** Rows worth reading back: answered, or refused without a per-record reason (1225001 names its records). */
function candidate(r: NormalizedRecord, ctx: SubmitContext): boolean {
  const o = ctx.outcomes.get(r.ref);
  return !!o && (o.status === 'created' || o.status === 'exists' || (o.status === 'failed' && o.error_code !== '1225001'));
}

/** The held records of the row's family (same user and kind, its id or one derived from it). */
function family(r: NormalizedRecord, held: Map<string, HeldApproval[]>): HeldApproval[] {
  return (held.get(heldKey(r.user_id, r.kind)) ?? []).filter((h) => generation(rootOf(r), h.idempotent_id) !== undefined);
}

function index(list: readonly HeldApproval[]): Map<string, HeldApproval[]> {
  const m = new Map<string, HeldApproval[]>();
  for (const h of list) m.set(heldKey(h.user_id, h.kind), [...(m.get(heldKey(h.user_id, h.kind)) ?? []), h]);
  return m;
}

/** Settles rows found approved; returns the rows that are not. */
function settleFound(rows: NormalizedRecord[], approved: Map<string, HeldApproval[]>, ctx: SubmitContext, counts: ConfirmCounts): NormalizedRecord[] {
  const left: NormalizedRecord[] = [];
  for (const r of rows) {
    const o = ctx.outcomes.get(r.ref);
    const found = family(r, approved);
    const held = found.find((h) => h.idempotent_id === o?.idempotent_id) ?? found[found.length - 1];
    if (!held || !o) {
      left.push(r);
      continue;
    }
    counts.confirmed++;
    if (o.status === 'failed') ctx.outcomes.setRaw({ ...o, status: 'exists', approval_id: held.approval_id, ...said('confirm.existsAfterRefusal') });
    else ctx.outcomes.setRaw({ ...o, approval_id: held.approval_id, idempotent_id: held.idempotent_id });
  }
  return left;
}

export async function confirmApprovals(records: readonly NormalizedRecord[], ctx: SubmitContext, counts: ConfirmCounts): Promise<void> {
  const rows = records.filter((r) => candidate(r, ctx));
  if (!rows.length) return;
  const notApproved = settleFound(rows, index(await readApprovals(rows, 2, ctx.client, ctx.employeeType)), ctx, counts);
  if (!notApproved.length) return;
  const revoked = index(await readApprovals(notApproved, 4, ctx.client, ctx.employeeType));
  // Written again: answered but not approved, or refused while its family reads back revoked (a server that refuses
  // a revoked record's id). A refusal with no trace in Feishu was a real refusal and keeps its reason.
  const again: NormalizedRecord[] = [];
  const why = new Map<NormalizedRecord, MessageRef>();
  for (const r of notApproved) {
    const o = ctx.outcomes.get(r.ref);
    const gone = family(r, revoked);
    if (o?.status === 'failed' && !gone.length) continue;
    const id = nextId(rootOf(r), [...gone.map((h) => h.idempotent_id), o?.idempotent_id ?? rootOf(r)]);
    const rewritten = { ...r, body: { ...r.body, idempotent_id: id } };
    why.set(rewritten, ref('confirm.rewritten', { state: gone.length ? ref('state.revoked') : ref('confirm.missingState'), idempotent_id: id }));
    again.push(rewritten);
  }
  if (!again.length) return;
  await rewrite(again, ctx);
  const stillNot = new Set(settleFound(again, index(await readApprovals(again, 2, ctx.client, ctx.employeeType)), ctx, counts));
  for (const r of again) {
    const o = ctx.outcomes.get(r.ref);
    if (!o) continue;
    if (!stillNot.has(r)) {
      counts.rewritten++;
      const message = why.get(r);
      ctx.outcomes.setRaw({ ...withoutMessage(o), status: 'created', ...(message ? { message } : {}) });
    } else if (o.status === 'created' || o.status === 'exists') {
      const state = family(r, revoked).length ? ref('state.revoked') : ref('confirm.missingState');
      ctx.outcomes.setRaw({ ...o, status: 'unconfirmed', ...said('confirm.unconfirmed', { state }) });
      counts.unconfirmed++;
    }
  }
}

/** One request per user and date, as the plan groups them, journalled like any other. */
async function rewrite(rows: NormalizedRecord[], ctx: SubmitContext): Promise<void> {
  const groups = new Map<string, NormalizedRecord[]>();
  for (const r of rows) groups.set(`${r.user_id}\u0000${r.date}`, [...(groups.get(`${r.user_id}\u0000${r.date}`) ?? []), r]);
  await forEachCall([...groups.values()], (group) => {
    const key = sha256Hex32(canonicalJson({ endpoint: 'user_approvals', rewrite: group.map((r) => r.body.idempotent_id) }));
    return sendApprovalGroup(key, group, ctx);
  });
}
