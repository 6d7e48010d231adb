// apply from the command line: credentials, refusals, and secrets that never leave the process.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { cleanEnv, ROOT, runCli } from '../helpers/cli.js';
import { cliEnvFor, tempDir, withSandbox } from '../helpers/sandbox.js';
import { month, writeWorkbook } from '../helpers/workbook.js';

const SECRET = 'S3cr3t-app-secret-do-not-leak';
const TOKEN = /t-[0-9a-f]{40}/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('apply (CLI)', () => {
  it('refuses to run without credentials, naming the variable (exit 2)', async () => {
    const r = await runCli(['apply', join(ROOT, 'samples/manifest.yaml'), '--out', join(tempDir(), 'r.xlsx'), '--state', tempDir()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/FEISHU_APP_ID/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses plain http to anything but this machine (exit 2)', async () => {
    const env = cleanEnv({ FEISHU_APP_ID: 'cli_x', FEISHU_APP_SECRET: SECRET });
    const r = await runCli(['apply', join(ROOT, 'samples/manifest.yaml'), '--base-url', 'http://open.feishu.cn', '--state', tempDir()], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/http/i);
    expect(r.stderr).not.toContain(SECRET);
  });

  it('never writes the app secret or a token to output, logs, the journal or the workbooks', async () => {
    const dir = tempDir();
    const input = join(dir, 'm.xlsx');
    await writeWorkbook(input, month(3, 2, 3));
    await withSandbox({ appSecret: SECRET }, async (sb) => {
      sb.inject({ endpoint: 'user_approvals', when: 'before', action: 'status500', times: 2 });
      const env = cleanEnv(cliEnvFor(sb));
      const runs = [await runCli(['apply', input], { env }), await runCli(['apply', input, '--json'], { env }), await runCli(['history', input], { env })];
      expect(runs[0]?.code).toBe(0);
      expect(JSON.parse(runs[1]?.stdout ?? '{}')).toMatchObject({ counts: { exists: 15 } });
      sb.expireTokens();
      // A wrong secret: the error must not echo it either.
      const wrong = await runCli(['apply', input, '--state', tempDir()], { env: cleanEnv({ ...cliEnvFor(sb), FEISHU_APP_SECRET: `${SECRET}-wrong` }) });
      expect(wrong.code).not.toBe(0);
      runs.push(wrong);
      for (const r of runs) {
        expect(r.stdout + r.stderr).not.toContain(SECRET);
        expect(r.stdout + r.stderr).not.toMatch(TOKEN);
      }
      const written = filesUnder(dir);
      expect(written.some((f) => f.endsWith('journal.jsonl'))).toBe(true);
      expect(written.some((f) => f.endsWith('m.results.xlsx'))).toBe(true);
      for (const f of written) {
        // xlsx files are zips: look inside the deflated parts too.
        const text = f.endsWith('.xlsx') ? await unzipText(f) : readFileSync(f, 'latin1');
        expect(text, f).not.toContain(SECRET);
        expect(text, f).not.toMatch(TOKEN);
      }
    });
  });
});

async function unzipText(path: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const parts = await Promise.all(Object.values(zip.files).map((f: JSZip.JSZipObject) => f.async('string')));
  return parts.join('\n');
}
