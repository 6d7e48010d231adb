// Declarative sync through the public library API, as a user's program would: a month imported, the export changes
// (three leaves cancelled, two edited, five added, one remedy cancelled); plan shows exactly that diff; apply
// --replace --prune makes Feishu match it (read back); a second plan has nothing to do; a wrong file is stopped by the
// prune guard before anything is sent; a saved plan is refused once Feishu changed.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apply, plan, ConfigError, type Sandbox } from '../../src/index.js';
import { against, tempDir, withSandbox } from '../helpers/sandbox.js';
import { LEAVE_HEADER, at, month, writeOtherDepartment, writeWorkbook, type Value } from '../helpers/workbook.js';
import { live } from './helpers.js';

const writes = (sb: Sandbox) => {
  const s = sb.stats();
  return s.user_approvals.requests + s.user_task_remedys.requests + s.approval_infos_process.requests;
};

/** The month's export after a change: rows 1-3 of leaves cancelled, 4-5 edited, five new leaves, the first remedy cancelled. */
function changed(): Record<string, Value[][]> {
  const m = month(5, 5, 10);
  const leaves = m.leaves as Value[][];
  const edited = leaves.slice(4, 6).map((r) => [...r.slice(0, 6), `${String(r[6])} (edited)`]);
  const added = Array.from({ length: 5 }, (_, i) => ['E0009', 'AL01', '年假', 'hour', at(`2026-03-0${i + 1} 14:00`), at(`2026-03-0${i + 1} 15:00`), `new ${i}`]);
  return { ...m, leaves: [LEAVE_HEADER, ...edited, ...leaves.slice(6), ...added], remedies: [(m.remedies as Value[][])[0]!, ...(m.remedies as Value[][]).slice(2)] };
}

describe('declarative sync', () => {
  it('plan shows +5 ~2 -4, apply --replace --prune converges, a second plan has nothing to do', async () => {
    const dir = tempDir();
    const input = join(dir, 'march.xlsx');
    const state = join(dir, 'state');
    await withSandbox({}, async (sb) => {
      await writeWorkbook(input, month(5, 5, 10));
      expect((await apply([input], { ...against(sb), state, out: false })).counts).toMatchObject({ created: 60, failed: 0 });

      await writeWorkbook(input, changed());
      const p = await plan([input], { ...against(sb), state });
      expect(p.source).toBe('server');
      expect(p.totals).toMatchObject({ create: 5, replace: 2, revoke: 4 });
      const replaces = p.reconciliation.rows.flatMap((a) => (a.type === 'replace' ? a.changes : []));
      expect(replaces.map((c) => c.field)).toEqual(['reason', 'reason']);
      expect(String(replaces[0]?.to)).toMatch(/\(edited\)$/);

      // What the next plan must find: exactly the rows of the new export, each once, nothing else of ours.
      const before = writes(sb);
      const res = await apply([input], { ...against(sb), state, out: false, replace: true, prune: true });
      expect(res.counts).toMatchObject({ failed: 0, conflict: 0, unconfirmed: 0 });
      expect(res.pruned?.map((x) => x.status)).toEqual(['updated', 'updated', 'updated', 'updated']);
      expect(writes(sb)).toBeGreaterThan(before);
      const standing = live(sb);
      expect(standing.filter((r) => r.kind === 'leave')).toHaveLength(25 - 3 + 5);
      // Ten remedies, three of them rejected (not live); the cancelled one was pending and is rejected now.
      expect(standing.filter((r) => r.kind === 'remedy')).toHaveLength(10 - 3 - 1);
      expect(sb.duplicates()).toEqual([]);

      const again = await plan([input], { ...against(sb), state });
      expect(again.totals).toMatchObject({ create: 0, replace: 0, revoke: 0 });
    });
  });

  it('a wrong file (another department) is stopped by the prune guard with nothing sent', async () => {
    const dir = tempDir();
    const input = join(dir, 'march.xlsx');
    const state = join(dir, 'state');
    await withSandbox({}, async (sb) => {
      await writeWorkbook(input, month(5, 5, 10));
      await apply([input], { ...against(sb), state, out: false });
      // The manifest says the run answers for every user the journal knows, over March.
      const manifest = await writeOtherDepartment(join(dir, 'other'), 3, 5);
      const before = writes(sb);
      const wrong = apply([manifest], { ...against(sb), state, out: false, prune: true });
      await expect(wrong).rejects.toBeInstanceOf(ConfigError);
      await expect(wrong).rejects.toThrow(/would revoke 57 of the 57 records .* limit of 5: nothing was sent/);
      expect(writes(sb)).toBe(before);
    });
  });

  it('a saved plan is applied as planned, and refused once Feishu changed', async () => {
    const dir = tempDir();
    const input = join(dir, 'march.xlsx');
    const state = join(dir, 'state');
    await withSandbox({}, async (sb) => {
      await writeWorkbook(input, month(2, 2));
      const { savePlan } = await import('../../src/run/saved-plan.js');
      const saveNow = async (file: string) => {
        const p = await plan([input], { ...against(sb), state });
        await savePlan(file, { inputs: [input], options: { state }, fingerprint: p.fingerprint, totals: p.totals });
      };
      const first = join(dir, 'first.json');
      await saveNow(first);
      expect((await apply([first], { ...against(sb), out: false })).counts).toMatchObject({ created: 8 });
      // Inputs edited after planning: refused, nothing sent.
      const second = join(dir, 'second.json');
      await saveNow(second);
      await writeWorkbook(input, month(2, 3));
      await expect(apply([second], { ...against(sb), out: false })).rejects.toThrow(/inputs of .* changed since it was planned: nothing was sent/);
      await writeWorkbook(input, month(2, 2));
      // Applied: Feishu changed, so the same saved plan is stale now.
      const before = writes(sb);
      await expect(apply([first], { ...against(sb), out: false })).rejects.toThrow(/changed since .* was planned: nothing was sent/);
      expect(writes(sb)).toBe(before);
    });
  });
});
