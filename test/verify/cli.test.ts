import { Command } from 'commander';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerVerify } from '../../src/cli/commands/verify.js';
import { ConfigError } from '../../src/errors.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { verify } from '../../src/index.js';
import { applyInto, csv, leave, LEAVES, sandboxEnv, tempDir } from './helpers.js';

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

/** Runs `feishu-import verify …` through commander; returns stdout and the exit code. */
async function run(args: string[]): Promise<{ out: string; code: number }> {
  const program = new Command('feishu-import').exitOverride();
  registerVerify(program);
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  process.exitCode = undefined;
  await program.parseAsync(['verify', ...args], { from: 'user' });
  vi.restoreAllMocks();
  return { out, code: Number(process.exitCode ?? 0) };
}

async function setup(): Promise<{ dir: string; path: string }> {
  sb = await startSandbox();
  const dir = await tempDir();
  await applyInto(sb, [await csv(dir, 'written', 'leaves.csv', LEAVES, [leave('E1', '2026-03-02')])], join(dir, 'state'));
  const path = await csv(dir, 'check', 'leaves.csv', LEAVES, [leave('E1', '2026-03-02'), leave('E2', '2026-03-02')]);
  vi.stubEnv('FEISHU_APP_ID', sb.appId);
  vi.stubEnv('FEISHU_APP_SECRET', sb.appSecret);
  return { dir, path };
}

describe('verify command', () => {
  it('--json prints one document with the counts and the rows that are not present, and exits 1', async () => {
    const { dir, path } = await setup();
    const { out, code } = await run([path, '--base-url', sb!.url, '--json']);
    expect(code).toBe(1);
    const doc = JSON.parse(out);
    expect(doc).toMatchObject({ present: 1, missing: 1, different: 0, invalid: 0, workbook: join(dir, 'check', 'leaves.verify.xlsx') });
    expect(doc.rows).toEqual([{ file: path, sheet: 'leaves', row: 3, kind: 'leaves', status: 'missing', approval_id: null, detail: 'not found in Feishu' }]);
  });

  it('exits 0 and prints a summary when every row is present', async () => {
    const { dir } = await setup();
    const path = await csv(dir, 'ok', 'leaves.csv', LEAVES, [leave('E1', '2026-03-02')]);
    const { out, code } = await run([path, '--base-url', sb!.url, '--no-out']);
    expect(code).toBe(0);
    expect(out).toContain('present 1, missing 0, different 0, invalid 0');
    expect(out).not.toContain('verify workbook');
  });

  it('with --sandbox asks an empty sandbox: every row is missing', async () => {
    const dir = await tempDir();
    const path = await csv(dir, 'in', 'leaves.csv', LEAVES, [leave('E1', '2026-03-02')]);
    const { out, code } = await run([path, '--sandbox', '--no-out']);
    expect(code).toBe(1);
    expect(out).toContain('leaves › row 2: missing');
  });

  it('fails as a configuration error when Feishu refuses the read-back', async () => {
    sb = await startSandbox();
    const dir = await tempDir();
    const path = await csv(dir, 'in', 'leaves.csv', LEAVES, [leave('E1', '2026-03-02')]);
    await expect(verify([path], { baseUrl: sb.url, env: { ...sandboxEnv(sb), FEISHU_APP_SECRET: 'wrong' }, out: false })).rejects.toBeInstanceOf(ConfigError);
  });
});
