// Inputs that would make a naive reader hang, balloon or mislead, through the real CLI: each is refused at once with
// one line (or, for a merge key, simply read), within 300 MB and 30 s.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { writeBook } from '../fixtures/hostile.js';
import { pool, runCli, type CliRun, expectContract } from './cli-run.js';

interface Case {
  name: string;
  make: (path: string) => Promise<unknown>;
  exit: number;
  says?: RegExp;
  rows?: number;
  valid?: number;
}

const CSV_HEADER = 'user_id,uniq_id,i18n_names.ch,unit,start_time,end_time,reason';
const LEAVE = "{user_id: E001, uniq_id: AL01, i18n_names: {ch: 年假}, unit: day, reason: r, start_time: '2026-03-02 09:00:00', end_time: '2026-03-02 18:00:00'}";
const laughs = () => {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const p = String.fromCharCode(96 + i);
    lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${p}`).join(',')}]`);
  }
  return `${lines.join('\n')}\nleaves: []\n`;
};
const mkfifo = (path: string) => {
  try {
    execFileSync('mkfifo', [path]);
    return true;
  } catch {
    return false;
  }
};

const cases: Case[] = [
  { name: 'laughs.yaml', make: (p) => writeFile(p, laughs()), exit: 2, says: /too many alias expansions/ },
  { name: 'long-string.yaml', make: (p) => writeFile(p, `leaves:\n  - reason: "${'x'.repeat(40_000)}"\n`), exit: 2, says: /long-string\.yaml:2:\d+: a value of 40000 characters/ },
  { name: 'huge.yaml', make: (p) => writeFile(p, `leaves:\n  - reason: "${'x'.repeat(9 * 2 ** 20)}"\n`), exit: 2, says: /too large for a manifest \(9\.0 MB; at most 8\.0 MB\)/ },
  { name: 'merge-keys.yaml', make: (p) => writeFile(p, `leaves:\n  - &base ${LEAVE}\n  - <<: *base\n    user_id: E002\n  - <<: [*base]\n    user_id: E003\n`), exit: 0, rows: 3, valid: 3 },
  { name: 'leaves.csv', make: (p) => symlink('/dev/zero', p), exit: 2, says: /leaves\.csv: not a regular file/ },
  { name: 'fifo/leaves.csv', make: async (p) => (mkfifo(p) ? undefined : symlink('/dev/null', p)), exit: 2, says: /not a regular file/ },
  { name: 'nul/leaves.csv', make: (p) => writeFile(p, `${CSV_HEADER}\nE001,a\u0000b\n`), exit: 2, says: /row 2, column 2 holds a NUL byte/ },
  { name: 'wide/leaves.csv', make: (p) => writeFile(p, `${CSV_HEADER}\nE001${',x'.repeat(100_000)}\n`), exit: 2, says: /row 2 has 100001 columns, more than the 16384/ },
  { name: 'line/leaves.csv', make: (p) => writeFile(p, `${CSV_HEADER}\n${'x'.repeat(9 * 2 ** 20)}`), exit: 2, says: /a row starting at line 2 is larger than 8 M characters/ },
  { name: 'book/leaves.csv', make: (p) => writeBook(join(p, '..'), 'leaves.csv'), exit: 2, says: /leaves\.csv: this is an Excel workbook \(\.xlsx\) saved with a \.csv name/ },
  {
    name: 'long-cell/leaves.csv',
    make: (p) => writeFile(p, `${CSV_HEADER}\nE001,AL01,年假,day,2026-03-02 09:00:00,2026-03-02 18:00:00,${'x'.repeat(40_000)}\n`),
    exit: 1,
    rows: 1,
  },
];

describe('bounded reading', () => {
  let dir: string;
  const results = new Map<string, CliRun>();
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fi-bounded-'));
    await pool(cases, 2, async (c) => {
      const path = join(dir, c.name);
      execFileSync('mkdir', ['-p', join(path, '..')]);
      await c.make(path);
      results.set(c.name, await runCli(['--lang', 'en', 'validate', path, '--no-report', '--json'], { timeoutMs: 30_000 }));
    });
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => expectContract(results.get(c.name)!, c));
});
