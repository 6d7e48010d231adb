// apply end to end against the sandbox over real HTTP: every row written exactly once, and accounted for.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { apply } from '../../src/index.js';
import { against, tempDir, withSandbox } from '../helpers/sandbox.js';
import { at, LEAVE_HEADER, month, writeWorkbook } from '../helpers/workbook.js';
import { reasonText } from '../../src/messages/index.js';

async function readStatuses(path: string, sheet: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const header = (ws.getRow(1).values as unknown[]).map(String);
  const col = header.indexOf('status');
  const out: string[] = [];
  ws.eachRow((row, n) => {
    if (n > 1) out.push(String(row.getCell(col).value));
  });
  return out;
}

describe('apply', () => {
  it('writes every row once, groups per user and day, and a re-run only confirms', async () => {
    const dir = tempDir();
    const input = join(dir, 'march.xlsx');
    await writeWorkbook(input, month(4, 3, 6));
    await withSandbox({}, async (sb) => {
      const out = join(dir, 'results.xlsx');
      const first = await apply([input], { ...against(sb), out });
      expect(first.counts).toMatchObject({ created: 30, failed: 0, invalid: 0 });
      // 4 users × 3 days = 12 groups: leave + overtime of one user-day travel in one request.
      expect(first.requests.user_approvals).toBe(12);
      expect(sb.records().filter((r) => r.kind !== 'remedy')).toHaveLength(24);
      expect(sb.records().filter((r) => r.kind === 'remedy').map((r) => r.status).sort()).toEqual([0, 0, 1, 1, 2, 2]);
      expect(sb.duplicates()).toEqual([]);
      expect(await readStatuses(out, 'leaves')).toEqual(Array(12).fill('created'));
      expect(await readStatuses(out, 'remedies')).toEqual(Array(6).fill('created'));

      const again = await apply([input], { ...against(sb), out });
      expect(again.counts).toMatchObject({ exists: 30, created: 0 });
      expect(again.requests.user_approvals ?? 0).toBe(0);
      expect(again.requests.user_task_remedys ?? 0).toBe(0);
      expect(sb.duplicates()).toEqual([]);
    });
  });

  it('sends nothing for an invalid row, still writes the others, and says which row failed', async () => {
    const dir = tempDir();
    const input = join(dir, 'mixed.xlsx');
    await writeWorkbook(input, {
      leaves: [
        LEAVE_HEADER,
        ['E1', 'AL01', '年假', 'day', at('2026-03-02 09:00'), at('2026-03-02 18:00'), 'ok'],
        ['E2', 'AL01', '年假', 'fortnight', at('2026-03-02 09:00'), at('2026-03-02 18:00'), 'bad unit'],
        ['E3', 'AL01', '年假', 'day', at('2026-03-02 18:00'), at('2026-03-02 09:00'), 'ends before it starts'],
      ],
    });
    await withSandbox({}, async (sb) => {
      const out = join(dir, 'r.xlsx');
      const res = await apply([input], { ...against(sb), out });
      expect(res.counts).toMatchObject({ created: 1, invalid: 2 });
      expect(sb.records().map((r) => r.user_id)).toEqual(['E1']);
      expect(await readStatuses(out, 'leaves')).toEqual(['created', 'invalid', 'invalid']);
    });
  });

  it('attributes a 1225001 to the record Feishu named and still writes the rest of that request', async () => {
    const dir = tempDir();
    const input = join(dir, 'm.xlsx');
    await writeWorkbook(input, month(2, 1));
    await withSandbox({}, async (sb) => {
      sb.rejectWhen((kind, _item, user) => (kind === 'overtime' && user === 'E0001' ? 'overtime rule not found' : undefined));
      const out = join(dir, 'r.xlsx');
      const res = await apply([input], { ...against(sb), out });
      expect(res.counts).toMatchObject({ created: 3, failed: 1 });
      const failed = [...res.outcomes.all()].filter((o) => o.status === 'failed');
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatchObject({ ref: { sheet: 'overtime', row: 2 }, error_code: '1225001' });
      // A server that names no record (dialect 'opaque'): each record of the request is sent alone to find it.
      if (sb.dialect.partialFailure !== 'opaque') expect(reasonText(failed[0] ?? {})).toContain('overtime rule not found');
      expect(sb.records().map((r) => `${r.kind}:${r.user_id}`).sort()).toEqual(['leave:E0001', 'leave:E0002', 'overtime:E0002']);
    });
  });

  it('loses no row and writes none twice on a rate-limited, flaky, token-expiring server', async () => {
    const dir = tempDir();
    const input = join(dir, 'm.xlsx');
    await writeWorkbook(input, month(10, 4, 20));
    await withSandbox({ rateLimitStatus: 400, latencyMs: { min: 5, max: 30 } }, async (sb) => {
      sb.inject({ endpoint: 'user_approvals', when: 'after', action: 'status500', probability: 0.1 });
      sb.inject({ endpoint: 'user_approvals', when: 'before', action: 'reset', probability: 0.05 });
      sb.inject({ endpoint: 'user_task_remedys', when: 'after', action: 'reset', probability: 0.2 });
      sb.inject({ endpoint: 'user_task_remedys', when: 'before', action: 'code1225000', probability: 0.1 });
      sb.inject({ endpoint: 'user_approvals', when: 'before', action: 'ratelimit', times: 5 });
      sb.inject({ endpoint: 'user_task_remedys', when: 'before', action: 'ratelimit', times: 3 });
      const timer = setTimeout(() => sb.expireTokens(), 300);
      const res = await apply([input], { ...against(sb), state: join(dir, 'state'), out: false });
      clearTimeout(timer);
      sb.clearFaults();
      // Whatever failed transiently is settled by one more run; nothing may exist twice.
      const settled = res.counts.failed ? await apply([input], { ...against(sb), state: join(dir, 'state'), out: false }) : res;
      expect(settled.counts.failed).toBe(0);
      expect(sb.records().filter((r) => r.kind !== 'remedy')).toHaveLength(80);
      expect(sb.records().filter((r) => r.kind === 'remedy')).toHaveLength(20);
      expect(sb.duplicates()).toEqual([]);
      expect(res.rateLimitWaits).toBeGreaterThan(0);
    });
  });

  it('--dry-run sends nothing and marks every valid row planned', async () => {
    const dir = tempDir();
    const input = join(dir, 'm.xlsx');
    await writeWorkbook(input, month(2, 2, 2));
    await withSandbox({}, async (sb) => {
      const out = join(dir, 'r.xlsx');
      const res = await apply([input], { ...against(sb), dryRun: true, out });
      expect(res.counts).toMatchObject({ planned: 10 });
      expect(sb.stats().user_approvals?.requests ?? 0).toBe(0);
      expect(await readStatuses(out, 'leaves')).toEqual(Array(4).fill('planned'));
    });
  });
});
