import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { approval, type Client, leave, open, out, overtime, PATHS, trip } from './helpers.js';

let sb: Sandbox | undefined;
let client: Client;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

describe('user_approvals: writing', () => {
  it('writes every item as its own approved record and echoes the body with approval ids', async () => {
    ({ sb, client } = await open());
    const a = await client.call(PATHS.approvals, approval({ leaves: [leave()], overtime_works: [overtime()], trips: [trip()], outs: [out()] }));
    expect(a.status).toBe(200);
    expect(a.body.code).toBe(0);
    const ua = a.body.data.user_approval;
    expect(ua).toMatchObject({ user_id: 'u1', date: '20240304' });
    const ids = [ua.leaves[0].approval_id, ua.overtime_works[0].approval_id, ua.trips[0].approval_id, ua.outs[0].approval_id];
    for (const id of ids) expect(id).toMatch(/^\d{19}$/);
    expect(new Set(ids).size).toBe(4);
    expect(ua.leaves[0]).toMatchObject({ ...leave(), approval_id: ids[0] });
    const records = sb.records();
    expect(records.map((r) => [r.kind, r.status, r.idempotent_id])).toEqual([
      ['leave', 2, 'leave-1'],
      ['overtime', 2, 'ot-1'],
      ['trip', 2, 'trip-1'],
      ['out', 2, 'out-1'],
    ]);
    expect(records[0]).toMatchObject({ user_id: 'u1', date: '20240304', employee_type: 'employee_id', content: leave() });
  });

  it('refuses unknown users when a user list is given', async () => {
    ({ sb, client } = await open({ users: ['u1'] }));
    const a = await client.call(PATHS.approvals, approval({ leaves: [leave()] }, 'ghost'));
    expect(a.status).toBe(400);
    expect(a.body).toMatchObject({ code: 1220004, msg: expect.stringContaining('user_id is not exist or does not have permission') });
    expect((await client.call(PATHS.approvals, approval({ leaves: [leave()] }, 'u1'))).body.code).toBe(0);
  });
});

const invalid: Array<[string, unknown, RegExp]> = [
  ['no user_approval', {}, /user_approval/],
  ['no user_id', { user_approval: { date: '20240304', leaves: [leave()] } }, /user_approval\.user_id/],
  ['date not yyyyMMdd', approval({ leaves: [leave()] }, 'u1', '2024-03-04'), /user_approval\.date/],
  ['date not a real day', approval({ leaves: [leave()] }, 'u1', '20240230'), /user_approval\.date/],
  ['no items', approval({}), /no leaves/],
  ['unit out of range', approval({ leaves: [leave({ unit: 5 })] }), /leaves\[0\]\.unit/],
  ['unit as text', approval({ leaves: [leave({ unit: '1' })] }), /leaves\[0\]\.unit must be an integer/],
  ['interval not integer', approval({ leaves: [leave({ interval: 1.5 })] }), /interval/],
  ['bad time format', approval({ leaves: [leave({ start_time: '2024-03-04 09:00' })] }), /start_time/],
  ['end before start', approval({ leaves: [leave({ end_time: '2024-03-04 08:00:00' })] }), /end_time .* must be after/],
  ['missing reason', approval({ leaves: [leave({ reason: undefined })] }), /leaves\[0\]\.reason is required/],
  ['bad i18n key', approval({ leaves: [leave({ i18n_names: { zh: '事假' } })] }), /i18n_names\.zh/],
  ['bad default_locale', approval({ leaves: [leave({ default_locale: 'zh' })] }), /default_locale/],
  ['unknown field', approval({ leaves: [leave({ approve_pass_time: '2024-03-01 12:00:00' })] }), /approve_pass_time is not a known field/],
  ['category 4', approval({ overtime_works: [overtime({ category: 4 })] }), /overtime_works\[0\]\.category/],
  ['deprecated type 3', approval({ overtime_works: [overtime({ type: 3 })] }), /overtime_works\[0\]\.type/],
  ['missing duration', approval({ overtime_works: [overtime({ duration: undefined })] }), /duration is required/],
  ['out without uniq_id', approval({ outs: [out({ uniq_id: undefined })] }), /outs\[0\]\.uniq_id/],
  ['trip without approve_pass_time', approval({ trips: [trip({ approve_pass_time: undefined })] }), /approve_pass_time/],
  ['transportation 7', approval({ trips: [trip({ transportation: [7] })] }), /transportation\[0\]/],
  ['trip_type 3', approval({ trips: [trip({ trip_type: 3 })] }), /trip_type/],
  ['region_level l5', approval({ trips: [trip({ destinations: [{ region_level: 'l5' }] })] }), /destinations\[0\]\.region_level/],
  ['misspelt list', { user_approval: { user_id: 'u1', date: '20240304', overtime: [overtime()] } }, /user_approval\.overtime is not a known field/],
];

