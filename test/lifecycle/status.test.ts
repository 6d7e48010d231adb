// Approval status updates in bulk: the page's rules checked before sending, remedies approved and rejected,
// approvals revoked, "already so" reported as exists, and a results workbook with a verdict on every row.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apply } from '../../src/index.js';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { against, cliEnvFor, tempDir, withSandbox } from '../helpers/sandbox.js';
import { writeWorkbook } from '../helpers/workbook.js';
import { byKindStatus, importMonth, processRequests, sheetRows } from './helpers.js';
import { reasonText } from '../../src/messages/index.js';

describe('approval status updates', () => {
  it('approves and rejects remedies, revokes approvals, refuses what the page forbids, and accounts for every row', async () => {
    const dir = tempDir();
    await withSandbox({}, async (sb) => {
      const { state } = await importMonth(sb, dir);
      const [pendingA, pendingB] = byKindStatus(sb, 'remedy', 0);
      const [approvedC, approvedD] = byKindStatus(sb, 'remedy', 2);
      const [leave, leave2] = byKindStatus(sb, 'leave', 2);
      const [overtime] = byKindStatus(sb, 'overtime', 2);
      const input = join(dir, 'status.xlsx');
      // Chinese sheet name, headers and values, as an admin in China would write them.
      await writeWorkbook(input, {
        审批状态: [
          ['审批ID', '审批类型', '状态'],
          [pendingA!.approval_id, '补卡', '通过'],
          [pendingB!.approval_id, 'remedy', 'reject'],
          [leave!.approval_id, '请假', '撤销'],
          [approvedC!.approval_id, 'remedy', 'approve'],
          [approvedD!.approval_id, 'remedy', 4],
          [leave2!.approval_id, 'leave', 'approve'],
          [Number(leave2!.approval_id), 'leave', 'revoke'],
          [overtime!.approval_id, '加班', '撤回'],
        ],
      });
      const before = processRequests(sb);
      const out = join(dir, 'status.results.xlsx');
      const res = await apply([input], { ...against(sb), state, out });
      expect(res.counts).toMatchObject({ updated: 5, exists: 1, invalid: 2, failed: 0 });
      // Invalid rows never reach Feishu, and neither does a move to the state Feishu reads back already (approvedC).
      expect(processRequests(sb) - before).toBe(5);
      expect(sb.records().find((r) => r.approval_id === pendingA!.approval_id)?.status).toBe(2);
      expect(sb.records().find((r) => r.approval_id === pendingB!.approval_id)?.status).toBe(1);
      expect(sb.records().find((r) => r.approval_id === approvedD!.approval_id)?.status).toBe(4);
      expect(sb.records().find((r) => r.approval_id === leave2!.approval_id)?.status).toBe(2);
      for (const rec of [leave, overtime]) expect(sb.records().find((r) => r.approval_id === rec!.approval_id)?.status).toBe(4);

      const rows = await sheetRows(out, '审批状态');
      expect(rows.map((r) => r.status)).toEqual(['updated', 'updated', 'updated', 'exists', 'updated', 'invalid', 'invalid', 'updated']);
      expect(rows.map((r) => r.source_row)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
      expect(String(rows[5]?.error_message)).toMatch(/^状态: A leave approval can only be revoked/);
      expect(String(rows[6]?.error_message)).toMatch(/^审批ID: /);
      expect(rows[0]?.approval_id).toBe(pendingA!.approval_id);

      // Run again: the journal knows every change, so nothing is sent.
      const again = await apply([input], { ...against(sb), state, out: false });
      expect(again.counts).toMatchObject({ exists: 6, invalid: 2, updated: 0 });
      expect(processRequests(sb) - before).toBe(5);
    });
  });

  it('reads an approval of ours back to know it is in the requested state; says plainly when it cannot (no journal)', async () => {
    const dir = tempDir();
    await withSandbox({}, async (sb) => {
      await importMonth(sb, dir, 1, 1, 0);
      const [leave] = byKindStatus(sb, 'leave', 2);
      const input = join(dir, 'approval_status.csv');
      await writeFile(input, `approval_id,approval_type,status\n${leave!.approval_id},leave,revoke\n`);
      const first = await apply([input], { ...against(sb), state: join(dir, 'one'), out: false });
      expect(first.counts.updated).toBe(1);
      // Another state folder: the approval is not known to be ours, so its user and date (to read it by) are not known.
      const second = await apply([input], { ...against(sb), state: join(dir, 'other'), out: false });
      expect(second.counts).toMatchObject({ unconfirmed: 1, exists: 0, updated: 0 });
      expect(reasonText([...second.outcomes.all()][0] ?? {})).toMatch(/could not be confirmed/);
    });
  });

  it('from the command line: a CSV of updates, exit 0 when every row is updated', async () => {
    const dir = tempDir();
    await withSandbox({}, async (sb) => {
      await importMonth(sb, dir, 1, 1, 3);
      const [pending] = byKindStatus(sb, 'remedy', 0);
      const [approved] = byKindStatus(sb, 'remedy', 2);
      const input = join(dir, '审批状态.csv');
      await writeFile(input, `approval_id,approval_type,status\n${pending!.approval_id},remedy,1\n${approved!.approval_id},补卡,revoke\n`);
      const r = await runCli(['apply', input, '--state', join(dir, 'state'), '--json'], { env: cleanEnv(cliEnvFor(sb)) });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ counts: { updated: 2 }, problems: [] });
    });
  });
});
