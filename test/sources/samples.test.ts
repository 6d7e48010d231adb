// The sample month is what the README shows: it must read cleanly and hold only sane, valid-looking records.
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { resolveInputs } from '../../src/sources/index.js';
import type { InputRow } from '../../src/types.js';
import { byField, collect } from './helpers.js';

const sample = fileURLToPath(new URL('../../samples/manifest.yaml', import.meta.url));
const minutes = (v: unknown) => {
  const m = /(\d{4}-\d\d-\d\d) (\d\d):(\d\d)/.exec(String(v).replace(/^WallTime\(|\)$/g, ''));
  if (!m) throw new Error(`not a time: ${String(v)}`);
  return { day: m[1]!, at: Number(m[2]) * 60 + Number(m[3]), abs: Date.parse(`${m[1]}T${m[2]}:${m[3]}:00Z`) / 60000 };
};

it('reads the whole sample month without notices', async () => {
  const inputs = await resolveInputs([sample]);
  const { rows, notices } = await collect((ctx) => inputs.rows(ctx));
  expect(notices).toEqual([]);
  const count = (kind: string) => rows.filter((r) => r.sheet.kind === kind).length;
  expect({ leaves: count('leaves'), overtime: count('overtime'), trips: count('trips'), outs: count('outs'), remedies: count('remedies') })
    .toEqual({ leaves: 47 + 4 + 1, overtime: 36, trips: 12, outs: 30 + 1, remedies: 25 + 1 });
  expect(Object.keys(inputs.defaults.catalog.leaves)).toEqual(['annual', 'sick', 'personal']);

  const timed = rows.filter((r) => r.sheet.kind !== 'remedies').map((r: InputRow): Record<string, unknown> => ({ kind: r.sheet.kind, ...byField(r) }));
  for (const r of timed) {
    const [s, e] = [minutes(r.start_time), minutes(r.end_time)];
    expect(e.abs, JSON.stringify(r)).toBeGreaterThan(s.abs);
    if (r.kind !== 'overtime') expect([s.at >= 9 * 60, e.at <= 18 * 60], JSON.stringify(r)).toEqual([true, true]);
  }
  // no two records of one employee overlap, whatever their kind
  const spans = timed.map((r) => ({ user: String(r.user_id), s: minutes(r.start_time).abs, e: minutes(r.end_time).abs }));
  const overlaps = spans.filter((a, i) => spans.some((b, j) => j !== i && a.user === b.user && a.s < b.e && b.s < a.e));
  expect(overlaps).toEqual([]);
  // grouping shows: E003 has a leave, an out and overtime on 2026-03-10
  const e003 = timed.filter((r) => r.user_id === 'E003' && minutes(r.start_time).day === '2026-03-10').map((r) => r.kind);
  expect(new Set(e003)).toEqual(new Set(['leaves', 'outs', 'overtime']));
  const statuses = rows.filter((r) => r.sheet.kind === 'remedies').map((r) => byField(r).status);
  expect(new Set(statuses)).toEqual(new Set(['approved', 'pending', 'rejected']));
});
