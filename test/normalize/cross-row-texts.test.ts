// CrossRowChecks keeps only seconds for each accepted leave and writes the times back when it reports an overlap.
// The message must still quote the earlier leave's times exactly as its record had them.
import { describe, expect, it } from 'vitest';
import { CrossRowChecks } from '../../src/normalize/cross-row.js';
import type { NormalizedRecord } from '../../src/types.js';
import { problemText } from '../../src/messages/index.js';

const leave = (row: number, start_time: string, end_time: string): NormalizedRecord => ({
  kind: 'leaves',
  ref: { file: 'march.xlsx', sheet: 'leaves', row },
  user_id: 'u1',
  date: '20260302',
  body: { start_time, end_time, reason: `row ${row}` },
  hash: `hash-${row}`,
  identity: `leave-${row}`,
});

describe('overlap messages quote the earlier times as they were', () => {
  it.each([
    ['2026-03-02 09:00:00', '2026-03-02 12:00:00'],
    ['2028-02-29 23:00:00', '2028-03-01 01:30:59'],
    ['2026-03-02 09:00', '2026-03-02 12:00'], // to the minute: not the usual form, kept as written
  ])('%s – %s', (start, end) => {
    const checks = new CrossRowChecks();
    expect(checks.add(leave(2, start, end))).toEqual([]);
    const [p] = checks.add(leave(3, start, end));
    expect(p?.code).toBe('validate.overlap');
    expect(p && problemText(p)).toContain(`(${start} – ${end})`);
  });
});
