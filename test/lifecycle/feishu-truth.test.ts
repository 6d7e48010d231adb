// Feishu is the truth: every row ends in the status that Feishu's state, read back, justifies — whatever the server
// answers where the pages are silent (the suite runs under every sandbox dialect), through lost answers, revoked
// tokens, an undo with the state folder lost, and a remedy that cannot reach the state its row asks for.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apply, type ApplyResult } from '../../src/index.js';
import { undo } from '../../src/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { cleanEnv, runCli } from '../helpers/cli.js';
import { against, cliEnvFor, tempDir, withSandbox } from '../helpers/sandbox.js';
import { month, writeWorkbook } from '../helpers/workbook.js';
import { importMonth, live } from './helpers.js';
import { reasonText } from '../../src/messages/index.js';

const WANTED: Record<string, number> = { pending: 0, approved: 2, rejected: 1 };

/** No row claims a record that Feishu does not hold in the state the row asks for. */
function expectTruthful(res: ApplyResult, sb: Sandbox, remedyStates: Map<string, string>): void {
  const held = new Map(sb.records().map((r) => [r.approval_id, r]));
  for (const o of res.outcomes.all()) {
    if (o.status !== 'created' && o.status !== 'exists') continue;
    const rec = held.get(o.approval_id ?? '');
    expect(rec, `row ${o.ref.sheet}:${o.ref.row} says ${o.status} for ${o.approval_id}`).toBeDefined();
    if (rec?.kind === 'remedy') {
      const wanted = WANTED[remedyStates.get(`${o.ref.row}`) ?? 'pending'];
      if (wanted !== 0) expect(rec.status, `remedy row ${o.ref.row}`).toBe(wanted);
      else expect([0, 1, 2]).toContain(rec.status);
    } else expect(rec?.status, `row ${o.ref.sheet}:${o.ref.row}`).toBe(2);
  }
}

/** The rows not done, for an assertion's message. */
const notDone = (res: ApplyResult): string =>
  JSON.stringify([...res.outcomes.all()].filter((o) => !['created', 'exists', 'updated'].includes(o.status)).map((o) => [o.ref.sheet, o.ref.row, o.status, reasonText(o)]));

/** Row number (in the remedies sheet) → the state it asks for, as month() writes them. */
function remedyStates(n: number): Map<string, string> {
  return new Map(Array.from({ length: n }, (_, i) => [`${i + 2}`, ['pending', 'approved', 'rejected'][i % 3] ?? 'pending']));
}

