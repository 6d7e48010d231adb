// Ctrl-C: nothing new starts, what is in flight finishes and is recorded, the results workbook is written with the
// unsent rows `skipped`, the exit code is non-zero — and running the same command again finishes the job.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/journal/index.js';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { signalWhenWriting } from '../helpers/signals.js';
import { cliEnvFor, tempDir, withSandbox } from '../helpers/sandbox.js';
import { month, writeWorkbook } from '../helpers/workbook.js';

describe('Ctrl-C during apply', () => {
  it('finishes what is in flight, records it, writes the results, exits 1; a re-run completes', async () => {
    const dir = tempDir();
    const input = join(dir, 'm.xlsx');
    const state = join(dir, 'state');
    const out = join(dir, 'results.xlsx');
    await writeWorkbook(input, month(10, 6, 0));
    await withSandbox({ latencyMs: { min: 50, max: 100 } }, async (sb) => {
      const env = cleanEnv(cliEnvFor(sb));
      const stopped = await signalWhenWriting(['apply', input, '--state', state, '--out', out, '--rate', '5', '--json'], env, sb, { signal: 'SIGINT', after: 4, jitterMs: 500 });
      expect(stopped.code).toBe(1);
      const doc = JSON.parse(stopped.stdout) as { interrupted: boolean; counts: Record<string, number> };
      expect(doc.interrupted).toBe(true);
      expect(doc.counts.skipped).toBeGreaterThan(0);
      expect(doc.counts.created).toBeGreaterThan(0);
      // What the server holds is exactly what the run says it created: in-flight requests were waited for.
      expect(sb.records()).toHaveLength(doc.counts.created ?? -1);
      expect(existsSync(out)).toBe(true);
      const journal = await readJournal(state);
      expect(journal.unresolvedIntents()).toEqual([]);
      expect(journal.runs().at(-1)).toMatchObject({ interrupted: true, unfinished: false });

      const rest = await runCli(['apply', input, '--state', state, '--out', out, '--json'], { env });
      expect(rest.code).toBe(0);
      expect(JSON.parse(rest.stdout)).toMatchObject({ counts: { created: 120 - (doc.counts.created ?? 0), exists: doc.counts.created } });
      expect(sb.duplicates()).toEqual([]);
    });
  });
});
