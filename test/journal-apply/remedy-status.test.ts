// A remedy whose approve/reject failed is not "done": the next run finds it pending on the server and finishes it,
// whatever the journal says about its creation.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apply } from '../../src/index.js';
import { against, tempDir, withSandbox } from '../helpers/sandbox.js';
import { REMEDY_HEADER, writeWorkbook } from '../helpers/workbook.js';

describe('remedy status follow-up', () => {
  it('is retried by the next run when it failed, without creating the remedy again', async () => {
    const dir = tempDir();
    const input = join(dir, 'r.xlsx');
    const state = join(dir, 'state');
    await writeWorkbook(input, { remedies: [REMEDY_HEADER, ['E1', 20260302, 0, 'on', '2026-03-02 09:00', 'forgot', 'approved']] });
    await withSandbox({}, async (sb) => {
      sb.inject({ endpoint: 'approval_infos_process', when: 'before', action: 'status500', times: 10 });
      const first = await apply([input], { ...against(sb), state, out: false });
      expect(first.counts.failed).toBe(1);
      expect(sb.records().map((r) => r.status)).toEqual([0]);
      sb.clearFaults();
      const second = await apply([input], { ...against(sb), state, out: false });
      expect(second.counts).toMatchObject({ exists: 1, failed: 0 });
      expect(sb.records().map((r) => r.status)).toEqual([2]);
    });
  });
});
