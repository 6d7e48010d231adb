import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { verify } from '../../src/index.js';
import { applyInto, csv, leave, LEAVES, REMEDIES, sandboxEnv, tempDir } from './helpers.js';
import { reasonText } from '../../src/messages/index.js';

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const opts = (s: Sandbox) => ({ baseUrl: s.url, env: sandboxEnv(s), out: false as const });

describe('verify', () => {
  it('reports each row as present, missing, different or invalid against what the server holds', async () => {
    sb = await startSandbox();
    const dir = await tempDir();
    const written = [
      await csv(dir, 'written', 'leaves.csv', LEAVES, [leave('E1', '2026-03-02'), leave('E2', '2026-03-03', '家中有事')]),
      await csv(dir, 'written', 'remedies.csv', REMEDIES, ['E1,20260309,0,on,2026-03-09 09:02,忘记打卡', 'E2,20260310,0,off,2026-03-10 18:05,外出']),
    ];
    await applyInto(sb, written, join(dir, 'state'));

    const leaves = await csv(dir, 'check', 'leaves.csv', LEAVES, [
      leave('E1', '2026-03-02'), // row 2: written as it is
      leave('E2', '2026-03-03', '家里有事'), // row 3: written with another reason
      leave('E3', '2026-03-04'), // row 4: never written
      'E4,事假,fortnight,2026-03-05 09:00,2026-03-05 18:00,x', // row 5: invalid unit
    ]);
    const remedies = await csv(dir, 'check', 'remedies.csv', REMEDIES, [
      'E1,20260309,0,on,2026-03-09 09:02,忘记打卡', // present
      'E2,20260310,0,off,2026-03-10 18:05,出门办事', // same remedy, another reason
      'E3,20260311,0,on,2026-03-11 09:01,忘记打卡', // missing
    ]);
    const out = join(dir, 'check', 'verify.xlsx');
    const result = await verify([leaves, remedies], { ...opts(sb), out });

    expect(result.counts).toEqual({ present: 2, missing: 2, different: 2, invalid: 1, unchecked: 0 });
    const byRow = result.rows.map((r) => [r.sheet, r.row, r.status]);
    expect(byRow).toEqual([
      ['leaves', 2, 'present'],
      ['leaves', 3, 'different'],
      ['leaves', 4, 'missing'],
      ['leaves', 5, 'invalid'],
      ['remedies', 2, 'present'],
      ['remedies', 3, 'different'],
      ['remedies', 4, 'missing'],
    ]);
    const records = sb.records();
    const idOf = (user: string) => records.find((r) => r.user_id === user && r.kind === 'leave')?.approval_id;
    expect(result.rows[0]?.approval_id).toBe(idOf('E1'));
    // The changed row names the record it differs from and the field, input value first.
    expect(result.rows[1]?.approval_id).toBe(idOf('E2'));
    expect(reasonText(result.rows[1] ?? {})).toContain("reason: '家里有事' ≠ '家中有事'");
    expect(reasonText(result.rows[5] ?? {})).toContain("reason: '出门办事' ≠ '外出'");
    expect(reasonText(result.rows[3] ?? {})).toMatch(/unit/);

    // The workbook: input columns + verify_status, approval_id, detail; then a summary sheet.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['leaves', 'remedies', 'summary']);
    const ws = wb.getWorksheet('leaves')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([...LEAVES.split(','), 'verify_status', 'approval_id', 'detail']);
    const col = (row: number, c: number) => ws.getRow(row).getCell(c).value;
    expect([2, 3, 4, 5].map((r) => col(r, 7))).toEqual(['present', 'different', 'missing', 'invalid']);
    expect(col(2, 8)).toBe(idOf('E1'));
    const summary = wb.getWorksheet('summary')!;
    expect((summary.getRow(1).values as unknown[]).slice(1)).toEqual(['kind', 'present', 'missing', 'different', 'invalid', 'unchecked', 'total']);
    expect((summary.getRow(2).values as unknown[]).slice(1)).toEqual(['leaves', 1, 1, 1, 1, 0, 4]);
    expect((summary.getRow(4).values as unknown[]).slice(1)).toEqual(['total', 2, 2, 2, 1, 0, 7]);
  });

  it('does not count a revoked record as present', async () => {
    sb = await startSandbox();
    const dir = await tempDir();
    const path = await csv(dir, 'in', 'leaves.csv', LEAVES, [leave('E1', '2026-03-02')]);
    await applyInto(sb, [path], join(dir, 'state'));
    const approval_id = sb.records()[0]!.approval_id;
    const token = await fetch(`${sb.url}/open-apis/auth/v3/tenant_access_token/internal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ app_id: sb.appId, app_secret: sb.appSecret }),
    }).then((r) => r.json() as Promise<{ tenant_access_token: string }>);
    const revoked = await fetch(`${sb.url}/open-apis/attendance/v1/approval_infos/process`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token.tenant_access_token}` },
      body: JSON.stringify({ approval_id, approval_type: 'leave', status: 4 }),
    }).then((r) => r.json() as Promise<{ code: number }>);
    expect(revoked.code).toBe(0);
    const result = await verify([path], opts(sb));
    expect(result.rows.map((r) => r.status)).toEqual(['missing']);
  });

  it('splits a 70-day range into three 30-day query windows', async () => {
    sb = await startSandbox();
    const dir = await tempDir();
    const path = await csv(dir, 'in', 'leaves.csv', LEAVES, [leave('E1', '2026-01-05'), leave('E1', '2026-02-10'), leave('E2', '2026-03-15')]);
    await applyInto(sb, [path], join(dir, 'state'));
    const before = sb.stats().user_approvals_query.requests;
    const result = await verify([path], opts(sb));
    expect(result.counts.present).toBe(3);
    expect(sb.stats().user_approvals_query.requests - before).toBe(3);
    expect(result.requests).toEqual({ user_approvals_query: 3 });
  });

  it('asks about at most 50 users per call', async () => {
    sb = await startSandbox();
    const dir = await tempDir();
    const users = Array.from({ length: 120 }, (_, i) => `U${String(i).padStart(3, '0')}`);
    const path = await csv(dir, 'in', 'leaves.csv', LEAVES, users.map((u) => leave(u, '2026-03-02')));
    // Every other user's leave is written; the check reads all 120 back.
    const half = await csv(dir, 'half', 'leaves.csv', LEAVES, users.filter((_, i) => i % 2 === 0).map((u) => leave(u, '2026-03-02')));
    await applyInto(sb, [half], join(dir, 'state'));
    const result = await verify([path], opts(sb));
    expect(result.counts).toMatchObject({ present: 60, missing: 60 });
    expect(result.rows.filter((r) => r.status === 'present').map((r) => r.row % 2)).toEqual(Array(60).fill(0));
    expect(result.requests).toEqual({ user_approvals_query: 3 });
  });
});
