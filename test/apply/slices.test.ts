// A big month goes through reconcile → submit → verify a slice of users at a time, its records and outcomes on disk
// between turns (issue 11). Slices of 5 records stand in for the real 20,000: the run must give exactly what the same
// month gives in one piece — every row accounted for, once, with the same outcomes — and the whole-run checks (saved
// plan, prune guard) must still see the whole run.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apply, plan, ConfigError, type ApplyOptions, type Sandbox } from '../../src/index.js';
import { against, cliEnvFor, tempDir, withSandbox } from '../helpers/sandbox.js';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { at, month, writeOtherDepartment, writeWorkbook, type Value } from '../helpers/workbook.js';
import { live, sheetRows } from '../lifecycle/helpers.js';

const writes = (sb: Sandbox) => {
  const s = sb.stats();
  return s.user_approvals.requests + s.user_task_remedys.requests + s.approval_infos_process.requests;
};

/** 12 users × 3 days of leaves and overtime, 12 remedies, and one broken leave (it ends before it starts). */
async function writeMonth(path: string): Promise<void> {
  const m = month(12, 3, 12);
  (m.leaves as Value[][]).splice(7, 0, ['E0003', 'AL01', '年假', 'hour', at('2026-03-05 11:00'), at('2026-03-05 09:00'), 'broken']);
  await writeWorkbook(path, m);
}

async function run(opts: ApplyOptions & { sliced: boolean }) {
  const dir = tempDir();
  const input = join(dir, 'march.xlsx');
  await writeMonth(input);
  const planned: Array<boolean | undefined> = [];
  return withSandbox({}, async (sb) => {
    const result = await apply([input], { ...against(sb), state: join(dir, 'state'), out: join(dir, 'results.xlsx'), sliceRecords: opts.sliced ? 5 : 1_000, events: { onPlanned: (_, more) => void planned.push(more) } });
    const sheets = Object.fromEntries(await Promise.all(['leaves', 'overtime', 'remedies'].map(async (s) => [s, (await sheetRows(join(dir, 'results.xlsx'), s)).map((r) => [r.source_row, r.status, r.error_code])] as const)));
    const again = await apply([input], { ...against(sb), state: join(dir, 'state'), out: false, sliceRecords: opts.sliced ? 5 : 1_000 });
    return { result, again, planned, sheets, live: live(sb).length, duplicates: sb.duplicates(), writesAfterAgain: writes(sb) };
  });
}

