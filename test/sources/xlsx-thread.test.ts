// A big workbook is parsed on a worker thread (src/sources/xlsx-thread.ts). Whatever the thread, the user must get the
// same rows, notices and errors: compared here on every fixture, on a workbook built to hit each notice and several
// batches, and on broken files. The worker runs compiled code, so this test uses dist/ (built by global-setup).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render } from '../../src/messages/index.js';
import type { MessageRef } from '../../src/messages/said.js';
import type { SourceInput } from '../../src/sources/types.js';
import type { InputRow } from '../../src/types.js';
import { fixture } from './helpers.js';

type XlsxModule = typeof import('../../src/sources/xlsx.js');
type ThreadModule = typeof import('../../src/sources/xlsx-thread.js');
type StartModule = typeof import('../../src/sources/xlsx-thread-start.js');
type MessagesModule = typeof import('../../src/messages/index.js');
const dist = (path: string) => new URL(`../../dist/${path}`, import.meta.url).href;
let direct: XlsxModule['readWorkbookRows'];
let threaded: ThreadModule['readXlsxThreaded'];
let setLang: MessagesModule['setLang'];
let start: StartModule;

interface Outcome {
  rows: InputRow[];
  notices: string[];
  error?: { name: string; message: string };
}

async function run(read: (input: SourceInput, ctx: { onNotice(m: MessageRef): void }) => AsyncIterable<InputRow>, input: SourceInput): Promise<Outcome> {
  const out: Outcome = { rows: [], notices: [] };
  try {
    for await (const row of read(input, { onNotice: (m) => out.notices.push(`${out.rows.length}: ${render(m)}`) })) out.rows.push(row);
  } catch (e) {
    out.error = { name: (e as Error).name, message: (e as Error).message };
  }
  return out;
}

async function expectSame(input: SourceInput): Promise<Outcome> {
  const a = await run(direct, input);
  const b = await run(threaded, input);
  // Same rows (values, classes of date and error cells, row numbers, sheet info), notices at the same place, same error.
  expect(b).toStrictEqual(a);
  return a;
}

/** Two kinds over several batches, an ignored sheet, an empty one, error cells and formulas without a saved result. */
async function busyWorkbook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Notes').addRow(['not a kind']);
  const leaves = wb.addWorksheet('请假');
  leaves.addRow(['工号', 'uniq_id', 'unit', 'start_time', 'end_time', 'reason']);
  for (let i = 0; i < 2500; i++) {
    const row = leaves.addRow([`E${i % 40}`, 'AL01', i % 3 ? 'day' : 1, new Date(Date.UTC(2026, 2, 1 + (i % 28), 9)), `2026-03-0${1 + (i % 9)} 18:00`, `r ${i}`]);
    row.getCell(4).numFmt = 'yyyy-mm-dd hh:mm:ss';
    if (i % 500 === 7) row.getCell(6).value = { formula: 'A1' } as ExcelJS.CellFormulaValue; // no cached result
    if (i % 700 === 3) row.getCell(5).value = { error: '#N/A' } as ExcelJS.CellErrorValue;
  }
  wb.addWorksheet('outs');
  const overtime = wb.addWorksheet('overtime');
  overtime.addRow(['user_id', 'unit', 'category', 'type', 'start_time', 'end_time']);
  for (let i = 0; i < 1200; i++) overtime.addRow([`E${i}`, 'hour', 'workday', 'comp_time', '2026-03-02 19:00', '2026-03-02 21:00']);
  await wb.xlsx.writeFile(path);
}

/** 40,000 leaves with incompressible reasons: a workbook of at least `bytes` (the size read on a thread). */
async function bigWorkbook(path: string, bytes: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  const ws = wb.addWorksheet('leaves');
  ws.addRow(['user_id', 'uniq_id', 'i18n_names.ch', 'unit', 'start_time', 'end_time', 'reason']).commit();
  for (let i = 0; i < 40_000; i++) {
    ws.addRow([`E${i % 900}`, 'AL01', '年假', 'day', `2026-03-01 09:00`, `2026-03-01 18:00`, randomBytes(12).toString('base64')]).commit();
  }
  ws.commit();
  await wb.commit();
  expect((await stat(path)).size).toBeGreaterThanOrEqual(bytes);
}