describe('user_approvals: validation (1220001, nothing written)', () => {
  it.each(invalid)('%s', async (_name, body, msg) => {
    ({ sb, client } = await open());
    const a = await client.call(PATHS.approvals, body);
    expect(a.status).toBe(400);
    expect(a.body.code).toBe(1220001);
    expect(a.body.msg).toMatch(msg);
    expect(sb.records()).toHaveLength(0);
  });

  it('requires a valid employee_type', async () => {
    ({ sb, client } = await open());
    const a = await client.call('/open-apis/attendance/v1/user_approvals?employee_type=union_id', approval({ leaves: [leave()] }));
    expect(a.body).toMatchObject({ code: 1220001, msg: expect.stringContaining('employee_type invalid') });
    const none = await client.call('/open-apis/attendance/v1/user_approvals', approval({ leaves: [leave()] }));
    expect(none.body.code).toBe(1220001);
  });
});

describe('user_approvals: idempotent_id', () => {
  it('return-existing: a repeated idempotent_id answers the first record and writes nothing', async () => {
    ({ sb, client } = await open({ dialect: 'classic' }));
    const first = await client.call(PATHS.approvals, approval({ leaves: [leave()] }));
    const again = await client.call(PATHS.approvals, approval({ leaves: [leave()], outs: [out()] }));
    expect(again.body.code).toBe(0);
    expect(again.body.data.user_approval.leaves[0].approval_id).toBe(first.body.data.user_approval.leaves[0].approval_id);
    expect(sb.records().map((r) => r.kind)).toEqual(['leave', 'out']);
    expect(sb.duplicates()).toEqual([]);
  });

  it('keys on user and kind: the same id for another user or kind is a new record', async () => {
    ({ sb, client } = await open());
    await client.call(PATHS.approvals, approval({ leaves: [leave({ idempotent_id: 'x' })] }));
    await client.call(PATHS.approvals, approval({ leaves: [leave({ idempotent_id: 'x' })] }, 'u2'));
    await client.call(PATHS.approvals, approval({ outs: [out({ idempotent_id: 'x' })] }));
    expect(sb.records()).toHaveLength(3);
  });

  it('error mode: a repeated idempotent_id fails the whole request and writes nothing', async () => {
    ({ sb, client } = await open({ duplicateIdempotentId: 'error' }));
    expect(sb.dialect.repeatedId).toBe('error');
    await client.call(PATHS.approvals, approval({ leaves: [leave()] }));
    const again = await client.call(PATHS.approvals, approval({ leaves: [leave()], outs: [out()] }));
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ code: 1220600, msg: '重复请求 duplicate request' });
    expect(sb.records()).toHaveLength(1);
  });

  it('a revoked record keeps its idempotent_id unless configured otherwise', async () => {
    for (const keeps of [true, false]) {
      ({ sb, client } = await open({ revokedKeepsIdempotentId: keeps }));
      const first = await client.call(PATHS.approvals, approval({ leaves: [leave()] }));
      const id = first.body.data.user_approval.leaves[0].approval_id;
      await client.call(PATHS.process, { approval_id: id, approval_type: 'leave', status: 4 });
      const again = await client.call(PATHS.approvals, approval({ leaves: [leave()] }));
      expect(again.body.data.user_approval.leaves[0].approval_id === id).toBe(keeps);
      await sb.close();
    }
    sb = undefined;
  });

  it('duplicates() finds live records of identical content whatever their idempotent ids', async () => {
    ({ sb, client } = await open());
    await client.call(PATHS.approvals, approval({ leaves: [leave({ idempotent_id: 'a' })] }));
    await client.call(PATHS.approvals, approval({ leaves: [leave({ idempotent_id: 'b' })] }));
    await client.call(PATHS.approvals, approval({ leaves: [leave({ idempotent_id: 'c', reason: 'other' })] }));
    const groups = sb.duplicates();
    expect(groups).toHaveLength(1);
    expect(groups[0]?.map((r) => r.idempotent_id)).toEqual(['a', 'b']);
  });
});

describe('user_approvals: business refusal (1225001)', () => {
  it('fails the whole request, lists the refused items per kind and writes nothing', async () => {
    ({ sb, client } = await open({ dialect: 'classic' })); // the detail in msg
    sb.rejectWhen((kind, item) => (kind === 'out' && item.reason === 'bad' ? 'overlaps another out' : undefined));
    const a = await client.call(PATHS.approvals, approval({ leaves: [leave()], outs: [out({ reason: 'bad' })] }));
    expect(a.status).toBe(400);
    expect(a.body.code).toBe(1225001);
    const detail = JSON.parse(a.body.msg);
    expect(detail).toEqual({
      TripErrorRecords: [],
      OvertimeWorkErrorRecords: [],
      LeaveErrorRecords: [],
      OutErrorRecords: [{ ...out({ reason: 'bad' }), error_msg: 'overlaps another out' }],
    });
    expect(sb.records()).toHaveLength(0);
    sb.rejectWhen(undefined);
    expect((await client.call(PATHS.approvals, approval({ outs: [out({ reason: 'bad' })] }))).body.code).toBe(0);
  });
});
