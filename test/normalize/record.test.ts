import { describe, expect, it } from 'vitest';
import { normalizeRow } from '../../src/normalize/record.js';
import { WallTime } from '../../src/types.js';
import { catalogDefaults, leaveCells, noDefaults, rowOf } from './rows.js';
import { problemText } from '../../src/messages/index.js';

describe('leaves', () => {
  it('builds the API item, computing interval and default_locale', () => {
    const { record, problems, warnings } = normalizeRow(rowOf('leaves', leaveCells()), noDefaults);
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
    expect(record).toMatchObject({ kind: 'leaves', user_id: 'u1', date: '20260302', ref: { file: 'march.xlsx', sheet: 'leaves', row: 2 } });
    expect(record?.body).toEqual({
      uniq_id: 'annual01',
      unit: 2,
      interval: 10800,
      start_time: '2026-03-02 09:00:00',
      end_time: '2026-03-02 12:00:00',
      i18n_names: { ch: '年假' },
      default_locale: 'ch',
      reason: '家里有事',
      idempotent_id: record?.hash,
    });
    expect(record?.hash).toMatch(/^[0-9a-f]{32}$/);
  });

  it('reads Chinese headers, date cells and a date column', () => {
    const row = rowOf('leaves', {
      工号: 10023,
      假期类型ID: 'annual01',
      单位: '天',
      '时长(秒)': 28800,
      开始时间: new WallTime('2026-03-02 09:00:00'),
      结束时间: new WallTime('2026-03-02 18:00:00'),
      中文名称: '年假',
      原因: '旅行',
      日期: '2026-03-03',
      幂等键: 'HR-0001',
    });
    const { record, problems } = normalizeRow(row, noDefaults);
    expect(problems).toEqual([]);
    expect(record).toMatchObject({ user_id: '10023', date: '20260303' });
    expect(record?.body).toMatchObject({ unit: 1, interval: 28800, idempotent_id: 'HR-0001' });
    expect(record?.hash).not.toBe('HR-0001');
  });

  it('fills uniq_id, names and locale from the catalog, by key or by name', () => {
    for (const type of ['annual', 'Annual Leave', '年假']) {
      const cells = leaveCells({ type, uniq_id: null, 'i18n_names.ch': null });
      const { record, problems } = normalizeRow(rowOf('leaves', cells), catalogDefaults);
      expect(problems).toEqual([]);
      expect(record?.body).toMatchObject({ uniq_id: 'annual01', i18n_names: { ch: '年假', en: 'Annual leave' }, default_locale: 'en' });
    }
    const sick = normalizeRow(rowOf('leaves', leaveCells({ type: 'sick', uniq_id: null })), catalogDefaults);
    expect(sick.record?.body).toMatchObject({ uniq_id: 'sick01', default_locale: 'ch' });
  });

  it('names the known types when the type is unknown', () => {
    const { record, problems } = normalizeRow(rowOf('leaves', leaveCells({ 假期类型: 'holiday', uniq_id: null, 'i18n_names.ch': null })), catalogDefaults);
    expect(record).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ column: '假期类型', field: 'type', code: 'validate.unknownType' });
    expect(problemText(problems[0]!)).toContain('annual, sick');
  });

  it('asks for the type or names when neither is given', () => {
    const { problems } = normalizeRow(rowOf('leaves', leaveCells({ 'i18n_names.ch': null })), noDefaults);
    expect(problems.map((p) => [p.column, p.code])).toEqual([['i18n_names.ch', 'validate.requiredType']]);
  });

  it('refuses an end that is not after the start, and does not also complain about interval', () => {
    for (const end of ['2026-03-02 09:00', '2026-03-02 08:00']) {
      const { problems } = normalizeRow(rowOf('leaves', leaveCells({ end_time: end })), noDefaults);
      expect(problems.map((p) => [p.column, p.code])).toEqual([['end_time', 'validate.endNotAfterStart']]);
    }
  });

  it('reports every bad cell of a row at once, on its own column', () => {
    const row = rowOf('leaves', leaveCells({ user_id: null, unit: 'weeks', start_time: '2026-02-30 09:00', reason: '' }), { row: 17 });
    const { problems } = normalizeRow(row, noDefaults);
    expect(problems.map((p) => [p.row, p.column, p.code]).sort()).toEqual(
      [
        [17, 'reason', 'validate.required'],
        [17, 'start_time', 'validate.impossibleTime'],
        [17, 'unit', 'validate.badEnum'],
        [17, 'user_id', 'validate.required'],
      ].sort(),
    );
  });

  it('warns, without refusing the row, about a uniq_id longer than 13 characters', () => {
    const { record, warnings } = normalizeRow(rowOf('leaves', leaveCells({ uniq_id: '9496E43696967658A512969523E89870' })), noDefaults);
    expect(record).toBeDefined();
    expect(warnings.map((w) => [w.column, w.code])).toEqual([['uniq_id', 'validate.uniqIdLong']]);
  });
});

describe('outs', () => {
  it('requires uniq_id, which the catalog can supply', () => {
    const cells = { user_id: 'u1', type: 'visit', unit: 2, start_time: '2026-03-02 14:00', end_time: '2026-03-02 16:30', reason: '客户' };
    const { record, problems } = normalizeRow(rowOf('outs', cells), catalogDefaults);
    expect(problems).toEqual([]);
    expect(record?.body).toMatchObject({ uniq_id: 'visit01', interval: 9000, i18n_names: { ch: '拜访客户' } });
    const bare = normalizeRow(rowOf('outs', { ...cells, type: null, 'i18n_names.ch': '拜访' }), noDefaults);
    expect(bare.problems.map((p) => [p.column, p.code])).toEqual([['', 'validate.requiredType']]);
  });
});

