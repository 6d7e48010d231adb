import { Command } from 'commander';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerHistory } from '../../src/cli/commands/history.js';
import { openJournal, readJournal } from '../../src/journal/index.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { history } from '../../src/verify/history.js';
import { intent, outcome, rec, start, tempStateDir } from '../journal/helpers.js';
import { applyInto, csv, leave, LEAVES, tempDir } from '../verify/helpers.js';

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function run(args: string[]): Promise<{ out: string; code: number }> {
  const program = new Command('feishu-import').exitOverride();
  registerHistory(program);
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  await program.parseAsync(['history', ...args], { from: 'user' });
  vi.restoreAllMocks();
  return { out, code: Number(process.exitCode ?? 0) };
}

/** Two runs: r1 finished (with its counts), r2 killed after one outcome (counted from its outcomes). */
async function journalWithTwoRuns(): Promise<string> {
  const dir = await tempStateDir();
  const j = await openJournal(dir);
  await j.append(start('r1'));
  await j.append(intent('r1', 'q1', [rec('h1'), rec('h2', 'id-h2', 3)]));
  await j.append(outcome('r1', 'q1', 'ok', [['h1', 'created', 'A1'], ['h2', 'created', 'A2']]));
  await j.append({ t: 'run-end', run: 'r1', finishedAt: '2026-03-01T10:00:00.000Z', counts: { created: 2, failed: 1 } });
  await j.append(start('r2'));
  await j.append(intent('r2', 'q2', [rec('h3', 'id-h3', 4)]));
  await j.append(outcome('r2', 'q2', 'ok', [['h3', 'created', 'A3']]));
  await j.close();
  return dir;
}

describe('history', () => {
  it('lists the runs in order with their counts; a run without an end is unfinished', async () => {
    const dir = await journalWithTwoRuns();
    const { runs, exists } = await history({ state: dir });
    expect(exists).toBe(true);
    expect(runs.map((r) => [r.run, r.command, r.counts, r.unfinished])).toEqual([
      ['r1', 'apply', { created: 2, failed: 1 }, false],
      ['r2', 'apply', { created: 1 }, true],
    ]);
    // history keeps only the runs of the journal (a big month's confirmations are ≈ 490 MB): the same runs as the whole.
    expect(runs).toEqual((await readJournal(dir)).runs());
  });

  it('--json prints the runs; text mode one line per run', async () => {
    const dir = await journalWithTwoRuns();
    const { out, code } = await run(['--state', dir, '--json']);
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(doc.state).toBe(dir);
    expect(doc.runs[0]).toMatchObject({ run: 'r1', command: 'apply', finished_at: '2026-03-01T10:00:00.000Z', counts: { created: 2, failed: 1 }, interrupted: false, unfinished: false, inputs: [{ path: 'in.xlsx', sha256: 'abc' }] });
    expect(doc.runs[1]).toMatchObject({ run: 'r2', finished_at: null, unfinished: true });
    const text = await run(['--state', dir]);
    expect(text.out).toMatch(/^r1 {2}apply {2}.* {2}created 2, failed 1$/m);
    expect(text.out).toMatch(/^r2 .*created 1 {2}unfinished/m);
  });

  it('finds the state folder from the inputs as apply does, and sees a real apply run', async () => {
    sb = await startSandbox();
    const dir = await tempDir();
    const path = await csv(dir, 'in', 'leaves.csv', LEAVES, [leave('E1', '2026-03-02'), leave('E2', '2026-03-02')]);
    await applyInto(sb, [path], join(dir, 'in', '.feishu-import'));
    await applyInto(sb, [path], join(dir, 'in', '.feishu-import'));
    const { runs } = await history({ inputs: [path] });
    expect(runs.map((r) => [r.command, r.counts.created ?? 0, r.counts.exists ?? 0, r.unfinished])).toEqual([
      ['apply', 2, 0, false],
      ['apply', 0, 2, false],
    ]);
    expect(runs[0]?.inputs.map((i) => i.path)).toEqual([path]);
  });

  it('without a state folder says so and exits 0 with no runs', async () => {
    const dir = await tempDir();
    expect(await history({ cwd: dir })).toEqual({ dir: join(dir, '.feishu-import'), exists: false, runs: [], notices: [] });
    const { out, code } = await run(['--state', join(dir, 'nowhere')]);
    expect(code).toBe(0);
    expect(out).toContain('no state folder at');
  });

  it('refuses a state path that is a file (exit 2 via ConfigError)', async () => {
    const dir = await tempDir();
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'file'), 'x');
    await expect(history({ state: join(dir, 'file') })).rejects.toThrow(/not a directory/);
  });
});
