import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeRow } from '../../src/normalize/record.js';
import { buildPlan } from '../../src/plan/plan.js';
import type { Cell, Kind, NormalizedRecord } from '../../src/types.js';
import { leaveCells, noDefaults, rowOf } from '../normalize/rows.js';

function rec(kind: Kind, cells: Record<string, Cell>, row = 2, file = 'march.xlsx'): NormalizedRecord {
  const { record, problems } = normalizeRow(rowOf(kind, cells, { row, file }), noDefaults);
  if (!record) throw new Error(JSON.stringify(problems));
  return record;
}

const overtime = { user_id: 'u1', duration: 1.5, unit: 1, category: 2, type: 1, start_time: '2026-03-02 19:00', end_time: '2026-03-02 22:00', reason: '推进项目进度' };
const trip = { user_id: 'u1', start_time: '2026-03-02 09:00', end_time: '2026-03-02 19:00', reason: '培训', approve_pass_time: '2026-03-01 12:00', approve_apply_time: '2026-03-01 11:00', transportation: 'plane' };
const out = { user_id: 'u1', uniq_id: 'o1', unit: 2, start_time: '2026-03-02 14:00', end_time: '2026-03-02 15:00', 'i18n_names.ch': '外出', reason: '外出办事' };
const remedy = { user_id: 'u1', remedy_date: 20260302, punch_no: 0, work_type: 1, remedy_time: '2026-03-02 09:00', reason: '忘记打卡' };

describe('buildPlan', () => {
  it('sends one user_approval per user and day with every kind in it, shaped like the API page example', () => {
    const records = [rec('leaves', leaveCells()), rec('overtime', overtime, 3, 'other.csv'), rec('trips', trip), rec('outs', out), rec('remedies', remedy)];
    const plan = buildPlan(records, { employeeType: 'employee_id' });
    expect(plan.requests).toHaveLength(2);
    const [approval, remedyRequest] = plan.requests;
    expect(approval).toMatchObject({ endpoint: 'user_approvals', method: 'POST', path: '/open-apis/attendance/v1/user_approvals', query: { employee_type: 'employee_id' } });
    expect(approval?.records).toHaveLength(4);

    // Same keys as the page's example, except those the importer never sends (process ids, obsolete time_zone).
    const page = readFileSync(new URL('../fixtures/api/user_approvals-create.request.json', import.meta.url), 'utf8');
    const example = JSON.parse(page);
    const keys = (o: object) => Object.keys(o).sort();
    const unsent = new Set(['correct_process_id', 'cancel_process_id', 'process_id', 'time_zone']);
    const sentKeys = (o: object) => keys(o).filter((k) => !unsent.has(k));
    const body = approval?.body as { user_approval: Record<string, Record<string, unknown>[]> };
    expect(keys(body)).toEqual(keys(example));
    expect(keys(body.user_approval)).toEqual(sentKeys(example.user_approval));
    for (const list of ['leaves', 'overtime_works', 'outs'] as const) {
      expect(keys(body.user_approval[list]![0]!), list).toEqual(sentKeys(example.user_approval[list][0]));
    }
    expect(body.user_approval.trips![0]).toMatchObject({ transportation: [1] });
    expect(body.user_approval.user_id).toBe('u1');
    expect(body.user_approval.date).toBe('20260302');

    expect(remedyRequest).toMatchObject({ endpoint: 'user_task_remedys', path: '/open-apis/attendance/v1/user_task_remedys' });
    expect(remedyRequest?.body).toEqual({ user_id: 'u1', remedy_date: 20260302, punch_no: 0, work_type: 1, remedy_time: '2026-03-02 09:00', reason: '忘记打卡' });

    expect(plan.summary).toEqual({
      requests: { user_approvals: 1, user_task_remedys: 1, approval_infos_process: 0, corehr_approvers: 0 },
      records: { leaves: 1, overtime: 1, trips: 1, outs: 1, remedies: 1, approval_status: 0, corehr_approvals: 0 },
      secondsAtLimit: 0.02,
    });
  });

  it('omits empty lists', () => {
    const plan = buildPlan([rec('leaves', leaveCells())], { employeeType: 'employee_no' });
    expect(Object.keys((plan.requests[0]?.body as { user_approval: object }).user_approval)).toEqual(['user_id', 'date', 'leaves']);
    expect(plan.requests[0]?.query).toEqual({ employee_type: 'employee_no' });
  });

  // 120 leaves over 4 users × 5 days, 6 per user-day at distinct hours.
  const leaves = Array.from({ length: 120 }, (_, i) => {
    const user = `u${i % 4}`;
    const day = 2 + (Math.floor(i / 4) % 5);
    const hour = 8 + Math.floor(i / 20);
    const t = (h: number) => `2026-03-0${day} ${String(h).padStart(2, '0')}:00`;
    return rec('leaves', leaveCells({ user_id: user, start_time: t(hour), end_time: t(hour + 1) }), i + 2);
  });

  it('makes exactly one request per distinct user and day, each record in exactly one request', () => {
    fc.assert(
      fc.property(fc.subarray(leaves), fc.integer(), (subset, seed) => {
        const shuffled = [...subset].sort((a, b) => ((a.ref.row * seed) % 97) - ((b.ref.row * seed) % 97));
        const plan = buildPlan(shuffled, { employeeType: 'employee_id' });
        const distinct = new Set(subset.map((r) => `${r.user_id}|${r.date}`));
        expect(plan.requests).toHaveLength(distinct.size);
        expect(plan.summary.requests.user_approvals).toBe(distinct.size);
        const carried = plan.requests.flatMap((r) => r.records);
        expect(carried).toHaveLength(subset.length);
        expect(new Set(carried)).toEqual(new Set(subset));
        for (const r of plan.requests) {
          const ua = (r.body as { user_approval: { user_id: string; date: string; leaves: unknown[] } }).user_approval;
          expect(r.records.every((x) => x.user_id === ua.user_id && x.date === ua.date)).toBe(true);
          expect(ua.leaves).toEqual(r.records.map((x) => x.body));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('gives the same requests, keys and order whatever order the records come in', () => {
    const a = buildPlan(leaves, { employeeType: 'employee_id' });
    const b = buildPlan([...leaves].reverse(), { employeeType: 'employee_id' });
    expect(b.requests.map((r) => [r.key, r.body])).toEqual(a.requests.map((r) => [r.key, r.body]));
    const users = a.requests.map((r) => (r.body as { user_approval: { user_id: string; date: string } }).user_approval);
    expect(users).toEqual([...users].sort((x, y) => (x.user_id + x.date < y.user_id + y.date ? -1 : 1)));
    expect(new Set(a.requests.map((r) => r.key)).size).toBe(a.requests.length);
    expect(a.summary.secondsAtLimit).toBe(20 / 50);
  });

  it('keys a request by endpoint, query and body', () => {
    const one = [rec('leaves', leaveCells())];
    const id = buildPlan(one, { employeeType: 'employee_id' }).requests[0]?.key;
    expect(buildPlan(one, { employeeType: 'employee_id' }).requests[0]?.key).toBe(id);
    expect(buildPlan(one, { employeeType: 'open_id' }).requests[0]?.key).not.toBe(id);
    expect(buildPlan([rec('leaves', leaveCells({ reason: 'x' }))], { employeeType: 'employee_id' }).requests[0]?.key).not.toBe(id);
  });
});