describe('xlsx on a worker thread', () => {
  let dir = '';
  beforeAll(async () => {
    ({ readWorkbookRows: direct } = (await import(dist('sources/xlsx.js'))) as XlsxModule);
    ({ readXlsxThreaded: threaded } = (await import(dist('sources/xlsx-thread.js'))) as ThreadModule);
    ({ setLang } = (await import(dist('messages/index.js'))) as MessagesModule);
    start = (await import(dist('sources/xlsx-thread-start.js'))) as StartModule;
    dir = await mkdtemp(join(tmpdir(), 'xlsx-thread-'));
    await bigWorkbook(join(dir, 'big.xlsx'), start.THREADED_MIN_BYTES);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each(['dates.xlsx', 'late-workbook.xlsx', 'formula.xlsx', 'formula-no-result.xlsx'])('reads %s as the main thread does', async (name) => {
    const { rows } = await expectSame({ path: fixture(name) });
    expect(rows.length).toBeGreaterThan(0);
  });

  it('reads a workbook of several batches, sheets and notices the same, notices in place', async () => {
    const path = join(dir, 'busy.xlsx');
    await busyWorkbook(path);
    const { rows, notices } = await expectSame({ path });
    expect(rows).toHaveLength(3700);
    // "n: …" = the notice came after n rows: the ignored sheet first, then after the leaves their formulas and the empty sheet.
    expect(notices).toEqual([expect.stringMatching(/^0: .*'Notes'/), expect.stringMatching(/^2500: .*formula/i), expect.stringMatching(/^2500: .*'outs'/)]);
    const onlyLeaves = await expectSame({ path, kind: 'leaves' });
    expect(onlyLeaves.rows).toHaveLength(2500);
  });

  it('writes its messages in the language of the run', async () => {
    setLang('zh');
    try {
      const { notices } = await expectSame({ path: fixture('dates.xlsx') });
      expect(notices[0]).toMatch(/[\u4e00-\u9fff]/);
    } finally {
      setLang('en');
    }
  });

  it.each(['bad/missing-column.xlsx', 'bad/no-known-sheet.xlsx', 'bad/not-a-zip.xlsx', 'bad/truncated.xlsx', 'does-not-exist.xlsx'])(
    'fails on %s with the same InputError',
    async (name) => {
      const { error } = await expectSame({ path: fixture(name) });
      expect(error?.name).toBe('InputError');
    },
  );

  it('reads on the main thread where worker threads are not allowed', async () => {
    const { rows } = await run(direct, { path: fixture('dates.xlsx') });
    // Node's permission model without --allow-worker: creating the worker throws; the rows must come all the same.
    const script = `
      const { readXlsxThreaded } = await import(${JSON.stringify(dist('sources/xlsx-thread.js'))});
      const { readWorkbookRows } = await import(${JSON.stringify(dist('sources/xlsx.js'))});
      let n = 0, fellBack = false;
      const fallback = (input, ctx) => ((fellBack = true), readWorkbookRows(input, ctx));
      for await (const _ of readXlsxThreaded({ path: ${JSON.stringify(fixture('dates.xlsx'))} }, { onNotice() {} }, fallback)) n++;
      console.log(JSON.stringify({ n, fellBack }));`;
    const r = spawnSync(process.execPath, ['--experimental-permission', '--allow-fs-read=*', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(r.stdout)).toEqual({ n: rows.length, fellBack: true });
  });

  it('reads a big workbook on a thread started before the read, and starts none for anything else', async () => {
    const path = join(dir, 'big.xlsx');
    await writeFile(join(dir, 'big.csv'), 'x'.repeat(start.THREADED_MIN_BYTES + 1));
    for (const other of [fixture('dates.xlsx'), join(dir, 'big.csv'), join(dir, 'missing.xlsx')]) {
      start.startReadingEarly([other]);
      expect(start.takeEarlyThread(), other).toBeUndefined();
    }
    start.startReadingEarly(['--report', fixture('dates.xlsx'), path]);
    const early = start.takeEarlyThread();
    expect(early).toBeDefined();
    early!.stop();
    // Started early, the thread is the read's: the rows are the direct read's, and no thread is left over.
    start.startReadingEarly([path]);
    const { rows } = await expectSame({ path });
    expect(rows).toHaveLength(40_000);
    expect(start.takeEarlyThread()).toBeUndefined();
  });

  it('validates a big workbook from the command line, its thread started before the CLI loads', () => {
    // 40,000 leaves of 900 people on one day: each person's first is valid, every other overlaps it.
    const bin = fileURLToPath(new URL('../../bin/feishu-import.js', import.meta.url));
    const r = spawnSync(process.execPath, [bin, '--lang', 'en', 'validate', join(dir, 'big.xlsx'), '--no-report', '--json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: 900, invalid: 39_100 });
  });

  it('does not keep the process alive with a thread started early that nobody reads with', () => {
    const script = `
      const { startReadingEarly, takeEarlyThread } = await import(${JSON.stringify(dist('sources/xlsx-thread-start.js'))});
      const big = ${JSON.stringify(join(dir, 'big.xlsx'))};
      startReadingEarly([big]);
      const first = takeEarlyThread(); // (this one, taken, is the taker's to stop)
      first?.stop();
      startReadingEarly([big]); // and this one nobody takes
      setTimeout(() => console.log(JSON.stringify({ started: !!first })), 500); // while it boots, and after`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect({ status: r.status, signal: r.signal, out: r.stdout.trim() }).toEqual({ status: 0, signal: null, out: '{"started":true}' });
  });

  it('lets a reader stop early without waiting for the rest of the file', async () => {
    const path = join(dir, 'busy.xlsx');
    let n = 0;
    for await (const _ of threaded({ path }, { onNotice: () => {} })) if (++n === 3) break;
    expect(n).toBe(3);
  });
});