describe('Feishu is the truth', () => {
  it('a month undone, then imported again with the state folder lost, reads back in Feishu row by row', async () => {
    const dir = tempDir();
    await withSandbox({}, async (sb) => {
      const { input, state, result } = await importMonth(sb, dir, 3, 3, 9);
      expect(result.counts).toMatchObject({ created: 27, failed: 0 });
      expect(result.verified).toMatchObject({ unconfirmed: 0 });
      const standing = live(sb).length;
      const undone = await undo({ ...against(sb), state, out: false });
      expect(undone.counts.failed ?? 0).toBe(0);
      expect(live(sb)).toEqual([]);

      // Another state folder: the journal that knew of the undo is gone. Whatever the server answers for the revoked
      // records' ids (the earlier record, an error, a new record), every row must end present in Feishu.
      const again = await apply([input], { ...against(sb), state: join(dir, 'lost'), out: false });
      expect(again.counts).toMatchObject({ failed: 0, unconfirmed: 0 });
      expect(again.counts.created + again.counts.exists).toBe(27);
      expectTruthful(again, sb, remedyStates(9));
      expect(live(sb)).toHaveLength(standing);
      expect(sb.duplicates()).toEqual([]);
      if (sb.dialect.repeatedId !== 'first-live') expect(again.verified?.rewritten).toBeGreaterThan(0);
    });
  });

  it('lost answers to approve/reject/revoke and tokens revoked mid-run: no row fails for something Feishu did', async () => {
    const dir = tempDir();
    // Unlimited sandbox and a fast client: tokens revoked every 250 ms must not outpace a call waiting for its turn.
    await withSandbox({ latencyMs: { min: 2, max: 10 }, ratePerSecond: 0 }, async (sb) => {
      // The answer is lost after the write; the retry is then refused by a server that already moved the approval.
      sb.inject({ endpoint: 'approval_infos_process', when: 'after', action: 'status500', probability: 0.3 });
      sb.inject({ endpoint: 'approval_infos_process', when: 'after', action: 'reset', probability: 0.2 });
      sb.inject({ endpoint: 'user_task_remedys', when: 'after', action: 'reset', probability: 0.1 });
      const revoker = setInterval(() => sb.expireTokens(), 250);
      try {
        const input = join(dir, 'm.xlsx');
        const state = join(dir, 's');
        await writeWorkbook(input, month(4, 3, 24));
        const result = await apply([input], { ...against(sb), state, out: false, rate: 1000 });
        expect(result.counts, notDone(result)).toMatchObject({ failed: 0, unconfirmed: 0, created: 48 });
        expectTruthful(result, sb, remedyStates(24));
        expect(sb.duplicates()).toEqual([]);

        const undone = await undo({ ...against(sb), state, out: false, rate: 1000 });
        expect(undone.counts.failed ?? 0, JSON.stringify(undone.rows.filter((r) => r.status === 'failed'))).toBe(0);
        expect(live(sb)).toEqual([]);
      } finally {
        clearInterval(revoker);
      }
    });
  });

  it('a remedy row asking for rejected, matched to a remedy Feishu holds approved, says so instead of exists', async () => {
    const dir = tempDir();
    await withSandbox({}, async (sb) => {
      const input = join(dir, 'r.xlsx');
      const row = (status: string) => ['E0001', 20260302, 0, 'on', '2026-03-02 09:00', 'forgot', status];
      const header = ['user_id', 'remedy_date', 'punch_no', 'work_type', 'remedy_time', 'reason', 'status'];
      await writeWorkbook(input, { remedies: [header, row('approved')] });
      expect((await apply([input], { ...against(sb), state: join(dir, 'a'), out: false })).counts.created).toBe(1);
      await writeWorkbook(input, { remedies: [header, row('rejected')] });
      const res = await apply([input], { ...against(sb), state: join(dir, 'b'), out: false });
      expect(res.counts).toMatchObject({ failed: 1, exists: 0 });
      expect(reasonText([...res.outcomes.all()][0] ?? {})).toMatch(/holds remedy \S+ as approved; the row asks for rejected/);
      expect(sb.records().filter((r) => r.kind === 'remedy')).toHaveLength(1);
    });
  });

  it('remedies two months apart are read back in windows the server accepts', async () => {
    const dir = tempDir();
    await withSandbox({ dialect: { remedyQueryMaxDays: 30 } }, async (sb) => {
      const input = join(dir, 'r.xlsx');
      const header = ['user_id', 'remedy_date', 'punch_no', 'work_type', 'remedy_time', 'reason', 'status'];
      await writeWorkbook(input, {
        remedies: [
          header,
          ['E0001', 20260302, 0, 'on', '2026-03-02 09:00', 'forgot', 'approved'],
          // A night shift's off-duty punch falls on the next day.
          ['E0001', 20260502, 0, 'off', '2026-05-03 02:00', 'forgot', 'pending'],
        ],
      });
      const res = await apply([input], { ...against(sb), state: join(dir, 's'), out: false });
      expect(res.counts, notDone(res)).toMatchObject({ created: 2, failed: 0, unconfirmed: 0 });
      const again = await apply([input], { ...against(sb), state: join(dir, 's'), out: false });
      expect(again.counts).toMatchObject({ exists: 2 });
    });
  });

  it('a status update of an approval of ours is decided by its state now, not by an older journal entry', async () => {
    const dir = tempDir();
    await withSandbox({}, async (sb) => {
      const { state } = await importMonth(sb, dir, 1, 1, 1);
      const pending = sb.records().find((r) => r.kind === 'remedy' && r.status === 0);
      const file = join(dir, 'approval_status.csv');
      writeFileSync(file, `approval_id,approval_type,status\n${pending!.approval_id},remedy,approve\n`);
      expect((await apply([file], { ...against(sb), state, out: false })).counts.updated).toBe(1);
      // Revoked since, in Feishu (another tool, or an admin).
      mkdirSync(join(dir, 'other'));
      const other = join(dir, 'other', 'approval_status.csv');
      writeFileSync(other, `approval_id,approval_type,status\n${pending!.approval_id},remedy,revoke\n`);
      expect((await apply([other], { ...against(sb), state: join(dir, 'elsewhere'), out: false })).counts.updated).toBe(1);
      expect(sb.records().find((r) => r.approval_id === pending!.approval_id)?.status).toBe(4);
      const before = sb.stats().approval_infos_process.requests;
      const rerun = await apply([file], { ...against(sb), state, out: false });
      expect(rerun.counts, notDone(rerun)).toMatchObject({ failed: 1, exists: 0 });
      expect(reasonText([...rerun.outcomes.all()][0] ?? {})).toMatch(/as revoked/);
      // Known from the read-back: nothing sent for a move Feishu cannot make.
      expect(sb.stats().approval_infos_process.requests).toBe(before);
    });
  });

  it('read-back costs a small fraction of the writes', async () => {
    const dir = tempDir();
    await withSandbox({ ratePerSecond: 0 }, async (sb) => {
      const input = join(dir, 'm.xlsx');
      await writeWorkbook(input, month(60, 10, 60));
      // In one slice, as the default size keeps a month of 1,260 records (the split-journal project forces tiny slices).
      const res = await apply([input], { ...against(sb), state: join(dir, 's'), out: false, rate: 500, sliceRecords: 20_000 });
      expect(res.counts).toMatchObject({ created: 1260, failed: 0 });
      const s = sb.stats();
      const writes = s.user_approvals.requests + s.user_task_remedys.requests + s.approval_infos_process.requests;
      const reads = s.user_approvals_query.requests + s.user_task_remedys_query.requests;
      // 60 users are two batches of 50: one approvals read, and the remedies' states before and after the writes.
      expect(reads / writes).toBeLessThan(0.05);
    });
  });
});

