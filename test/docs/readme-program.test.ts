// The README's "From a program" example is run as it is written (only its import pointed at the built library):
// the docs must not show a program that does not work.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { tempDir } from '../helpers/sandbox.js';
import { month, writeWorkbook } from '../helpers/workbook.js';

describe('README program', () => {
  it('imports a month into the sandbox and prints the diff', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### From a program'));
    const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(code, 'the README has a program').toBeDefined();
    expect(code!.split('\n').length).toBeLessThanOrEqual(26);
    const dir = tempDir();
    await writeWorkbook(join(dir, 'march.xlsx'), month(3, 2, 3));
    const program = join(dir, 'program.mjs');
    writeFileSync(program, code!.replace("from 'feishu-import'", `from ${JSON.stringify(join(ROOT, 'dist', 'index.js'))}`));
    const { stdout } = await promisify(execFile)(process.execPath, [program], { cwd: dir, env: { ...process.env, FEISHU_SANDBOX_DIALECT: process.env.FEISHU_SANDBOX_DIALECT ?? 'classic' } });
    expect(stdout).toMatch(/imported: \{\s*created: 15,/);
    expect(stdout).toMatch(/create: 0, keep: 15, replace: 0, revoke: 0/);
  });
});
