// undo of a run: everything it wrote withdrawn (revoked, or a pending remedy rejected), nothing sent twice,
// resumable after an interruption, and a record of what was done per row.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/journal/index.js';
import { undo } from '../../src/index.js';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { against, cliEnvFor, tempDir, withSandbox } from '../helpers/sandbox.js';
import { importMonth, live, processRequests, sheetRows } from './helpers.js';

describe('undo', () => {
  it('withdraws every record of the latest run, and a second undo changes nothing', async () => {
    const dir = tempDir();
    await withSandbox({}, async (sb) => {
      const { state, result } = await importMonth(sb, dir, 3, 2, 6);
      expect(result.counts.created).toBe(18);
      const res = await undo({ ...against(sb), state });
      expect(res.target).toBe(result.runId);
      expect(res.rows).toHaveLength(18);
      // 6 leaves + 6 overtime + 2 approved remedies revoked, 2 pending remedies rejected, 2 rejected ones left as they are.
      expect(res.counts).toEqual({ updated: 16, exists: 2 });
      expect(res.rows.filter((r) => r.action === 'reject').map((r) => r.kind)).toEqual(['remedies', 'remedies']);
      expect(live(sb)).toEqual([]);
      expect(sb.records().every((r) => (r.kind === 'remedy' ? [1, 4] : [4]).includes(r.status))).toBe(true);

      // What it did, per row, where the row came from.
      const sheet = await sheetRows(res.resultsPath!, 'undo');
      expect(res.resultsPath).toBe(join(state, `undo-${result.runId}.xlsx`));
      expect(sheet).toHaveLength(18);
      expect(sheet[0]).toMatchObject({ source_file: expect.stringContaining('march.xlsx'), source_sheet: 'leaves', source_row: 2, kind: 'leaves', action: 'revoke', status: 'updated' });

      const sent = processRequests(sb);
      const again = await undo({ ...against(sb), state, out: false });
      expect(again.target).toBe(result.runId);
      expect(again.counts).toEqual({ exists: 18 });
      expect(processRequests(sb)).toBe(sent);

      // Both undos are recorded runs.
      const runs = (await readJournal(state)).runs().map((r) => r.command);
      expect(runs).toEqual(['apply', 'undo', 'undo']);
    });
  });

  it('resumes an interrupted undo without sending anything twice', async () => {
    const dir = tempDir();
    await withSandbox({ latencyMs: 5 }, async (sb) => {
      const { state } = await importMonth(sb, dir, 4, 3, 0);
      const controller = new AbortController();
      // At 2 requests a second most of the 24 are still waiting for the limiter when the user presses Ctrl-C.
      const first = await undo({ ...against(sb), state, rate: 2, out: false, signal: controller.signal, events: { onProgress: (_endpoint, done) => done === 2 && controller.abort() } });
      expect(first.interrupted).toBe(true);
      const revoked = first.counts.updated ?? 0;
      expect(revoked).toBeGreaterThan(0);
      expect(first.counts.skipped).toBe(24 - revoked);
      expect(live(sb)).toHaveLength(24 - revoked);

      const second = await undo({ ...against(sb), state, out: false });
      expect(second.counts).toEqual({ exists: revoked, updated: 24 - revoked });
      expect(live(sb)).toEqual([]);
      // One request per record over both runs.
      expect(processRequests(sb)).toBe(24);
    });
  });

  it('--dry-run lists what would be done and sends nothing', async () => {
    const dir = tempDir();
    await withSandbox({}, async (sb) => {
      const { state } = await importMonth(sb, dir, 1, 1, 3);
      const before = processRequests(sb);
      const res = await undo({ ...against(sb), state, dryRun: true, out: false });
      expect(res.runId).toBeUndefined();
      expect(res.rows.map((r) => [r.kind, r.action, r.status])).toEqual([
        ['leaves', 'revoke', 'planned'],
        ['overtime', 'revoke', 'planned'],
        ['remedies', 'revoke-or-reject', 'planned'],
        ['remedies', 'revoke-or-reject', 'planned'],
        // Created rejected (the month's third remedy): nothing to withdraw.
        ['remedies', 'none', 'exists'],
      ]);
      expect(processRequests(sb)).toBe(before);
    });
  });

  it('from the command line: undo, --json, and a clear error for an unknown run', async () => {
    const dir = tempDir();
    await withSandbox({}, async (sb) => {
      const { state, result } = await importMonth(sb, dir, 2, 1, 2);
      const env = cleanEnv(cliEnvFor(sb));
      const text = await runCli(['undo', '--state', state], { env });
      expect(text.code).toBe(0);
      expect(text.stdout).toContain(`march.xlsx › leaves › row 2  leaves`);
      expect(text.stdout).toMatch(/undo of run \S+: updated 6/);
      expect(existsSync(join(state, `undo-${result.runId}.xlsx`))).toBe(true);

      const json = await runCli(['undo', '--state', state, '--run', result.runId!, '--json', '--no-out'], { env });
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout)).toMatchObject({ undone_run: result.runId, counts: { exists: 6 }, workbook: null });

      const unknown = await runCli(['undo', '--state', state, '--run', 'nope'], { env });
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('no run nope');
    });
  });
});