describe('apply ends as a run whatever happens at its end', () => {
  it('releases the journal when a stage throws, so the next apply in the same process is not locked out', async () => {
    const dir = tempDir();
    await withSandbox({}, async (sb) => {
      const input = join(dir, 'm.xlsx');
      await writeWorkbook(input, month(1, 1));
      const state = join(dir, 's');
      const boom = apply([input], { ...against(sb), state, out: false, events: { onPlanned: () => { throw new Error('boom'); } } });
      await expect(boom).rejects.toThrow('boom');
      expect((await apply([input], { ...against(sb), state, out: false })).counts.created).toBe(2);
    });
  });

  it('a results workbook that cannot be written after sending: exit 1, the summary, and where the journal is', async () => {
    const dir = tempDir();
    await withSandbox({}, async (sb) => {
      const input = join(dir, 'm.xlsx');
      await writeWorkbook(input, month(1, 1));
      mkdirSync(join(dir, 'blocked'));
      writeFileSync(join(dir, 'blocked', 'file'), '');
      const r = await runCli(['apply', input, '--state', join(dir, 's'), '--out', join(dir, 'blocked', 'file', 'r.xlsx'), '--json'], { env: cleanEnv(cliEnvFor(sb)) });
      expect(r.code).toBe(1);
      const summary = JSON.parse(r.stdout) as { counts: Record<string, number>; results_error: string };
      expect(summary.counts.created).toBe(2);
      expect(summary.results_error).toContain(join(dir, 's', 'journal.jsonl'));
    });
  });

  it('Ctrl-C while calls wait out a rate limit: those rows are skipped, not failed', async () => {
    const dir = tempDir();
    await withSandbox({}, async (sb) => {
      const input = join(dir, 'm.xlsx');
      await writeWorkbook(input, month(3, 2));
      sb.inject({ endpoint: 'user_approvals', when: 'before', action: 'ratelimit', probability: 1 });
      const stop = new AbortController();
      setTimeout(() => stop.abort(), 300);
      const res = await apply([input], { ...against(sb), state: join(dir, 's'), out: false, signal: stop.signal });
      expect(res.interrupted).toBe(true);
      expect(res.counts).toMatchObject({ skipped: 12, failed: 0 });
      // Plain data too: the catalog id and its parameters, for a program that renders it in another language.
      expect([...res.outcomes.all()][0]?.message).toEqual({ id: 'submit.interrupted', params: {} });
    });
  });
});
