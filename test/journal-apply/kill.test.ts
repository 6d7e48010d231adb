// Crash safety of apply, with real processes: SIGKILL at random instants while a flaky server answers (faults
// after the write, connection resets), then a final run. Feishu must end with every record exactly once —
// with the state folder kept, and with it deleted before the final run.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { signalWhenWriting } from '../helpers/signals.js';
import { cliEnvFor, tempDir, withSandbox } from '../helpers/sandbox.js';
import { month, writeWorkbook } from '../helpers/workbook.js';
import type { Sandbox } from '../../src/sandbox/index.js';

const KILLS = 10;
const USERS = 10;
const DAYS = 6;
const REMEDIES = 30;
/** Slower than Feishu's 50/s so that each killed run gets only part of the way. */
const RATE = '4';

function injectFaults(sb: Sandbox): void {
  sb.inject({ endpoint: 'user_approvals', when: 'after', action: 'status500', probability: 0.15 });
  sb.inject({ endpoint: 'user_approvals', when: 'after', action: 'reset', probability: 0.1 });
  sb.inject({ endpoint: 'user_task_remedys', when: 'after', action: 'reset', probability: 0.2 });
  sb.inject({ endpoint: 'user_task_remedys', when: 'after', action: 'status500', probability: 0.1 });
  sb.inject({ endpoint: 'approval_infos_process', when: 'after', action: 'reset', probability: 0.1 });
}

async function statuses(path: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const out: string[] = [];
  wb.eachSheet((ws) => {
    if (ws.name === 'summary') return;
    const col = (ws.getRow(1).values as unknown[]).map(String).indexOf('status');
    ws.eachRow((row, n) => {
      if (n > 1) out.push(String(row.getCell(col).value));
    });
  });
  return out;
}

// How a repeated idempotent_id is answered is the dialect's (FEISHU_SANDBOX_DIALECT; the suite runs under each).
// `sliced`: the runs go in slices of 15 records (FEISHU_IMPORT_SLICE_RECORDS), so kills land between slices too.
describe.each([
  { keepState: true, sliced: false },
  { keepState: false, sliced: false },
  { keepState: true, sliced: true },
])('apply killed $KILLS times (state kept: $keepState, in slices: $sliced)', ({ keepState, sliced }) => {
  it('ends with every record exactly once, and the final results say so row by row', async () => {
    const dir = tempDir();
    const input = join(dir, 'month.xlsx');
    const state = join(dir, 'state');
    await writeWorkbook(input, month(USERS, DAYS, REMEDIES));
    await withSandbox({ latencyMs: { min: 20, max: 120 } }, async (sb) => {
      injectFaults(sb);
      // Sliced: the records, the outcomes and the journal's parts go to temporary folders (in a TMPDIR of its own).
      const tmp = join(dir, 'tmp');
      mkdirSync(tmp);
      const env = cleanEnv({ ...cliEnvFor(sb), TMPDIR: tmp, ...(sliced ? { FEISHU_IMPORT_SLICE_RECORDS: '15', FEISHU_IMPORT_JOURNAL_SPLIT_BYTES: '0' } : {}) });
      const ours = () => readdirSync(tmp).filter((n) => n.startsWith('feishu-import-'));
      const seen: number[] = [];
      for (let i = 0; i < KILLS; i++) {
        // Kill at a random instant once the run has written something new (the first time: before it could).
        const when = i === 0 ? { deadlineMs: 200 } : { jitterMs: 600 };
        await signalWhenWriting(['apply', input, '--state', state, '--no-out', '--json', '--rate', RATE], env, sb, { signal: 'SIGKILL', ...when });
        seen.push(sb.records().length);
      }
      // The kills really interrupted work in progress: records grew across several kills, and were not all there.
      expect(new Set(seen).size, `records after each kill: ${seen.join(', ')}`).toBeGreaterThanOrEqual(3);
      expect(seen.at(-1)).toBeLessThan(USERS * DAYS * 2 + REMEDIES);
      expect(sb.duplicates()).toEqual([]);
      if (!keepState) rmSync(state, { recursive: true, force: true });
      sb.clearFaults();
      const out = join(dir, 'results.xlsx');
      // A killed run cannot remove its folders (people's ids and reasons): the next run does.
      if (sliced) expect(ours().length).toBeGreaterThan(0);
      const final = await runCli(['apply', input, '--state', state, '--out', out, '--json'], { env });
      expect(ours()).toEqual([]);
      expect(final.stderr).toBe('');
      expect(final.code).toBe(0);
      const live = sb.records().filter((r) => r.status !== 3 && r.status !== 4);
      expect(live.filter((r) => r.kind !== 'remedy')).toHaveLength(USERS * DAYS * 2);
      expect(live.filter((r) => r.kind === 'remedy')).toHaveLength(REMEDIES);
      expect(sb.duplicates()).toEqual([]);
      const rows = await statuses(out);
      expect(rows).toHaveLength(USERS * DAYS * 2 + REMEDIES);
      expect(rows.filter((s) => s !== 'created' && s !== 'exists')).toEqual([]);
    });
  });
});
