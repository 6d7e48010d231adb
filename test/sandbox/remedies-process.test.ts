import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { approval, type Client, leave, open, PATHS, remedy } from './helpers.js';

let sb: Sandbox | undefined;
let client: Client;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

async function createRemedy(overrides: Record<string, unknown> = {}): Promise<string> {
  const a = await client.call(PATHS.remedies, remedy(overrides));
  expect(a.body.code).toBe(0);
  return a.body.data.user_remedy.approval_id;
}

const process = (approval_id: string, approval_type: string, status: number) => client.call(PATHS.process, { approval_id, approval_type, status });

describe('user_task_remedys', () => {
  it('creates a pending remedy and answers data.user_remedy', async () => {
    ({ sb, client } = await open());
    const a = await client.call(PATHS.remedies, remedy());
    expect(a.body.data.user_remedy).toMatchObject({ user_id: 'u1', remedy_date: 20240304, punch_no: 0, work_type: 1, remedy_time: '2024-03-04 09:00', status: 0 });
    expect(a.body.data.user_remedy.approval_id).toMatch(/^\d{19}$/);
    expect(sb.records()[0]).toMatchObject({ kind: 'remedy', status: 0, date: '20240304' });
  });

  it('has no idempotency: the same remedy sent twice is written twice', async () => {
    ({ sb, client } = await open());
    await createRemedy();
    await createRemedy();
    expect(sb.records()).toHaveLength(2);
    expect(sb.duplicates()).toHaveLength(1);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['remedy_date as text', { remedy_date: '20240304' }, /remedy_date must be an integer/],
    ['remedy_date not a day', { remedy_date: 20240231 }, /remedy_date/],
    ['punch_no 3', { punch_no: 3 }, /punch_no/],
    ['work_type 3', { work_type: 3 }, /work_type/],
    ['remedy_time with seconds', { remedy_time: '2024-03-04 09:00:00' }, /remedy_time must be a time formatted yyyy-MM-dd HH:mm/],
    ['no reason', { reason: '' }, /reason is required/],
    ['unknown field', { status: 2 }, /status is not a known field/],
  ])('refuses %s with 1220001', async (_name, overrides, msg) => {
    ({ sb, client } = await open());
    const a = await client.call(PATHS.remedies, remedy(overrides));
    expect(a.status).toBe(400);
    expect(a.body.code).toBe(1220001);
    expect(a.body.msg).toMatch(msg);
    expect(sb.records()).toHaveLength(0);
  });

  it('refuses open_id as employee_type', async () => {
    ({ sb, client } = await open());
    const a = await client.call('/open-apis/attendance/v1/user_task_remedys?employee_type=open_id', remedy());
    expect(a.body.code).toBe(1220001);
  });

  it('answers the configured 1226501–1226504 refusals and writes nothing', async () => {
    ({ sb, client } = await open({ rejectRemedyWhen: (body) => (body.punch_no === 1 ? 1226503 : undefined) }));
    const a = await client.call(PATHS.remedies, remedy({ punch_no: 1 }));
    expect(a.status).toBe(400);
    expect(a.body).toEqual({ code: 1226503, msg: 'approval time beyond the time range' });
    expect(sb.records()).toHaveLength(0);
  });
});

describe('approval_infos/process: state rules', () => {
  it('revokes an approved leave once; a second revoke names the current status', async () => {
    ({ sb, client } = await open({ dialect: 'classic' })); // the refusal's wording is classic's
    const id = (await client.call(PATHS.approvals, approval({ leaves: [leave()] }))).body.data.user_approval.leaves[0].approval_id;
    const ok = await process(id, 'leave', 4);
    expect(ok.body).toEqual({ code: 0, msg: 'success', data: { approval_info: { approval_id: id, approval_type: 'leave', status: 4 } } });
    expect(sb.records()[0]?.status).toBe(4);
    const again = await process(id, 'leave', 4);
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ code: 1220001, msg: expect.stringContaining('current status 4') });
  });

  it('refuses approve and reject for leaves, outs, overtime and trips', async () => {
    ({ sb, client } = await open());
    const id = (await client.call(PATHS.approvals, approval({ leaves: [leave()] }))).body.data.user_approval.leaves[0].approval_id;
    for (const status of [1, 2]) expect((await process(id, 'leave', status)).body.code).toBe(1220001);
    expect(sb.records()[0]?.status).toBe(2);
  });

  it('moves a remedy pending → approved → revoked, and pending → rejected', async () => {
    ({ sb, client } = await open({ dialect: 'classic' })); // the refusals' wording is classic's
    const a = await createRemedy();
    expect((await process(a, 'remedy', 2)).body.data.approval_info.status).toBe(2);
    const reject = await process(a, 'remedy', 1);
    expect(reject.body).toMatchObject({ code: 1220001, msg: expect.stringContaining('current status 2') });
    expect((await process(a, 'remedy', 4)).body.data.approval_info.status).toBe(4);
    const b = await createRemedy({ punch_no: 1 });
    expect((await process(b, 'remedy', 4)).body.msg).toContain('current status 0');
    expect((await process(b, 'remedy', 1)).body.data.approval_info.status).toBe(1);
    expect(sb.records().map((r) => r.status)).toEqual([4, 1]);
  });

  it('refuses unknown ids, a wrong type and bad statuses', async () => {
    ({ sb, client } = await open());
    const id = await createRemedy();
    expect((await process('1234567890123456789', 'remedy', 2)).body.msg).toContain('not found');
    expect((await process(id, 'leave', 4)).body.msg).toContain('approval_type mismatch');
    expect((await process(id, 'remedy', 3)).body.code).toBe(1220001);
    expect((await process(id, 'holiday', 2)).body.code).toBe(1220001);
    expect(sb.records()[0]?.status).toBe(0);
  });
});
