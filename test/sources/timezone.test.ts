// Date cells are wall-clock times: reading them must not depend on the machine's time zone.
// Set before anything reads a date (vitest runs each test file in its own process).
process.env.TZ = 'America/Los_Angeles';

import { expect, it } from 'vitest';
import { xlsxAdapter } from '../../src/sources/xlsx.js';
import { byField, collect, fixture } from './helpers.js';

it('reads the times Excel shows, in a time zone far from UTC', async () => {
  expect(new Date(2026, 2, 2, 9).getTimezoneOffset()).toBe(480); // the zone is really in effect
  const { rows } = await collect((ctx) => xlsxAdapter.read({ path: fixture('dates.xlsx') }, ctx));
  const times = rows.map((r) => [byField(r).start_time ?? byField(r).remedy_date, byField(r).end_time ?? byField(r).remedy_time]);
  expect(times).toEqual([
    ['WallTime(2026-03-02 09:00:00)', 'WallTime(2026-03-02 18:00:00)'],
    ['2026-03-03 09:00', '2026/3/3 18:00'],
    ['WallTime(2026-03-04 00:00:00)', 'WallTime(2026-03-04 18:30:00)'],
    ['2026-03-05 14:00:00', '2026-03-05 16:00:00'],
    ['WallTime(2026-03-06 09:59:59)', 'WallTime(2026-03-06 11:00:01)'],
    ['WallTime(2026-03-09 00:00:00)', 'WallTime(2026-03-09 09:02:00)'],
    [20260310, '2026-03-10 18:05'],
  ]);
});
