import { describe, expect, it } from 'vitest';
import { compareApprovals, fieldDiffs } from '../../src/verify/compare.js';
import { dateWindows } from '../../src/verify/query.js';
import type { NormalizedRecord } from '../../src/types.js';
import { reasonText } from '../../src/messages/index.js';

describe('dateWindows', () => {
  it('covers every date with windows of at most 30 days, both ends included', () => {
    expect(dateWindows(['20260105', '20260210', '20260315', '20260203'])).toEqual([
      { from: '20260105', to: '20260203' },
      { from: '20260210', to: '20260311' },
      { from: '20260315', to: '20260413' },
    ]);
  });

  it('spends no call on a stretch without dates', () => {
    expect(dateWindows(['20250101', '20260301'])).toHaveLength(2);
    expect(dateWindows([])).toEqual([]);
  });
});

describe('fieldDiffs', () => {
  it('names each field the server holds with another value, input first', () => {
    expect(fieldDiffs({ reason: '家里有事', unit: 1, idempotent_id: 'a' }, { reason: '家中有事', unit: '1', idempotent_id: 'b' })).toEqual([
      "reason: '家里有事' ≠ '家中有事'",
    ]);
  });

  it('does not count a field the server does not echo as different', () => {
    expect(fieldDiffs({ reason: 'x', default_locale: 'ch' }, { reason: 'x' })).toEqual([]);
  });
});

describe('compareApprovals', () => {
  const body = { unit: 1, start_time: '2026-03-02 09:00:00', end_time: '2026-03-02 18:00:00', i18n_names: { ch: '事假', en: 'Personal' }, reason: 'r', idempotent_id: 'mine' };
  const record = { kind: 'leaves', user_id: 'E1', date: '20260302', body, ref: { file: 'f', sheet: 'leaves', row: 2 } } as unknown as NormalizedRecord;

  it('takes a record with the same content under another idempotent_id as present (names in any key order)', () => {
    const item = { ...body, i18n_names: { en: 'Personal', ch: '事假' }, idempotent_id: 'theirs', approval_id: '42' };
    const v = compareApprovals([record], [{ kind: 'leaves', user_id: 'E1', date: '20260302', item }]).get(record);
    expect(v).toMatchObject({ status: 'present', approval_id: '42' });
    expect(reasonText(v ?? {})).toContain('theirs');
  });

  it('does not match a record of another user or kind', () => {
    const item = { ...body, approval_id: '42' };
    const v = compareApprovals([record], [{ kind: 'outs', user_id: 'E1', date: '20260302', item }, { kind: 'leaves', user_id: 'E2', date: '20260302', item }]).get(record);
    expect(v?.status).toBe('missing');
  });
});
