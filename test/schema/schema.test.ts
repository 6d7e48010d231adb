import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeRow } from '../../src/normalize/record.js';
import { schemaProblems, schemaUrl, validateObject } from '../../src/schema/index.js';
import { KINDS } from '../../src/types.js';
import { leaveCells, noDefaults, rowOf } from '../normalize/rows.js';
import { problemText } from '../../src/messages/index.js';

// The request example of the API page (copied from shared/feishu-api/attendance-user_approvals-create.md), minus the fields the importer never sends (process ids are set by Feishu).
const page = readFileSync(new URL('../fixtures/api/user_approvals-create.request.json', import.meta.url), 'utf8');
const example = JSON.parse(page).user_approval;
const strip = ({ correct_process_id: _a, cancel_process_id: _b, process_id: _c, ...rest }: Record<string, unknown>) => rest;
const withGroup = (item: Record<string, unknown>) => ({ user_id: example.user_id, date: example.date, ...strip(item) });

describe('schemas', () => {
  it('are documented: an $id, and a description on every property', () => {
    for (const kind of KINDS) {
      const schema = JSON.parse(readFileSync(schemaUrl(kind), 'utf8'));
      expect(schema.$id).toBe(`feishu-import:schemas/${kind}`);
      expect(schema.additionalProperties).toBe(false);
      for (const [name, prop] of Object.entries(schema.properties as Record<string, { description?: string }>)) {
        expect(prop.description, `${kind}.${name}`).toBeTruthy();
      }
    }
  });

  it("accept the API page's own request example", () => {
    expect(validateObject('leaves', withGroup(example.leaves[0]))).toEqual([]);
    expect(validateObject('outs', withGroup(example.outs[0]))).toEqual([]);
    expect(validateObject('overtime', withGroup(example.overtime_works[0]))).toEqual([]);
    expect(validateObject('trips', withGroup(example.trips[0]))).toEqual([]);
    const remedy = { user_id: 'abd754f7', remedy_date: 20210701, punch_no: 0, work_type: 1, remedy_time: '2021-07-01 08:00', reason: '忘记打卡' };
    expect(validateObject('remedies', remedy)).toEqual([]);
    expect(validateObject('remedies', { ...remedy, time: '-' })).not.toEqual([]);
  });
});

describe('schema errors on cells', () => {
  it('pins each error to the column that holds the field, in plain words', () => {
    const row = rowOf('leaves', leaveCells({ '时长(秒)': 0 }), { file: 'a.xlsx', sheet: '请假', row: 9 });
    const { problems } = normalizeRow(row, noDefaults);
    expect(problems).toEqual([
      {
        file: 'a.xlsx',
        sheet: '请假',
        row: 9,
        column: '时长(秒)',
        field: 'interval',
        code: 'validate.minimum',
        params: { field: '时长(秒) (interval)', found: '0', limit: '1' },
      },
    ]);
    expect(problemText(problems[0]!)).toBe('0 is too small for 时长(秒) (interval): the least allowed is 1.');
  });

  it('names a required field that has no column at all', () => {
    const cells = leaveCells();
    delete cells.reason;
    const { problems } = normalizeRow(rowOf('leaves', cells), noDefaults);
    expect(problems.map((p) => [p.column, p.field, p.code])).toEqual([['', 'reason', 'validate.requiredNoColumn']]);
    expect(problemText(problems[0]!)).toContain('Add a column headed reason');
  });

  it('maps nested and list positions to the dotted column', () => {
    const row = rowOf('trips', { 'destinations.region_level': 'l3', 'i18n_names.ch': 'x', 'departure.region_id': '1' });
    const data = {
      user_id: 'u',
      date: '20260302',
      start_time: '2026-03-02 09:00:00',
      end_time: '2026-03-02 19:00:00',
      reason: 'r',
      approve_pass_time: '2026-03-02 09:00',
      approve_apply_time: '2026-03-02 08:00:00',
      destinations: [{ region_level: 'l3' }, { region_level: 'l9' }],
      departure: {},
    };
    const problems = schemaProblems(row, validateObject('trips', data));
    expect(problems.map((p) => [p.column, p.field, p.code])).toEqual([
      ['', 'approve_pass_time', 'validate.pattern'],
      ['departure.region_id', 'departure', 'validate.required'],
      ['destinations.region_level', 'destinations.region_level', 'validate.enum'],
    ]);
    expect(problemText(problems[0]!)).toBe('"2026-03-02 09:00" does not have the expected form for approve_pass_time, e.g. 2026-03-02 09:00:00.');
  });

  it('speaks Chinese when asked', async () => {
    const { setLang } = await import('../../src/messages/index.js');
    setLang('zh');
    try {
      const { problems } = normalizeRow(rowOf('leaves', leaveCells({ user_id: null })), noDefaults);
      expect(problemText(problems[0]!)).toBe('user_id 为必填项，但单元格为空。请填写。');
    } finally {
      setLang('en');
    }
  });
});
