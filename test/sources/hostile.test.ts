// Unusual and hostile workbooks, built at test time (test/fixtures/hostile.ts), through the real CLI: each gets its
// documented exit and, for exit 2, one line naming the problem, within 300 MB and 30 s.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { HEADER, ROW, inlineBomb, sheetXml, stringsBomb, writeBook, type Book } from '../fixtures/hostile.js';
import { pool, runCli, type CliRun, expectContract } from './cli-run.js';

interface Case {
  name: string;
  book: () => Promise<Book> | Book;
  exit: number;
  /** For exit 2: what the one line must say. For exit 0/1: how many rows must be read. */
  says?: RegExp;
  rows?: number;
}

const rows = (n: number) => [HEADER, ...Array.from({ length: n }, (_, i) => ROW(i + 1))];

const cases: Case[] = [
  { name: 'plain.xlsx', book: () => ({}), exit: 0, rows: 1 },
  { name: 'prefixed.xlsx', book: () => ({ prefix: 'x:', idPrefix: 'ns2', sheets: [{ name: 'leaves', xml: sheetXml(rows(3), 'x:') }] }), exit: 0, rows: 3 },
  { name: 'relationships-id.xlsx', book: () => ({ idPrefix: 'relationships' }), exit: 0, rows: 1 },
  {
    name: 'targets-from-root.xlsx',
    book: () => ({ tweak: (es) => es.map((e) => (e.name === 'xl/_rels/workbook.xml.rels' ? { ...e, data: String(e.data).replace(/Target="/g, 'Target="xl/') } : e)) }),
    exit: 0,
    rows: 1,
  },
  { name: 'workbook-elsewhere.xlsx', book: () => ({ bookPath: 'wtf/book.xml', absoluteTargets: true }), exit: 0, rows: 1 },
  {
    name: 'backslashes-and-case.xlsx',
    book: () => ({ tweak: (es) => es.map((e) => (e.name.startsWith('xl/') ? { ...e, name: e.name.replace(/\//g, '\\').toUpperCase() } : e)) }),
    exit: 0,
    rows: 1,
  },
  { name: 'trailing-bytes.xlsx', book: () => ({ trailing: Buffer.alloc(911, 0x41) }), exit: 0, rows: 1 },
  { name: 'utf16.xlsx', book: () => ({ utf16: true, sheets: [{ name: 'leaves', xml: sheetXml(rows(2)) }] }), exit: 0, rows: 2 },
  { name: 'no-styles.xlsx', book: () => ({ styles: null, sheets: [{ name: 'leaves', xml: sheetXml([HEADER, [...ROW(1).slice(0, 3), 1, ...ROW(1).slice(4)]]) }] }), exit: 0, rows: 1 },
  { name: 'empty-styles.xlsx', book: () => ({ styles: '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>', sheets: [{ name: 'leaves', xml: sheetXml([HEADER, [...ROW(1).slice(0, 3), { v: 1, s: 3 }, ...ROW(1).slice(4)]]) }] }), exit: 0, rows: 1 },
  {
    name: 'malformed-midway.xlsx',
    book: () => ({ sheets: [{ name: 'leaves', xml: sheetXml(rows(3000)).replace('<row r="2500">', '<row r="2500"><c><v>1</c>') }] }),
    exit: 2,
    says: /sheet 'leaves': damaged sheet XML at line 1, column \d+/,
  },
  {
    name: 'xml-entity-bomb.xlsx',
    book: () => ({ sheets: [{ name: 'leaves', xml: sheetXml(rows(1)).replace('<worksheet', '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet').replace('>r1<', '>&b;<') }] }),
    exit: 2,
    says: /sheet 'leaves': damaged sheet XML at line 1, column \d+ \(undefined entity/,
  },
  { name: 'truncated-xml.xlsx', book: () => ({ sheets: [{ name: 'leaves', xml: sheetXml(rows(50)).slice(0, -40) }] }), exit: 2, says: /sheet 'leaves': damaged sheet XML/ },
  {
    name: 'bad-crc.xlsx',
    book: () => ({ tweak: (es) => es.map((e) => (e.name.includes('sheet1') ? { ...e, crc: 12345 } : e)) }),
    exit: 2,
    says: /damaged workbook \(xl\/worksheets\/sheet1\.xml fails its CRC-32 check\)/,
  },
  {
    name: 'duplicate-names.xlsx',
    book: () => ({ tweak: (es) => [...es, { ...es.find((e) => e.name.includes('sheet1'))!, name: 'XL/worksheets/sheet1.xml', data: sheetXml(rows(2)) }] }),
    exit: 2,
    says: /damaged workbook \(two entries named XL\/worksheets\/sheet1\.xml\)/,
  },
  { name: 'encrypted-entry.xlsx', book: () => ({ tweak: (es) => es.map((e) => (e.name.includes('sheet1') ? { ...e, encrypted: true } : e)) }), exit: 2, says: /damaged workbook \(encrypted entry/ },
  { name: 'size-lie.xlsx', book: () => ({ sheets: [{ name: 'leaves', xml: sheetXml(rows(200)) }], tweak: (es) => es.map((e) => (e.name.includes('sheet1') ? { ...e, declaredSize: 1000 } : e)) }), exit: 2, says: /damaged workbook/ },
  { name: 'sheet-too-large.xlsx', book: () => ({ tweak: (es) => es.map((e) => (e.name.includes('sheet1') ? { ...e, declaredSize: 0xf0000000 } : e)) }), exit: 2, says: /too large to read safely \(xl\/worksheets\/sheet1\.xml is larger than 1024 MB\)/ },
  { name: 'strings-bomb.xlsx', book: async () => ({ sharedStrings: await stringsBomb({ chars: 110 * 2 ** 20 }) }), exit: 2, says: /too large to read safely \(xl\/sharedStrings\.xml/ },
  { name: 'strings-count-bomb.xlsx', book: async () => ({ sharedStrings: await stringsBomb({ count: 1_000_001 }) }), exit: 2, says: /too large to read safely \(xl\/sharedStrings\.xml holds more than 1,000,000 strings\)/ },
  {
    name: 'inline-cell-bomb.xlsx',
    book: async () => {
      const bomb = await inlineBomb(200);
      return { tweak: (es) => es.map((e) => (e.name.includes('sheet1') ? { ...e, data: '', deflated: bomb } : e)) };
    },
    exit: 1,
    rows: 1,
  },
  { name: 'column-past-XFD.xlsx', book: () => ({ sheets: [{ name: 'leaves', xml: sheetXml([HEADER, [...ROW(1), { raw: '<c r="XFE2"><v>1</v></c>' }]]) }] }), exit: 2, says: /cell XFE2 is outside the sheet/ },
  { name: 'many-sheets.xlsx', book: () => ({ sheets: Array.from({ length: 300 }, (_, i) => ({ name: `Sheet number ${i + 1}`, xml: sheetXml([['a']]) })) }), exit: 2, says: /sheets found: Sheet number 1, .* … and \d+ more; expected/ },
];

describe('hostile and unusual workbooks', () => {
  let dir: string;
  const results = new Map<string, CliRun>();
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fi-hostile-'));
    await pool(cases, 2, async (c) => {
      const t0 = performance.now();
      const path = await writeBook(dir, c.name, await c.book());
      const t1 = performance.now();
      results.set(c.name, await runCli(['--lang', 'en', 'validate', path, '--no-report', '--json']));
      if (process.env.TIMING) console.log(c.name, Math.round(t1 - t0), Math.round(performance.now() - t1));
    });
  }, 180_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => expectContract(results.get(c.name)!, c));
});

