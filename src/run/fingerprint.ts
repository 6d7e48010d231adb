// The fingerprints a saved plan is checked against (src/run/saved-plan.ts), summed over a run's slices of users.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../plan/idempotency.js';
import type { Reconciliation, ServerView } from '../reconcile/types.js';

export interface Fingerprints {
  inputs: string;
  server: string;
  actions: string;
}

const sha = (v: unknown) => createHash('sha256').update(canonicalJson(v)).digest('hex');

/**
 * What a saved plan is checked against — the inputs' rows, the server's records in scope, and the actions — summed
 * over a run's slices of users (src/run/slices.ts). Each part is a sum of its items' hashes, 32-bit lane by lane: the
 * same whatever order and slices the items come in, and changed by any item that changes.
 */
export class Fingerprint {
  private readonly rows = new Uint32Array(8);
  private readonly server = new Uint32Array(8);
  private readonly actions = new Uint32Array(8);

  add(view: ServerView, r: Reconciliation): void {
    for (const a of r.rows) {
      const row = [a.record.kind, a.record.hash, a.record.ref.file, a.record.ref.sheet, a.record.ref.row];
      sum(this.rows, row);
      sum(this.actions, [a.type, ...row]);
    }
    for (const h of view.records) sum(this.server, [h.approval_id, h.status, h.idempotent_id ?? '', h.user_id, h.date]);
    for (const a of r.records) sum(this.actions, [a.type, a.held.approval_id]);
  }

  result(files: readonly string[]): Fingerprints {
    const hex = (lanes: Uint32Array) => Buffer.from(lanes.buffer).toString('hex');
    return { inputs: sha({ files: [...files], rows: hex(this.rows) }), server: hex(this.server), actions: hex(this.actions) };
  }
}

function sum(lanes: Uint32Array, item: unknown[]): void {
  const d = createHash('sha256').update(canonicalJson(item)).digest();
  for (let i = 0; i < 8; i++) lanes[i] = (lanes[i]! + d.readUInt32LE(i * 4)) >>> 0;
}

