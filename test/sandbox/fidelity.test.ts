// What the pages and the official Node SDK's typings allow, the sandbox takes; what they do not, it still refuses.
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { approval, type Client, leave, open, PATHS, remedy } from './helpers.js';

let sb: Sandbox | undefined;
let client: Client;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const OPEN_ID = 'ou_7dab8a3d3cdcc9da365777c7ad535d62';
const at = (iso: string) => String(Date.parse(`${iso}+08:00`) / 1000);
const withType = (path: string, type: string) => path.replace('employee_type=employee_id', `employee_type=${type}`);

describe('user_approvals/query', () => {
  it('takes employee_type open_id, as the create endpoint does, and answers the records written with it', async () => {
    ({ sb, client } = await open());
    const w = await client.call(withType(PATHS.approvals, 'open_id'), approval({ leaves: [leave()] }, OPEN_ID));
    expect(w.body.code).toBe(0);
    const q = await client.call(withType(PATHS.approvalsQuery, 'open_id'), { user_ids: [OPEN_ID], check_date_from: 20240301, check_date_to: 20240330 });
    expect(q.body.code).toBe(0);
    expect(q.body.data.user_approvals).toEqual([expect.objectContaining({ user_id: OPEN_ID, date: '20240304' })]);
    // The same user id under another type is another user.
    const other = await client.call(PATHS.approvalsQuery, { user_ids: [OPEN_ID], check_date_from: 20240301, check_date_to: 20240330 });
    expect(other.body.data.user_approvals).toEqual([]);
  });

  it('takes check_date_type, and check_time_from/to as the window instead of (or besides) the dates', async () => {
    ({ sb, client } = await open());
    await client.call(PATHS.approvals, approval({ leaves: [leave()] }));
    const base = { user_ids: ['u1'], check_date_type: 'PeriodTime' };
    const byDate = await client.call(PATHS.approvalsQuery, { ...base, check_date_from: 20240301, check_date_to: 20240330 });
    expect(byDate.body.data.user_approvals).toHaveLength(1);
    const byTime = await client.call(PATHS.approvalsQuery, { ...base, check_time_from: at('2024-03-04T00:00:00'), check_time_to: at('2024-03-04T23:59:59') });
    expect(byTime.body.code).toBe(0);
    expect(byTime.body.data.user_approvals).toHaveLength(1);
    const before = await client.call(PATHS.approvalsQuery, { ...base, check_time_from: at('2024-03-01T00:00:00'), check_time_to: at('2024-03-03T23:59:59') });
    expect(before.body.data.user_approvals).toEqual([]);
    // Both windows given: a record must be in both.
    const both = { ...base, check_date_from: 20240301, check_date_to: 20240330, check_time_from: at('2024-03-05T00:00:00'), check_time_to: at('2024-03-06T00:00:00') };
    expect((await client.call(PATHS.approvalsQuery, both)).body.data.user_approvals).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['check_date_type not a string', { check_date_type: 1, check_date_from: 20240301, check_date_to: 20240302 }, /check_date_type must be a string/],
    ['check_time_from as a number', { check_time_from: 1709222400, check_time_to: '1709308800' }, /check_time_from/],
    ['check_time_to without check_time_from', { check_time_to: '1709308800' }, /check_time_from is required/],
    ['a time window over 30 days', { check_time_from: at('2024-03-01T00:00:00'), check_time_to: at('2024-04-01T00:00:00') }, /30 days/],
    ['no window at all', {}, /check_date_from is required/],
  ])('refuses %s with 1220001', async (_name, fields, msg) => {
    ({ sb, client } = await open());
    const a = await client.call(PATHS.approvalsQuery, { user_ids: ['u1'], ...fields });
    expect(a.body).toMatchObject({ code: 1220001, msg: expect.stringMatching(msg) });
  });
});

describe('user_approvals create: leave_detail_range_objs (in the SDK typings of leaves)', () => {
  const ranges = [{ day: 20240304, time_ranges: [{ start_time_stamp: 1709514000, end_time_stamp: 1709546400 }] }];

  it('is taken, stored and echoed, by the create answer and the query', async () => {
    ({ sb, client } = await open());
    const w = await client.call(PATHS.approvals, approval({ leaves: [leave({ leave_detail_range_objs: ranges })] }));
    expect(w.body.code).toBe(0);
    expect(w.body.data.user_approval.leaves[0].leave_detail_range_objs).toEqual(ranges);
    expect(sb.records()[0]?.content.leave_detail_range_objs).toEqual(ranges);
    const q = await client.call(PATHS.approvalsQuery, { user_ids: ['u1'], check_date_from: 20240301, check_date_to: 20240330 });
    expect(q.body.data.user_approvals[0].leaves[0].leave_detail_range_objs).toEqual(ranges);
  });

  it.each<[string, unknown]>([
    ['not a list', {}],
    ['an item not an object', ['x']],
    ['an unknown key', [{ days: 1 }]],
    ['a time stamp as text', [{ time_ranges: [{ start_time_stamp: '1' }] }]],
  ])('refuses %s', async (_name, value) => {
    ({ sb, client } = await open());
    const a = await client.call(PATHS.approvals, approval({ leaves: [leave({ leave_detail_range_objs: value })] }));
    expect(a.body).toMatchObject({ code: 1220001, msg: expect.stringContaining('leave_detail_range_objs') });
    expect(sb.records()).toEqual([]);
  });
});

describe('remedies', () => {
  it('accept a remedy_time on the next day (a night shift punches off after midnight), or any other valid day', async () => {
    ({ sb, client } = await open());
    const night = await client.call(PATHS.remedies, remedy({ work_type: 2, remedy_time: '2024-03-05 02:30' }));
    expect(night.body.code).toBe(0);
    expect(night.body.data.user_remedy).toMatchObject({ remedy_date: 20240304, remedy_time: '2024-03-05 02:30' });
    expect((await client.call(PATHS.remedies, remedy({ punch_no: 1, remedy_time: '2024-03-02 09:00' }))).body.code).toBe(0);
    expect(sb.records().map((r) => r.date)).toEqual(['20240304', '20240304']);
  });

  it('still refuse employee_type open_id, on create and on query (their page allows employee_id and employee_no only)', async () => {
    ({ sb, client } = await open());
    const create = await client.call(withType(PATHS.remedies, 'open_id'), remedy({ user_id: OPEN_ID }));
    expect(create.body).toMatchObject({ code: 1220001, msg: expect.stringContaining('employee_type invalid') });
    const query = await client.call(withType(PATHS.remedysQuery, 'open_id'), { user_ids: [OPEN_ID], check_time_from: '0', check_time_to: '1' });
    expect(query.body).toMatchObject({ code: 1220001, msg: expect.stringContaining('employee_type invalid') });
    expect((await client.call(withType(PATHS.remedies, 'employee_no'), remedy())).body.code).toBe(0);
  });

  it('query takes check_date_type (in the SDK typings)', async () => {
    ({ sb, client } = await open());
    const q = { user_ids: ['u1'], check_time_from: '0', check_time_to: '1', check_date_type: 'UpdateTime' };
    expect((await client.call(PATHS.remedysQuery, q)).body.code).toBe(0);
    expect((await client.call(PATHS.remedysQuery, { ...q, check_date_type: 2 })).body.code).toBe(1220001);
  });
});
