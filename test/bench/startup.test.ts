// Startup is most of the wall time of `validate` on a small file, and all of `--help`: each command loads only what it
// uses (bench:parse measures the rest). Checked on the built CLI by the modules a run leaves loaded, not by timing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The npm packages (and exceljs's entry point) loaded by running the CLI with `args` in a fresh process. */
function packagesLoadedBy(args: string[]): string[] {
  const script = `
    import { createRequire } from 'node:module';
    const { main } = await import('./dist/cli/main.js');
    process.stdout.write = () => true;
    await main(${JSON.stringify(args)});
    const names = Object.keys(createRequire(import.meta.url).cache).flatMap((k) => {
      const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)(\\/excel\\.js)?/.exec(k);
      return m ? [m[2] ? 'exceljs (whole)' : m[1]] : [];
    });
    process.stderr.write(JSON.stringify([...new Set(names)]));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  return JSON.parse(r.stderr) as string[];
}

// undici and bottleneck (HTTP), eventemitter3 (listr2's progress display), all of exceljs (the workbook writer).
const NETWORK_AND_WRITERS = ['undici', 'bottleneck', 'eventemitter3', 'exceljs (whole)'];

describe('startup loads only what the command needs', () => {
  it('--help loads no schema compiler, reader or writer', () => {
    const loaded = packagesLoadedBy(['--help']);
    for (const name of [...NETWORK_AND_WRITERS, 'ajv', 'exceljs', 'yaml']) expect(loaded).not.toContain(name);
  });

  it.each([['test/fixtures/2026-03-outs.csv'], ['test/fixtures/formula.xlsx']])('validate %s loads neither the network nor the writers', (input) => {
    const loaded = packagesLoadedBy(['validate', input, '--no-report', '--json']);
    expect(loaded).toContain('ajv');
    for (const name of NETWORK_AND_WRITERS) expect(loaded).not.toContain(name);
  });

  it('the writer is loaded when a report is written', () => {
    const report = join(mkdtempSync(join(tmpdir(), 'startup-')), 'errors.xlsx');
    const loaded = packagesLoadedBy(['validate', 'test/fixtures/formula.xlsx', '--json', '--report', report]);
    expect(loaded).toContain('exceljs (whole)');
  });
});
