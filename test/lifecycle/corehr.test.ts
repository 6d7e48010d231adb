// CoreHR approver decisions in bulk: approve/reject a batch, "already processed" and "decided meanwhile" as exists,
// a refused parameter as failed with the page's explanation, and the form values reaching the server intact.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apply } from '../../src/index.js';
import { validateInputs } from '../../src/run/validate.js';
import { cleanEnv, ROOT, runCli } from '../helpers/cli.js';
import { against, tempDir, withSandbox } from '../helpers/sandbox.js';
import { sheetRows } from './helpers.js';

const FORM = [{ variable_api_name: 'custom123', variable_value: { text_value: '已核对', i18n_value: { zh_cn: '北京', en_us: 'Beijing' } }, sub_values: [{ key: 'k1', value: { number_value: '100' } }] }];

const YAML = `corehr_approvals:
  - { process_id: "P1", approver_id: "A1", decision: approve, user_id: boss, reason: ok, field_values_v2: '${JSON.stringify(FORM)}' }
  - { process_id: "P2", approver_id: "A2", decision: 拒绝, user_id: boss }
  - { process_id: "P3", approver_id: "A3", decision: 通过, system_approval: true }
  - { process_id: "P4", approver_id: "A4", decision: approve, user_id: boss }
  - { process_id: "P5", approver_id: "A6", decision: approve, user_id: deputy }
  - { process_id: "P9", approver_id: "A9", decision: approve, user_id: boss }
`;

describe('CoreHR decisions', () => {
  it('decides a batch: done → updated, already processed or decided meanwhile → exists, a bad task → failed', async () => {
    const dir = tempDir();
    const input = join(dir, 'decisions.yaml');
    await writeFile(input, YAML);
    await withSandbox({}, async (sb) => {
      sb.seedCorehr([
        { process_id: 'P1', approver_id: 'A1', user_id: 'boss' },
        { process_id: 'P2', approver_id: 'A2', user_id: 'boss' },
        { process_id: 'P3', approver_id: 'A3', user_id: 'boss' },
        { process_id: 'P4', approver_id: 'A4', user_id: 'boss', status: 'approved' },
        { process_id: 'P5', approver_id: 'A5', user_id: 'boss', status: 'rejected' },
        { process_id: 'P5', approver_id: 'A6', user_id: 'deputy' },
      ]);
      const out = join(dir, 'r.xlsx');
      const res = await apply([input], { ...against(sb), state: join(dir, 'state'), out });
      expect(res.counts).toMatchObject({ updated: 3, exists: 2, failed: 1 });
      const tasks = Object.fromEntries(sb.corehrTasks().map((t) => [t.approver_id, t]));
      expect(tasks.A1).toMatchObject({ status: 'approved', reason: 'ok', field_values_v2: FORM });
      expect(tasks.A2).toMatchObject({ status: 'rejected' });
      expect(tasks.A3).toMatchObject({ status: 'approved', system_approval: true });

      const rows = await sheetRows(out, 'corehr_approvals');
      expect(rows.map((r) => r.status)).toEqual(['updated', 'updated', 'updated', 'exists', 'exists', 'failed']);
      expect(rows[3]).toMatchObject({ error_code: '1161001' });
      // 1161005 keeps its message: someone else decided this node.
      expect(rows[4]).toMatchObject({ error_code: '1161005', error_message: expect.stringContaining('approval status has been updated') });
      expect(rows[5]).toMatchObject({ error_code: '1161002', error_message: expect.stringContaining('check the fields against the API description') });
      expect(sb.stats().corehr_approvers.requests).toBe(6);

      // Re-run: what is done is not sent again; the failed row is.
      const again = await apply([input], { ...against(sb), state: join(dir, 'state'), out: false });
      expect(again.counts).toMatchObject({ exists: 5, failed: 1 });
      expect(sb.stats().corehr_approvers.requests).toBe(7);
    });
  });

  it('refuses before sending: no approver without system_approval, a reason over 1000 characters, bad form values', async () => {
    const dir = tempDir();
    const input = join(dir, 'corehr_approvals.csv');
    const json = (v: unknown) => `"${JSON.stringify(v).replaceAll('"', '""')}"`;
    await writeFile(
      input,
      [
        'process_id,approver_id,decision,user_id,system_approval,reason,field_values_v2',
        'P1,A1,approve,,,ok,',
        `P2,A2,approve,boss,,${'长'.repeat(1001)},`,
        `P3,A3,approve,boss,,,${json([{ variable_api_name: 'x', variable_value: { colour: 'red' } }])}`,
        'P4,A4,approve,boss,,,[{oops',
        'P5,A5,maybe,boss,,,',
        'P7,A7,,boss,,,',
        `P6,A6,reject,,yes,,${json(FORM)}`,
      ].join('\n'),
    );
    const v = await validateInputs([input], { keepRecords: true });
    const at = (row: number) => v.problems.filter((p) => p.row === row).map((p) => [p.column, p.code]);
    expect(at(2)).toEqual([['user_id', 'lifecycle.userIdRequired']]);
    expect(at(3)).toEqual([['reason', 'validate.maxLength']]);
    expect(at(4)).toEqual([['field_values_v2', 'validate.unknownField']]);
    expect(at(5)).toEqual([['field_values_v2', 'lifecycle.badJson']]);
    expect(at(6)).toEqual([['decision', 'validate.badEnum']]);
    expect(at(7)).toEqual([['decision', 'validate.required']]);
    expect(v.records.map((r) => r.body)).toEqual([{ process_id: 'P6', approver_id: 'A6', user_id_type: 'open_id', status: 2, system_approval: true, field_values_v2: FORM }]);
  });

  it('never drops form values written as a YAML list: they reach the server whole, or the row is refused', async () => {
    const dir = tempDir();
    const input = join(dir, 'm.yaml');
    await writeFile(input, `corehr_approvals:\n  - process_id: P1\n    approver_id: A1\n    decision: approve\n    system_approval: true\n    field_values_v2:\n      - variable_api_name: custom123\n        variable_value: { text_value: 已核对 }\n`);
    await withSandbox({ corehrTasksOnDemand: true }, async (sb) => {
      const res = await apply([input], { ...against(sb), state: join(dir, 'state'), out: false });
      const task = sb.corehrTasks()[0];
      if (res.counts.updated === 1) expect(task?.field_values_v2).toEqual([{ variable_api_name: 'custom123', variable_value: { text_value: '已核对' } }]);
      else expect([...res.outcomes.all()][0]).toMatchObject({ status: 'invalid', error_message: expect.stringContaining('field_values_v2 could not be read') });
    });
  });

  it('from the command line: the sample against --sandbox, twice', async () => {
    const dir = tempDir();
    const env = cleanEnv();
    const sample = join(ROOT, 'samples', 'corehr.yaml');
    const first = await runCli(['apply', sample, '--sandbox', '--state', dir, '--no-out', '--json'], { env });
    expect(first.code).toBe(0);
    // Two approvers of one process: whichever is second is told the node was decided (1161005).
    expect(JSON.parse(first.stdout).counts).toMatchObject({ updated: 4, exists: 1 });
    const second = await runCli(['apply', sample, '--sandbox', '--state', dir, '--no-out', '--json'], { env });
    expect(JSON.parse(second.stdout)).toMatchObject({ counts: { exists: 5 }, requests: {} });
  });
});