describe('apply in slices of users', () => {
  it('gives what one piece gives: the same outcome for every row, each record once, and a re-run with nothing to do', async () => {
    const sliced = await run({ sliced: true });
    const whole = await run({ sliced: false });
    // It did go in slices: onPlanned is called once per slice, saying whether slices remain (progress waits for them).
    expect(sliced.planned.length).toBeGreaterThan(3);
    expect(sliced.planned).toEqual([...sliced.planned.slice(1).map(() => true), false]);
    expect(whole.planned).toEqual([false]);
    expect(sliced.result.counts).toEqual(whole.result.counts);
    expect(sliced.result.counts).toMatchObject({ created: 84, invalid: 1, failed: 0, skipped: 0, unconfirmed: 0 });
    expect(sliced.result.verified).toEqual(whole.result.verified);
    expect(sliced.result.reconciled).toEqual(whole.result.reconciled);
    // The same writes; reads are per slice (50 users a call at most), so slices of one or two users read more often.
    const { user_approvals, user_task_remedys, approval_infos_process } = whole.result.requests;
    expect(sliced.result.requests).toMatchObject({ user_approvals, user_task_remedys, approval_infos_process });
    // The results workbook: every input row in input order, with the same status, from outcomes kept on disk.
    expect(sliced.sheets).toEqual(whole.sheets);
    expect(sliced.sheets.leaves).toHaveLength(37);
    expect(sliced.live).toBe(whole.live);
    expect(sliced.duplicates).toEqual([]);
    expect(sliced.again.counts).toMatchObject({ exists: 84, invalid: 1, created: 0 });
    expect([...sliced.result.outcomes.all()]).toHaveLength(85);
  });

  it('checks a saved plan and the prune guard against the whole run, not a slice', async () => {
    const dir = tempDir();
    const input = join(dir, 'march.xlsx');
    const state = join(dir, 'state');
    await withSandbox({}, async (sb) => {
      await writeWorkbook(input, month(12, 2));
      const { savePlan } = await import('../../src/run/saved-plan.js');
      const p = await plan([input], { ...against(sb), state });
      const saved = join(dir, 'plan.json');
      await savePlan(saved, { inputs: [input], options: { state }, fingerprint: p.fingerprint, totals: p.totals });
      // Planned in one piece, applied in slices: the fingerprints agree.
      expect((await apply([saved], { ...against(sb), out: false, sliceRecords: 5 })).counts).toMatchObject({ created: 48, failed: 0 });

      // Another department's file with prune: 48 revokes of 48, the guard (10 %) stops it before anything is sent.
      const manifest = await writeOtherDepartment(join(dir, 'other'), 2, 1);
      const before = writes(sb);
      const wrong = apply([manifest], { ...against(sb), state, out: false, prune: true, sliceRecords: 5 });
      await expect(wrong).rejects.toBeInstanceOf(ConfigError);
      await expect(wrong).rejects.toThrow(/would revoke 48 of the 48 records .* limit of 4: nothing was sent/);
      expect(writes(sb)).toBe(before);
    });
  });

  it('a dry run and a stopped run account for every row of every slice', async () => {
    const dir = tempDir();
    const input = join(dir, 'march.xlsx');
    const state = join(dir, 'state');
    await writeMonth(input);
    await withSandbox({}, async (sb) => {
      const dry = await apply([input], { ...against(sb), state, out: false, dryRun: true, sliceRecords: 5 });
      expect(dry.counts).toMatchObject({ planned: 84, invalid: 1 });
      expect(writes(sb)).toBe(0);

      // Ctrl-C once the first slice is planned: what it had in flight is recorded, every later slice is skipped.
      const stop = new AbortController();
      const stopped = await apply([input], { ...against(sb), state, out: false, sliceRecords: 5, signal: stop.signal, events: { onPlanned: () => stop.abort() } });
      expect(stopped.interrupted).toBe(true);
      expect(stopped.counts.skipped).toBeGreaterThan(70);
      expect(Object.values(stopped.counts).reduce((a, b) => a + b, 0)).toBe(85);
      const after = await apply([input], { ...against(sb), state, out: false, sliceRecords: 5 });
      expect(after.counts.created + after.counts.exists).toBe(84);
      expect(after.counts).toMatchObject({ failed: 0, skipped: 0, unconfirmed: 0 });
      expect(sb.duplicates()).toEqual([]);
    });
  });

  it('plan in slices: the same actions, requests and fingerprint as in one piece, and the same diff on the command line', async () => {
    const dir = tempDir();
    const input = join(dir, 'march.xlsx');
    const state = join(dir, 'state');
    await withSandbox({}, async (sb) => {
      await writeMonth(input);
      await apply([join(dir, 'march.xlsx')], { ...against(sb), state, out: false });
      // The export changes: one user's leaves gone, one reason edited, a user added.
      const m = month(12, 3, 12);
      const leaves = (m.leaves as Value[][]).filter((r) => r[0] !== 'E0004').map((r) => (r[6] === 'leave 2-1' ? [...r.slice(0, 6), 'edited'] : r));
      leaves.push(['E0099', 'AL01', '年假', 'hour', at('2026-03-02 09:00'), at('2026-03-02 10:00'), 'new']);
      await writeWorkbook(input, { ...m, leaves });
      const whole = await plan([input], { ...against(sb), state });
      const sliced: string[] = [];
      const inSlices = await plan([input], { ...against(sb), state, sliceRecords: 5, onSlice: (s) => void sliced.push(...s.rows.map((a) => `${a.type} ${a.record.ref.row}`), ...s.records.map((a) => `${a.type} ${a.held.approval_id}`)) });
      expect(whole.totals).toMatchObject({ create: 1, replace: 1, revoke: 3, keep: 80 });
      expect(inSlices.totals).toEqual(whole.totals);
      expect(inSlices.fingerprint).toEqual(whole.fingerprint);
      expect(inSlices.scope).toEqual(whole.scope);
      expect(inSlices.reconciliation.rows).toEqual([]);
      const { user_approvals, user_task_remedys, approval_infos_process } = whole.requests;
      expect(inSlices.requests).toMatchObject({ user_approvals, user_task_remedys, approval_infos_process });
      const oneList = [...whole.reconciliation.rows.map((a) => `${a.type} ${a.record.ref.row}`), ...whole.reconciliation.records.map((a) => `${a.type} ${a.held.approval_id}`)];
      expect(sliced.sort()).toEqual(oneList.sort());

      const env = cleanEnv(cliEnvFor(sb));
      const lines = (out: string) => out.split('\n').filter((l) => /^ {2}[+~=-] /.test(l)).sort();
      const one = await runCli(['plan', input, '--state', state], { env });
      const many = await runCli(['plan', input, '--state', state], { env: { ...env, FEISHU_IMPORT_SLICE_RECORDS: '5' } });
      expect(many.stderr).toBe('');
      expect(lines(many.stdout)).toEqual(lines(one.stdout));
      // + the new leave, ~ the edited one, - E0004's three leaves, = one kept line for each of the three kinds.
      expect(lines(many.stdout)).toHaveLength(1 + 1 + 3 + 3);
      const json = await runCli(['plan', input, '--state', state, '--json'], { env: { ...env, FEISHU_IMPORT_SLICE_RECORDS: '5' } });
      const doc = JSON.parse(json.stdout) as { actions: unknown[]; payloads: unknown[]; totals: unknown };
      expect(doc.actions).toHaveLength(whole.reconciliation.rows.length + whole.reconciliation.records.length);
      expect(doc.payloads).toHaveLength(whole.payloads.length);
      expect(doc.totals).toEqual(whole.totals);
    });
  });
});
