// The answers a dialect chooses for the write endpoints: a repeated idempotent_id, a refused status change, 1225001.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { approval, type Client, leave, open, out, PATHS, remedy } from './helpers.js';

let sb: Sandbox | undefined;
let client: Client;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const write = (lists: Record<string, unknown[]> = { leaves: [leave()] }) => client.call(PATHS.approvals, approval(lists));
const leaveId = (a: { body: { data?: any } }): string => a.body.data.user_approval.leaves[0].approval_id;
const revoke = (approval_id: string) => client.call(PATHS.process, { approval_id, approval_type: 'leave', status: 4 });
const liveLeaves = async () =>
  (await client.call(PATHS.approvalsQuery, { user_ids: ['u1'], check_date_from: 20240301, check_date_to: 20240331 })).body.data.user_approvals;

describe('repeatedId', () => {
  it("'even-revoked': a repeat answers the earlier record, live or revoked, and writes nothing", async () => {
    ({ sb, client } = await open({ dialect: { repeatedId: 'even-revoked' } }));
    const id = leaveId(await write());
    expect(leaveId(await write())).toBe(id);
    await revoke(id);
    const again = await write();
    expect(again.body.code).toBe(0);
    expect(leaveId(again)).toBe(id);
    expect(sb.records().map((r) => r.status)).toEqual([4]);
  });

  it("'first-live': a repeat answers the live record; once revoked, a repeat writes a new record with the same id", async () => {
    ({ sb, client } = await open({ dialect: { repeatedId: 'first-live' } }));
    const first = leaveId(await write());
    expect(leaveId(await write())).toBe(first);
    expect(sb.records()).toHaveLength(1);
    await revoke(first);
    const second = leaveId(await write());
    expect(second).not.toBe(first);
    expect(sb.records().map((r) => [r.approval_id, r.status, r.idempotent_id])).toEqual([
      [first, 4, 'leave-1'],
      [second, 2, 'leave-1'],
    ]);
    expect(sb.duplicates()).toEqual([]);
    // The new record now holds the id: a further repeat answers it, and the query shows it with its idempotent_id.
    expect(leaveId(await write())).toBe(second);
    expect((await liveLeaves())[0].leaves).toEqual([expect.objectContaining({ approval_id: second, idempotent_id: 'leave-1' })]);
    await revoke(second);
    const third = leaveId(await write());
    expect(new Set([first, second, third]).size).toBe(3);
    expect(sb.records().map((r) => r.status)).toEqual([4, 4, 2]);
    expect(sb.duplicates()).toEqual([]);
  });

  it("'first-live': a store loaded from a file answers with the live record, not the revoked one", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sandbox-dialect-'));
    try {
      const persistPath = join(dir, 'sandbox.json');
      ({ sb, client } = await open({ dialect: { repeatedId: 'first-live' }, persistPath }));
      await revoke(leaveId(await write()));
      const live = leaveId(await write());
      await sb.close();
      ({ sb, client } = await open({ dialect: { repeatedId: 'first-live' }, persistPath }));
      expect(leaveId(await write())).toBe(live);
      expect(sb.records()).toHaveLength(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("'error': a repeat, live or revoked, fails the whole request with 1220600 and a msg without the word idempotent", async () => {
    ({ sb, client } = await open({ dialect: { repeatedId: 'error' } }));
    const id = leaveId(await write());
    const again = await write({ leaves: [leave()], outs: [out()] });
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ code: 1220600, msg: '重复请求 duplicate request' });
    expect(again.body.msg).not.toMatch(/idempotent/i);
    await revoke(id);
    expect((await write()).body.code).toBe(1220600);
    // Twice in one request is a repeat too.
    expect((await write({ outs: [out(), out()] })).body.code).toBe(1220600);
    expect(sb.records().map((r) => [r.kind, r.status])).toEqual([['leave', 4]]);
  });
});

describe('refusal of a move the state does not allow (the legality is the same in every dialect)', () => {
  const move = (approval_id: string, approval_type: string, status: number) => client.call(PATHS.process, { approval_id, approval_type, status });

  /** A remedy approved, one pending, and a leave revoked; then every refused move. */
  async function refusals(): Promise<Array<{ status: number; body: { code: number; msg: string } }>> {
    const approved = (await client.call(PATHS.remedies, remedy())).body.data.user_remedy.approval_id;
    const pending = (await client.call(PATHS.remedies, remedy({ punch_no: 1 }))).body.data.user_remedy.approval_id;
    expect((await move(approved, 'remedy', 2)).body.code).toBe(0);
    const leaveApproval = leaveId(await write());
    expect((await revoke(leaveApproval)).body.code).toBe(0);
    const answers = [
      await move(approved, 'remedy', 1), // reject an approved one
      await move(approved, 'remedy', 2), // approve it again
      await move(pending, 'remedy', 4), // revoke a pending one
      await revoke(leaveApproval), // revoke a revoked leave
    ];
    expect(sb?.records().map((r) => r.status)).toEqual([2, 0, 4]);
    return answers.map((a) => ({ status: a.status, body: { code: a.body.code, msg: a.body.msg } }));
  }

  it("'status-in-message': 1220001 naming the current and requested status", async () => {
    ({ sb, client } = await open({ dialect: { refusal: 'status-in-message' } }));
    const msg = (current: number, requested: number) => `approval status transition not allowed: current status ${current}, requested ${requested}`;
    expect(await refusals()).toEqual([
      { status: 400, body: { code: 1220001, msg: msg(2, 1) } },
      { status: 400, body: { code: 1220001, msg: msg(2, 2) } },
      { status: 400, body: { code: 1220001, msg: msg(0, 4) } },
      { status: 400, body: { code: 1220001, msg: msg(4, 4) } },
    ]);
  });

  it("'other-code': 1220600 saying which state the move needs", async () => {
    ({ sb, client } = await open({ dialect: { refusal: 'other-code' } }));
    const pendingOnly = { status: 400, body: { code: 1220600, msg: 'only pending approvals can be approved or rejected' } };
    const approvedOnly = { status: 400, body: { code: 1220600, msg: 'only approved approvals can be revoked' } };
    expect(await refusals()).toEqual([pendingOnly, pendingOnly, approvedOnly, approvedOnly]);
  });

  it("'no-status': 1220001 naming no status", async () => {
    ({ sb, client } = await open({ dialect: { refusal: 'no-status' } }));
    const answers = await refusals();
    expect(answers).toEqual(Array(4).fill({ status: 400, body: { code: 1220001, msg: 'approval status cannot be changed' } }));
  });
});

describe('partialFailure (1225001): nothing of the request is written in any shape', () => {
  const refusedOut = { ...out({ reason: 'bad' }), error_msg: 'overlaps another out' };
  const detail = { TripErrorRecords: [], OvertimeWorkErrorRecords: [], LeaveErrorRecords: [], OutErrorRecords: [refusedOut] };

  async function refused(): Promise<{ status: number; body: { code: number; msg: string; data?: unknown } }> {
    sb?.rejectWhen((kind, item) => (kind === 'out' && item.reason === 'bad' ? 'overlaps another out' : undefined));
    const a = await write({ leaves: [leave()], outs: [out({ reason: 'bad' })] });
    expect(sb?.records()).toEqual([]);
    return { status: a.status, body: a.body };
  }

  it("'msg': the per-record errors as JSON text in msg", async () => {
    ({ sb, client } = await open({ dialect: { partialFailure: 'msg' } }));
    const a = await refused();
    expect(a.status).toBe(400);
    expect(a.body.code).toBe(1225001);
    expect(JSON.parse(a.body.msg)).toEqual(detail);
    expect(a.body).not.toHaveProperty('data');
  });

  it("'data': a generic msg and the per-record errors as an object in data", async () => {
    ({ sb, client } = await open({ dialect: { partialFailure: 'data' } }));
    expect(await refused()).toEqual({ status: 400, body: { code: 1225001, msg: 'param is invalid', data: detail } });
  });

  it("'opaque': no per-record detail at all", async () => {
    ({ sb, client } = await open({ dialect: { partialFailure: 'opaque' } }));
    expect(await refused()).toEqual({ status: 400, body: { code: 1225001, msg: 'param is invalid: business check failed' } });
  });
});
