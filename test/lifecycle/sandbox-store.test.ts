// The persisted sandbox behind `--sandbox`: what one command wrote, the next one finds; a damaged file is named.
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { apply } from '../../src/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { against, tempDir } from '../helpers/sandbox.js';
import { month, writeWorkbook } from '../helpers/workbook.js';

describe('sandbox persistence', () => {
  it('keeps records and CoreHR tasks across restarts, owner-only, with ids that keep increasing', async () => {
    const dir = tempDir();
    const persistPath = join(dir, 'store', 'sandbox.json');
    const input = join(dir, 'm.xlsx');
    await writeWorkbook(input, month(2, 1, 2));
    const first = await startSandbox({ persistPath });
    await apply([input], { ...against(first), state: join(dir, 'state'), out: false });
    first.seedCorehr([{ process_id: 'P', approver_id: 'A', user_id: 'u' }]);
    const written = first.records();
    await first.close();
    expect(statSync(persistPath).mode & 0o777).toBe(0o600);

    const second = await startSandbox({ persistPath });
    try {
      expect(second.records()).toEqual(written);
      expect(second.corehrTasks()).toEqual([{ process_id: 'P', approver_id: 'A', user_id: 'u', status: 'pending' }]);
      // The same rows again: the restarted server still knows their idempotent ids, so nothing is written twice.
      const again = await apply([input], { ...against(second), state: join(dir, 'other-state'), out: false });
      expect(again.counts.failed).toBe(0);
      expect(second.duplicates()).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it('names a damaged store file instead of starting empty', async () => {
    const persistPath = join(tempDir(), 'sandbox.json');
    writeFileSync(persistPath, '{"version": 1, "records": ');
    const err = await startSandbox({ persistPath }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain(persistPath);
  });
});
