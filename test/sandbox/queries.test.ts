import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { approval, type Client, leave, open, out, PATHS, remedy } from './helpers.js';

let sb: Sandbox | undefined;
let client: Client;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

/** Unix seconds of a wall-clock time in the sandbox's attendance time zone (UTC+8). */
const at = (iso: string) => String(Date.parse(`${iso}+08:00`) / 1000);

describe('user_approvals/query', () => {
  it('answers approved records grouped per user and date, in the create shape', async () => {
    ({ sb, client } = await open());
    const w = await client.call(PATHS.approvals, approval({ leaves: [leave()], outs: [out()] }));
    await client.call(PATHS.approvals, approval({ leaves: [leave({ idempotent_id: 'l2', start_time: '2024-03-05 09:00:00', end_time: '2024-03-05 18:00:00' })] }, 'u1', '20240305'));
    await client.call(PATHS.approvals, approval({ leaves: [leave()] }, 'u2'));
    const q = await client.call(PATHS.approvalsQuery, { user_ids: ['u1'], check_date_from: 20240301, check_date_to: 20240331 });
    expect(q.body.code).toBe(0);
    const groups = q.body.data.user_approvals;
    expect(groups.map((g: { date: string }) => g.date)).toEqual(['20240304', '20240305']);
    expect(groups[0].leaves[0]).toEqual({ ...leave(), approval_id: w.body.data.user_approval.leaves[0].approval_id });
    expect(groups[0].outs[0].idempotent_id).toBe('out-1');
  });

  it('answers status 2 by default, revoked records only when asked for 4', async () => {
    ({ sb, client } = await open());
    const w = await client.call(PATHS.approvals, approval({ leaves: [leave()] }));
    await client.call(PATHS.process, { approval_id: w.body.data.user_approval.leaves[0].approval_id, approval_type: 'leave', status: 4 });
    const window = { user_ids: ['u1'], check_date_from: 20240301, check_date_to: 20240331 };
    expect((await client.call(PATHS.approvalsQuery, window)).body.data.user_approvals).toEqual([]);
    expect((await client.call(PATHS.approvalsQuery, { ...window, status: 4 })).body.data.user_approvals).toHaveLength(1);
  });

  it('refuses windows over 30 days, more than 50 users, and dates as text', async () => {
    ({ sb, client } = await open());
    const long = await client.call(PATHS.approvalsQuery, { user_ids: ['u1'], check_date_from: 20240301, check_date_to: 20240401 });
    expect(long.body).toMatchObject({ code: 1220001, msg: expect.stringContaining('30 days') });
    const many = Array.from({ length: 51 }, (_, i) => `u${i}`);
    expect((await client.call(PATHS.approvalsQuery, { user_ids: many, check_date_from: 20240301, check_date_to: 20240302 })).body.code).toBe(1220001);
    expect((await client.call(PATHS.approvalsQuery, { user_ids: ['u1'], check_date_from: '20240301', check_date_to: 20240302 })).body.code).toBe(1220001);
  });
});

describe('user_task_remedys/query', () => {
  it('answers approved remedies by default and pending ones when asked for status 0, within the time window', async () => {
    ({ sb, client } = await open({ dialect: 'classic' })); // a window of 31 days: classic sets no limit
    const a = (await client.call(PATHS.remedies, remedy())).body.data.user_remedy.approval_id;
    const b = (await client.call(PATHS.remedies, remedy({ remedy_date: 20240310, remedy_time: '2024-03-10 18:00', work_type: 2 }))).body.data.user_remedy.approval_id;
    await client.call(PATHS.process, { approval_id: a, approval_type: 'remedy', status: 2 });
    const window = { user_ids: ['u1'], check_time_from: at('2024-03-01T00:00:00'), check_time_to: at('2024-03-31T23:59:59') };
    const approved = (await client.call(PATHS.remedysQuery, window)).body.data.user_remedys;
    expect(approved).toEqual([expect.objectContaining({ approval_id: a, status: 2, remedy_date: 20240304, punch_no: 0, work_type: 1, remedy_time: '2024-03-04 09:00' })]);
    const pending = (await client.call(PATHS.remedysQuery, { ...window, status: 0 })).body.data.user_remedys;
    expect(pending.map((r: { approval_id: string }) => r.approval_id)).toEqual([b]);
    const narrow = { ...window, status: 0, check_time_from: at('2024-03-10T18:01:00') };
    expect((await client.call(PATHS.remedysQuery, narrow)).body.data.user_remedys).toEqual([]);
    const edge = { ...window, status: 0, check_time_from: at('2024-03-10T18:00:00'), check_time_to: at('2024-03-10T18:00:00') };
    expect((await client.call(PATHS.remedysQuery, edge)).body.data.user_remedys).toHaveLength(1);
  });

  it('refuses numeric times and more than 50 users', async () => {
    ({ sb, client } = await open());
    expect((await client.call(PATHS.remedysQuery, { user_ids: ['u1'], check_time_from: 1, check_time_to: '2' })).body.code).toBe(1220001);
    const many = Array.from({ length: 51 }, (_, i) => `u${i}`);
    expect((await client.call(PATHS.remedysQuery, { user_ids: many, check_time_from: '1', check_time_to: '2' })).body.code).toBe(1220001);
  });
});
