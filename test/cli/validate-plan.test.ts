// The command line as a user meets it: exit codes, one-line errors, reports and payloads.
import { existsSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cleanEnv, ROOT, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/sandbox.js';
import { at, LEAVE_HEADER, writeWorkbook } from '../helpers/workbook.js';

const SAMPLES = join(ROOT, 'samples');
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('validate', () => {
  it('accepts the sample month (exit 0)', async () => {
    const r = await runCli(['validate', join(SAMPLES, 'manifest.yaml'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ invalid: 0, errors: [] });
  });

  it('pins every problem to file, sheet, row and column, writes a report that can be fixed and fed back (exit 1)', async () => {
    const dir = tempDir();
    const input = join(dir, 'march.xlsx');
    await writeWorkbook(input, {
      leaves: [
        LEAVE_HEADER,
        ['E1', 'AL01', '年假', 'day', at('2026-03-02 09:00'), at('2026-03-02 18:00'), 'fine'],
        ['E2', 'AL01', '年假', 'weeks', at('2026-03-02 09:00'), at('2026-03-02 18:00'), '=HYPERLINK("x")'],
        ['E3', 'AL01', '年假', 'day', '2026-13-02 09:00', at('2026-03-02 18:00'), 'bad month'],
        ['E1', 'AL01', '年假', 'day', at('2026-03-02 09:00'), at('2026-03-02 18:00'), 'fine'],
      ],
    });
    const r = await runCli(['validate', input, '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { valid: number; invalid: number; errors: Array<Record<string, unknown>>; report: string };
    expect(doc).toMatchObject({ valid: 1, invalid: 3 });
    expect(doc.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: input, sheet: 'leaves', row: 3, column: 'unit', field: 'unit' }),
        expect.objectContaining({ sheet: 'leaves', row: 4, column: 'start_time', field: 'start_time' }),
        expect.objectContaining({ sheet: 'leaves', row: 5 }),
      ]),
    );
    // The duplicate names the first row.
    expect(String(doc.errors.find((e) => e.row === 5)?.message)).toMatch(/2/);
    expect(doc.report).toBe(join(dir, 'march.errors.xlsx'));
    expect(existsSync(doc.report)).toBe(true);

    // The report holds only the invalid rows; fix them there and validate the report itself.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(doc.report);
    const ws = wb.getWorksheet('leaves');
    if (!ws) throw new Error('no leaves sheet in the report');
    expect(ws.actualRowCount).toBe(4);
    expect(ws.getRow(2).getCell(7).value).toBe('=HYPERLINK("x")'); // text, not a formula
    expect(ws.getRow(2).getCell(7).formula).toBeUndefined();
    ws.getRow(2).getCell(4).value = 'day';
    ws.getRow(3).getCell(5).value = '2026-03-03 09:00';
    ws.getRow(3).getCell(6).value = '2026-03-03 18:00';
    ws.spliceRows(4, 1);
    const fixed = join(dir, 'fixed.xlsx');
    await wb.xlsx.writeFile(fixed);
    const again = await runCli(['validate', fixed, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ valid: 2, invalid: 0 });
    expect(again.code).toBe(0);
  });

  it.each([
    ['a missing file', ['nope.xlsx'], /nope\.xlsx.*not found/],
    ['a text file renamed .xlsx', [join(ROOT, 'test/fixtures/bad/not-a-zip.xlsx')], /not a readable \.xlsx/],
    ['a truncated workbook', [join(ROOT, 'test/fixtures/bad/truncated.xlsx')], /not a readable \.xlsx/],
    ['no known sheet', [join(ROOT, 'test/fixtures/bad/no-known-sheet.xlsx')], /no sheet named after a record kind/],
    ['a missing column', [join(ROOT, 'test/fixtures/bad/missing-column.xlsx')], /missing column end_time \(accepted headers: end_time, 结束时间/],
    ['an unknown option', ['--frobnicate', join(SAMPLES, 'manifest.yaml')], /unknown option/],
  ])('refuses %s with one line and exit 2', async (_name, args, message) => {
    const r = await runCli(['validate', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    noStack(r.stderr);
  });

  it('names line and column of a YAML syntax error, and an unknown manifest key', async () => {
    const dir = tempDir();
    const broken = join(dir, 'm.yaml');
    writeFileSync(broken, 'employee_type: employee_id\nleaves:\n  - user_id: E1\n    reason: [unclosed\n');
    const r1 = await runCli(['validate', broken]);
    expect(r1.code).toBe(2);
    expect(r1.stderr.trim().split('\n')).toHaveLength(1);
    expect(r1.stderr).toMatch(/m\.yaml:\d+:\d+: YAML/);
    const unknown = join(dir, 'u.yaml');
    writeFileSync(unknown, 'employee_type: employee_id\nemploye_typo: x\n');
    const r2 = await runCli(['validate', unknown]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/employe_typo/);
    expect(r2.stderr).toMatch(/u\.yaml:2\b/);
    noStack(r2.stderr);
  });

  it('names the manifest when one of its sources is missing, and says so when there are no rows at all', async () => {
    const dir = tempDir();
    const manifest = join(dir, 'm.yaml');
    writeFileSync(manifest, 'sources:\n  - path: nope.xlsx\n');
    const r = await runCli(['validate', manifest]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.xlsx: file not found');
    expect(r.stderr).toContain(`sources of ${manifest}`);
    const headerOnly = join(dir, 'leaves.csv');
    writeFileSync(headerOnly, 'user_id,start_time,end_time,unit,reason,type\n');
    const e = await runCli(['validate', headerOnly, '--json']);
    expect(JSON.parse(e.stdout)).toMatchObject({ valid: 0, invalid: 0, notices: [expect.stringMatching(/no rows/)] });
  });

  it('refuses open_id with remedies in one line naming the manifest key and the allowed values (exit 2)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'remedies.csv'), 'user_id,remedy_date,punch_no,work_type,remedy_time,reason\nou_1,20260302,0,on,2026-03-02 09:00,forgot\n');
    const manifest = join(dir, 'm.yaml');
    writeFileSync(manifest, 'employee_type: open_id\nsources:\n  - path: remedies.csv\n');
    const r = await runCli(['validate', manifest]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/employee_type \(.*m\.yaml\) is open_id, but remedies can only be sent with employee_id or employee_no/);
    noStack(r.stderr);
    const flag = await runCli(['plan', join(dir, 'remedies.csv'), '--employee-type', 'open_id']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^feishu-import: --employee-type is open_id/);
  });

  it('speaks Chinese with --lang zh or LANG=zh_CN', async () => {
    const r = await runCli(['validate', 'nope.xlsx'], { env: cleanEnv({ LANG: 'zh_CN.UTF-8' }) });
    expect(r.stderr).toMatch(/[\u4e00-\u9fff]/);
    const s = await runCli(['--lang', 'zh', 'validate', join(SAMPLES, 'manifest.yaml')]);
    expect(s.stdout).toMatch(/有效/);
  });
});

describe('plan', () => {
  it('shows the requests without sending, and writes the exact payloads', async () => {
    const dir = tempDir();
    const payloads = join(dir, 'p.jsonl');
    const r = await runCli(['plan', join(SAMPLES, 'manifest.yaml'), '--payloads', payloads, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { requests: Record<string, number>; payloads: Array<{ endpoint: string; body: { user_approval?: { user_id: string; date: string } } }> };
    const lines = readFileSync(payloads, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as (typeof doc.payloads)[number]);
    expect(lines).toHaveLength(doc.payloads.length);
    expect(lines.filter((l) => l.endpoint === 'user_approvals')).toHaveLength(doc.requests.user_approvals ?? -1);
    // One request per user and day: no (user, date) twice.
    const keys = lines.flatMap((l) => (l.body.user_approval ? [`${l.body.user_approval.user_id}|${l.body.user_approval.date}`] : []));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('template', () => {
  it('writes a workbook that, once filled in, validates', async () => {
    const dir = tempDir();
    const out = join(dir, 't.xlsx');
    const r = await runCli(['template', '--out', out]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('leaves');
    if (!ws) throw new Error('no leaves sheet');
    const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const row = ws.getRow(2);
    const fill: Record<string, unknown> = { user_id: 'E1', uniq_id: 'AL01', 'i18n_names.ch': '年假', unit: 'day', start_time: at('2026-03-02 09:00'), end_time: at('2026-03-02 18:00'), reason: '家中有事' };
    headers.forEach((h, i) => {
      if (h in fill) row.getCell(i + 1).value = fill[h] as ExcelJS.CellValue;
    });
    row.commit();
    const filled = join(dir, 'filled.xlsx');
    await wb.xlsx.writeFile(filled);
    copyFileSync(filled, join(dir, 'copy.xlsx'));
    const v = await runCli(['validate', filled, '--json']);
    expect(JSON.parse(v.stdout)).toMatchObject({ valid: 1, invalid: 0 });
  });
});

describe('output into a closed pipe', () => {
  it('stops quietly when the reader goes away (plan … | head -1)', async () => {
    const { spawn } = await import('node:child_process');
    const { BIN } = await import('../helpers/cli.js');
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'plan', join(SAMPLES, 'manifest.yaml')], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      // Closed before the first line: every write the command makes meets a pipe with no reader.
      child.stdout.destroy();
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(result.stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(result.code).toBe(0);
  });
});
