// Every workbook of ../shared/realworld (spreadsheets written by other programs: Excel for every platform, WPS,
// LibreOffice, Numbers, .NET writers, fuzzers…) through the real CLI: the right exit code, every row of the mapped
// ones read, and an exit 2 that is one line naming the problem, never a stack trace. Skipped where that folder is not.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { pool, runCli, type CliRun } from './cli-run.js';

const ROOT = fileURLToPath(new URL('../../../shared/realworld/', import.meta.url));
const MANIFEST = join(ROOT, 'MANIFEST.tsv');

interface Case {
  file: string;
  special: string;
  exits: number[];
  rows: number | undefined;
  args: string[];
}

function cases(): Case[] {
  const [, ...lines] = readFileSync(MANIFEST, 'utf8').split('\n').filter((l) => l.trim());
  return lines.map((line) => {
    const [file = '', , , , special = '', exits = '', rows = '', args = ''] = line.split('\t');
    return { file, special, exits: exits.split(',').map(Number), rows: rows ? Number(rows) : undefined, args: args.split(/\s+/).filter(Boolean) };
  });
}

/** The fields a mapped/ manifest maps headers onto: a wrong read of a header shows as "missing column <one of them>". */
function mappedFields(file: string): string[] {
  if (!file.endsWith('.yaml')) return [];
  const doc = JSON.parse(readFileSync(join(ROOT, file), 'utf8').replace(/^#.*$/gm, '')) as { sources: { columns?: Record<string, string> }[] };
  return doc.sources.flatMap((s) => Object.values(s.columns ?? {}));
}

const present = existsSync(MANIFEST);
if (!present) console.warn(`realworld: ${ROOT} not found; skipping the real-world workbooks`);

describe.skipIf(!present)('real-world workbooks', () => {
  const all = present ? cases() : [];
  const results = new Map<string, CliRun>();
  beforeAll(async () => {
    await pool(all, 3, async (c) => {
      results.set(c.file, await runCli(['--lang', 'en', 'validate', join(ROOT, c.file), ...c.args, '--no-report', '--json']));
    });
  }, 120_000);

  it.each(all.map((c) => [c.file, c] as const))('%s', (_name, c) => {
    const r = results.get(c.file)!;
    const why = `${c.special}\nexit ${r.code}\nstderr: ${r.stderr}\nstdout: ${r.stdout.slice(0, 400)}`;
    expect(c.exits, why).toContain(r.code);
    expect(r.stderr, why).not.toMatch(/internal error|\n\s+at /);
    expect(r.maxRssMb, why).toBeLessThan(300);
    if (r.code === 2) {
      const lines = r.stderr.trim().split('\n');
      expect(lines, why).toHaveLength(1);
      expect(lines[0]!.length, why).toBeLessThanOrEqual(300 + 'feishu-import: '.length);
      for (const field of mappedFields(c.file)) expect(r.stderr, why).not.toContain(`missing column ${field} `);
      // leaves/ holds a sheet named leaves in a readable workbook: the only right refusal is about its columns.
      if (c.file.startsWith('leaves/')) expect(r.stderr, why).toMatch(/missing column|needs one of the columns/);
    } else {
      const doc = JSON.parse(r.stdout) as { valid: number; invalid: number };
      if (c.rows !== undefined) expect(doc.valid + doc.invalid, why).toBe(c.rows);
    }
  });
});
