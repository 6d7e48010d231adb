// A row whose record was written earlier with other content (a fixed typo) must not silently become a second
// record: it is a conflict, and --replace revokes the earlier one before writing the new one.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apply } from '../../src/index.js';
import { against, tempDir, withSandbox } from '../helpers/sandbox.js';
import { at, LEAVE_HEADER, writeWorkbook } from '../helpers/workbook.js';

const leave = (reason: string) => ({
  leaves: [LEAVE_HEADER, ['E1', 'AL01', '年假', 'day', at('2026-03-02 09:00'), at('2026-03-02 18:00'), reason], ['E2', 'AL01', '年假', 'day', at('2026-03-02 09:00'), at('2026-03-02 18:00'), 'unchanged']],
});

describe('conflict detection', () => {
  it('reports a changed row as conflict, and --replace revokes the earlier record first', async () => {
    const dir = tempDir();
    const input = join(dir, 'm.xlsx');
    const state = join(dir, 'state');
    await withSandbox({}, async (sb) => {
      await writeWorkbook(input, leave('家里有事 typo'));
      const first = await apply([input], { ...against(sb), state, out: false });
      expect(first.counts.created).toBe(2);
      const earlier = sb.records().find((r) => r.user_id === 'E1')?.approval_id;

      await writeWorkbook(input, leave('家里有事'));
      const second = await apply([input], { ...against(sb), state, out: false });
      expect(second.counts).toMatchObject({ conflict: 1, exists: 1, created: 0 });
      expect([...second.outcomes.all()].find((o) => o.status === 'conflict')).toMatchObject({ approval_id: earlier, ref: { row: 2 } });
      expect(sb.records()).toHaveLength(2);

      const third = await apply([input], { ...against(sb), state, out: false, replace: true });
      expect(third.counts).toMatchObject({ created: 1, exists: 1 });
      const e1 = sb.records().filter((r) => r.user_id === 'E1');
      expect(e1.map((r) => [r.status, r.content.reason])).toEqual([
        [4, '家里有事 typo'],
        [2, '家里有事'],
      ]);
      // And once replaced, it is settled: a fourth run changes nothing.
      const fourth = await apply([input], { ...against(sb), state, out: false });
      expect(fourth.counts).toMatchObject({ exists: 2 });
    });
  });
});