describe('overtime', () => {
  const cells = { user_id: 'u1', unit: 'hour', category: '休息日', type: '调休', start_time: '2026-03-07 09:00', end_time: '2026-03-07 13:30' };

  it('computes duration in hours or half hours from the times', () => {
    expect(normalizeRow(rowOf('overtime', cells), noDefaults).record?.body).toEqual({
      duration: 4.5,
      unit: 2,
      category: 2,
      type: 1,
      start_time: '2026-03-07 09:00:00',
      end_time: '2026-03-07 13:30:00',
      idempotent_id: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(normalizeRow(rowOf('overtime', { ...cells, unit: 4 }), noDefaults).record?.body.duration).toBe(9);
  });

  it('requires duration for days and half days', () => {
    const { problems } = normalizeRow(rowOf('overtime', { ...cells, unit: 'day', duration: null }), noDefaults);
    expect(problems.map((p) => [p.column, p.code])).toEqual([['duration', 'validate.durationRequired']]);
    expect(normalizeRow(rowOf('overtime', { ...cells, unit: 'day', duration: 0.5 }), noDefaults).record?.body.duration).toBe(0.5);
  });
});

describe('trips', () => {
  const cells = {
    user_id: 'u1',
    start_time: '2026-03-09 08:00',
    end_time: '2026-03-11 20:00',
    reason: '培训',
    approve_pass_time: '2026-03-05 12:00',
    approve_apply_time: '2026-03-05 11:00',
    'departure.region_level': 'city',
    'departure.region_id': '1001',
    'destinations.region_level': 'l3，l3',
    'destinations.region_id': '2001, 2002',
    transportation: '高铁,plane',
    trip_type: 'round_trip',
  };

  it('nests departure, zips destinations and reads the transport list', () => {
    const { record, problems } = normalizeRow(rowOf('trips', cells), noDefaults);
    expect(problems).toEqual([]);
    expect(record?.date).toBe('20260309');
    expect(record?.body).toMatchObject({
      departure: { region_level: 'l3', region_id: '1001' },
      destinations: [
        { region_level: 'l3', region_id: '2001' },
        { region_level: 'l3', region_id: '2002' },
      ],
      transportation: [4, 1],
      trip_type: 2,
    });
  });

  it('says so when destination levels and ids do not pair up', () => {
    const { problems } = normalizeRow(rowOf('trips', { ...cells, 'destinations.region_level': 'l3' }), noDefaults);
    expect(problems.map((p) => [p.column, p.code])).toEqual([['destinations.region_id', 'validate.destinationsMismatch']]);
  });

  it('leaves optional places out when empty', () => {
    const { record } = normalizeRow(rowOf('trips', { ...cells, 'departure.region_level': null, 'departure.region_id': null, 'destinations.region_level': null, 'destinations.region_id': null }), noDefaults);
    expect(record?.body).not.toHaveProperty('departure');
    expect(record?.body).not.toHaveProperty('destinations');
  });
});

describe('remedies', () => {
  const cells = { user_id: 'u1', remedy_date: 20260302, punch_no: 0, work_type: '上班', remedy_time: '2026-03-02 09:00', reason: '忘记打卡' };

  it('builds the whole body, status pending by default', () => {
    const { record, problems } = normalizeRow(rowOf('remedies', cells), noDefaults);
    expect(problems).toEqual([]);
    expect(record).toMatchObject({ date: '20260302', status: 'pending' });
    expect(record?.body).toEqual({ user_id: 'u1', remedy_date: 20260302, punch_no: 0, work_type: 1, remedy_time: '2026-03-02 09:00', reason: '忘记打卡' });
    expect(normalizeRow(rowOf('remedies', { ...cells, 状态: '通过' }), noDefaults).record?.status).toBe('approved');
  });

  it('accepts remedy_time on remedy_date or the next day (night shifts), warns further away; punch_no 0 on free shifts', () => {
    const night = normalizeRow(rowOf('remedies', { ...cells, remedy_time: '2026-03-03 02:00' }), noDefaults);
    expect([night.problems, night.warnings]).toEqual([[], []]);
    expect(night.record?.body.remedy_time).toBe('2026-03-03 02:00');
    const far = normalizeRow(rowOf('remedies', { ...cells, remedy_time: '2026-03-05 09:00' }), noDefaults);
    expect(far.problems).toEqual([]);
    expect(far.warnings.map((p) => [p.column, p.code])).toEqual([['remedy_time', 'validate.remedyDateFar']]);
    const before = normalizeRow(rowOf('remedies', { ...cells, remedy_time: '2026-03-01 23:00' }), noDefaults);
    expect(before.warnings.map((p) => p.code)).toEqual(['validate.remedyDateFar']);
    const free = normalizeRow(rowOf('remedies', { ...cells, work_type: 'free', punch_no: 1 }), noDefaults);
    expect(free.problems.map((p) => [p.column, p.code])).toEqual([['punch_no', 'validate.freeShiftPunchNo']]);
  });

  it('refuses a 19-digit user id typed as a number', () => {
    const { problems } = normalizeRow(rowOf('remedies', { ...cells, user_id: 6863333418483058189 }), noDefaults);
    expect(problems.map((p) => [p.column, p.code])).toEqual([['user_id', 'validate.idDigitsLost']]);
  });
});
