// `plan` from the command line as an admin reads it: the diff per kind, field by field, the totals, a plan workbook,
// and, without credentials, a plan against the journal alone that says so.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { apply } from '../../src/index.js';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { against, cliEnvFor, tempDir, withSandbox } from '../helpers/sandbox.js';
import { LEAVE_HEADER, at, month, writeWorkbook, type Value } from '../helpers/workbook.js';

describe('plan (command line)', () => {
  it('prints + create, ~ replace with the changed field, - revoke, = keep counted, and writes a plan workbook', async () => {
    const dir = tempDir();
    const input = join(dir, 'march.xlsx');
    const state = join(dir, 'state');
    await withSandbox({}, async (sb) => {
      await writeWorkbook(input, month(2, 2));
      await apply([input], { ...against(sb), state, out: false });
      const leaves = month(2, 2).leaves as Value[][];
      const edited = [...(leaves[1] as Value[]).slice(0, 6), '家里有事'];
      await writeWorkbook(input, {
        leaves: [LEAVE_HEADER, edited, ...leaves.slice(2, 4), ['E0003', 'AL01', '年假', 'hour', at('2026-03-03 09:00'), at('2026-03-03 10:00'), 'new']],
        overtime: month(2, 2).overtime as Value[][],
      });
      const out = join(dir, 'plan.xlsx');
      const r = await runCli(['plan', input, '--state', state, '--out', out], { env: cleanEnv(cliEnvFor(sb)) });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Plan against Feishu: 3 users/m);
      expect(r.stdout).toMatch(/^ {2}\+ create +E0003 2026-03-03 09:00:00/m);
      expect(r.stdout).toMatch(/^ {2}~ replace +E0001 .*\(left alone without --replace\)/m);
      expect(r.stdout).toMatch(/reason: "leave 1-1" → "家里有事"/);
      expect(r.stdout).toMatch(/^ {2}- revoke +E0002 20260302 .*\(left alone without --prune\)/m);
      expect(r.stdout).toMatch(/^ {2}= keep +4 rows already in Feishu/m);
      expect(r.stdout).toMatch(/^Plan: 1 to create, 1 to replace, 1 to revoke, 6 to keep/m);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out);
      const actions: string[] = [];
      wb.getWorksheet('plan')?.eachRow((row, n) => n > 1 && actions.push(String(row.getCell(1).value)));
      expect(actions.sort()).toEqual(['create', 'keep', 'keep', 'keep', 'keep', 'keep', 'keep', 'replace', 'revoke']);

      const offline = await runCli(['plan', input, '--state', state, '--json'], { env: cleanEnv() });
      expect(offline.code).toBe(0);
      const doc = JSON.parse(offline.stdout) as { against: string; totals: Record<string, number> };
      expect(doc.against).toBe('journal');
      // The journal knows what was written, not its content: the edited row cannot be told from a new one.
      expect(doc.totals).toMatchObject({ keep: 6 });
      const text = await runCli(['plan', input, '--state', state], { env: cleanEnv() });
      expect(text.stdout).toMatch(/^Plan against the journal alone \(no credentials/m);
    });
  });
});
