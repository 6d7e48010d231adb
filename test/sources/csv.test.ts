import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { csvAdapter, kindOfFileName } from '../../src/sources/csv.js';
import type { SourceInput } from '../../src/sources/types.js';
import { byField, collect, fixture, rejection } from './helpers.js';

const read = (input: SourceInput) => collect((ctx) => csvAdapter.read(input, ctx));
const tmp = async (name: string, content: string | Buffer) => {
  const path = join(await mkdtemp(join(tmpdir(), 'fi-csv-')), name);
  await writeFile(path, content);
  return path;
};

describe('csv adapter', () => {
  it('decodes a GBK file as Excel in China saves it, with Chinese headers and a blank line counted', async () => {
    const { rows } = await read({ path: fixture('leaves-gbk.csv'), kind: 'leaves' });
    expect(rows.map((r) => r.row)).toEqual([2, 4]);
    expect(rows[0]?.sheet).toMatchObject({ name: 'leaves-gbk', kind: 'leaves', headers: ['工号', '假期类型ID', '中文名称', '单位', '开始时间', '结束时间', '原因'] });
    expect(rows.map(byField)).toEqual([
      { user_id: 'E001', uniq_id: 'AL01', 'i18n_names.ch': '年假', unit: '天', start_time: '2026-03-02 09:00', end_time: '2026-03-02 18:00', reason: '家中有事,请假一天' },
      { user_id: 'E002', uniq_id: 'AL01', 'i18n_names.ch': '年假', unit: '小时', start_time: '2026/3/3 9:00', end_time: '2026/3/3 11:00', reason: '看病' },
    ]);
  });

  it('takes the kind from the file name and strips a UTF-8 BOM', async () => {
    const { rows } = await read({ path: fixture('2026-03-outs.csv') });
    expect(rows[0]?.sheet.kind).toBe('outs');
    expect(rows[0]?.sheet.headers[0]).toBe('user_id'); // no BOM glued to the first header
    expect(byField(rows[0]!)).toMatchObject({ user_id: 'E005', 'i18n_names.ch': '客户拜访', reason: '拜访客户' });
  });

  it('numbers rows as Excel does: a quoted multi-line field is one row, a row of empty fields is skipped', async () => {
    const { rows } = await read({ path: fixture('remedies_2026-03.csv') });
    expect(rows.map((r) => [r.row, byField(r).user_id, byField(r).reason])).toEqual([
      [2, 'E001', '忘记打卡\n第二行'],
      [4, 'E002', '外出'],
    ]);
  });

  it('forces an encoding when asked', async () => {
    const ok = await tmp('y.csv', iconv.encode('工号,补卡日期,第几次上下班,上下班,补卡时间,原因\nE001,20260309,0,上班,2026-03-09 09:00,漏打卡\n', 'gb18030'));
    const got = await read({ path: ok, kind: 'remedies', encoding: 'gb18030' });
    expect(byField(got.rows[0]!)).toMatchObject({ work_type: '上班', reason: '漏打卡' });
  });

  it('detects GB18030 when the first non-ASCII byte comes late, and UTF-8 with a character cut at a chunk end', async () => {
    const filler = 'E000,20260301,0,on,2026-03-01 09:00,ascii\n'.repeat(3000); // > one 64 kB read chunk
    const head = 'user_id,remedy_date,punch_no,work_type,remedy_time,reason\n';
    const gbk = await tmp('remedies.csv', Buffer.concat([Buffer.from(head + filler), iconv.encode('E001,20260309,0,on,2026-03-09 09:00,漏打卡\n', 'gbk')]));
    const a = await read({ path: gbk });
    expect(a.rows.at(-1)?.values.at(-1)).toBe('漏打卡');
    expect(a.rows.at(-1)?.row).toBe(3002);
    const cjk = 'E001,20260309,0,on,2026-03-09 09:00,忘记打卡忘记打卡\n'.repeat(4000);
    const utf8 = await tmp('补卡.csv', head + cjk);
    const b = await read({ path: utf8 });
    expect(b.rows).toHaveLength(4000);
    expect(b.rows.every((r) => r.values.at(-1) === '忘记打卡忘记打卡')).toBe(true);
  });

  it('refuses a file that turns out not to be UTF-8 when UTF-8 is forced', async () => {
    const path = await tmp('remedies.csv', iconv.encode('user_id,remedy_date,punch_no,work_type,remedy_time,reason\nE001,20260309,0,on,2026-03-09 09:00,漏打卡\n', 'gbk'));
    const e = await rejection(read({ path, encoding: 'utf8' }));
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toMatch(/not valid UTF-8 near line 2/);
  });

  it('names the missing column of a CSV', async () => {
    const path = await tmp('leaves.csv', 'user_id,start_time\nE001,2026-03-02 09:00\n');
    const e = await rejection(read({ path }));
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toMatch(/leaves\.csv, sheet 'leaves': missing column end_time/);
  });

  it('reports an unclosed quote with its line', async () => {
    const path = await tmp('remedies.csv', 'user_id,remedy_date,punch_no,work_type,remedy_time,reason\nE001,20260309,0,on,2026-03-09 09:00,"oops\n');
    const e = await rejection(read({ path }));
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toMatch(/never closed/);
  });

  it('refuses an unknown encoding', async () => {
    const e = await rejection(read({ path: fixture('leaves-gbk.csv'), kind: 'leaves', encoding: 'latin9' }));
    expect(e.message).toMatch(/unknown encoding 'latin9'/);
  });
});

describe('kind from a CSV file name', () => {
  it.each([
    ['leaves.csv', 'leaves'],
    ['Overtime.CSV', 'overtime'],
    ['请假.csv', 'leaves'],
    ['2026-03-leaves.csv', 'leaves'],
    ['leaves_2026-03.csv', 'leaves'],
    ['dir/2026年3月补卡.csv', 'remedies'],
  ])('%s → %s', (name, kind) => expect(kindOfFileName(name)).toBe(kind));

  it('asks for --kind when the name says nothing or too much', () => {
    expect(() => kindOfFileName('export.csv')).toThrow(/pass --kind/);
    expect(() => kindOfFileName('leaves-and-outs.csv')).toThrow(/several kinds \(leaves, outs\)/);
    expect(() => kindOfFileName('leavesreport.csv')).toThrow(InputError);
  });
});
