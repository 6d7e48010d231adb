import { describe, expect, it } from 'vitest';
import { type Journal, newRunId, openJournal, readJournal } from '../../src/journal/index.js';
import { intent, outcome, rec, start, tempStateDir } from './helpers.js';

async function withJournal(fn: (j: Journal) => Promise<void>): Promise<{ live: Journal; dir: string }> {
  const dir = await tempStateDir();
  const live = await openJournal(dir);
  await fn(live);
  await live.close();
  return { live, dir };
}

describe('queries', () => {
  it('confirms a record by hash once an outcome says created or exists, and keeps it across reopen', async () => {
    const { live, dir } = await withJournal(async (j) => {
      await j.append(start('r1'));
      await j.append(intent('r1', 'q1', [rec('h1'), rec('h2'), rec('h3')]));
      expect(j.confirmed('h1')).toBeUndefined(); // intent alone: maybe sent, not confirmed
      await j.append(outcome('r1', 'q1', 'ok', [['h1', 'created', 'A1'], ['h2', 'exists', 'A2'], ['h3', 'failed']]));
    });
    const reread = await readJournal(dir);
    for (const j of [live, reread]) {
      expect(j.confirmed('h1')).toEqual({ approval_id: 'A1', run: 'r1', status: 'created' });
      expect(j.confirmed('h2')).toEqual({ approval_id: 'A2', run: 'r1', status: 'exists' });
      expect(j.confirmed('h3')).toBeUndefined();
    }
  });

  it('lists intents without an outcome, or with an ambiguous one not resolved since', async () => {
    const { dir } = await withJournal(async (j) => {
      await j.append(intent('r1', 'sent-no-answer', [rec('a')]));
      await j.append(intent('r1', 'ambiguous', [rec('b')]));
      await j.append(outcome('r1', 'ambiguous', 'ambiguous', [['b', 'failed']]));
      await j.append(intent('r1', 'resolved', [rec('c')]));
      await j.append(outcome('r1', 'resolved', 'ambiguous', [['c', 'failed']]));
      await j.append(outcome('r2', 'resolved', 'ok', [['c', 'exists', 'A3']])); // reconciled by the next run
      await j.append(intent('r1', 'failed', [rec('d')]));
      await j.append(outcome('r1', 'failed', 'failed', [['d', 'failed']]));
    });
    const v = await readJournal(dir);
    const open = v.unresolvedIntents();
    expect(open.map((u) => [u.intent.req, u.outcome?.result])).toEqual([
      ['sent-no-answer', undefined],
      ['ambiguous', 'ambiguous'],
    ]);
    expect(open[0]?.intent.records[0]?.ref).toEqual({ file: 'in.xlsx', sheet: 'leaves', row: 2 });
    expect(v.confirmed('c')).toMatchObject({ approval_id: 'A3', run: 'r2' });
  });

  it('summarises runs: finished, interrupted, and crashed (counted from their outcomes)', async () => {
    const { dir } = await withJournal(async (j) => {
      await j.append(start('r1'));
      await j.append(intent('r1', 'q1', [rec('a'), rec('b')]));
      await j.append(outcome('r1', 'q1', 'ok', [['a', 'created', 'A'], ['b', 'failed']]));
      await j.append({ t: 'run-end', run: 'r1', finishedAt: '2025-03-01T00:00:00.000Z', counts: { created: 1, failed: 1, invalid: 4 } });
      await j.append(start('r2'));
      await j.append({ t: 'run-end', run: 'r2', finishedAt: '2025-03-02T00:00:00.000Z', counts: {}, interrupted: true });
      await j.append(start('r3', 'undo'));
      await j.append(intent('r3', 'q3', [rec('c')]));
      await j.append(outcome('r3', 'q3', 'ok', [['c', 'created', 'C']]));
    });
    const runs = (await readJournal(dir)).runs();
    expect(runs.map((r) => [r.run, r.command, r.unfinished, r.interrupted, r.counts])).toEqual([
      ['r1', 'apply', false, false, { created: 1, failed: 1, invalid: 4 }],
      ['r2', 'apply', false, true, {}],
      ['r3', 'undo', true, false, { created: 1 }],
    ]);
    expect(runs[0]?.inputs).toEqual([{ path: 'in.xlsx', sha256: 'abc' }]);
  });

  it('lists what a run created for undo, and what has been processed since, so undo is idempotent', async () => {
    const { live, dir } = await withJournal(async (j) => {
      await j.append(start('imp'));
      await j.append(intent('imp', 'q1', [rec('a'), rec('b')]));
      await j.append(outcome('imp', 'q1', 'ok', [['a', 'created', 'A'], ['b', 'exists', 'B']]));
      await j.append(intent('imp', 'q2', [{ ...rec('r'), kind: 'remedies' }]));
      await j.append(outcome('imp', 'q2', 'ok', [['r', 'created', 'R']]));
      await j.append(start('undo1', 'undo'));
      await j.append({ t: 'process', run: 'undo1', approval_id: 'A', approval_type: 'leave', status: 4, result: 'ok' });
      await j.append({ t: 'process', run: 'undo1', approval_id: 'R', approval_type: 'remedy', status: 1, result: 'failed', code: 1220001 });
    });
    const created = live.createdBy('imp');
    expect(created.map((c) => [c.hash, c.approval_id, c.kind, c.status])).toEqual([
      ['a', 'A', 'leaves', 'created'],
      ['b', 'B', 'leaves', 'exists'],
      ['r', 'R', 'remedies', 'created'],
    ]);
    expect(live.createdBy('nope')).toEqual([]);
    const v = await readJournal(dir);
    expect(v.processed('A')).toMatchObject({ status: 4, result: 'ok', run: 'undo1' });
    expect(v.processed('R')).toBeUndefined(); // a failed change changed nothing
    // Revoked: the row may be imported again; the remedy whose reject failed still stands.
    expect(v.confirmed('a')).toBeUndefined();
    expect(v.confirmed('r')).toMatchObject({ approval_id: 'R' });
  });

  it('does not withdraw a remedy that the import itself approved or rejected', async () => {
    const { live } = await withJournal(async (j) => {
      await j.append(start('imp'));
      await j.append(intent('imp', 'q', [{ ...rec('r'), kind: 'remedies' }]));
      await j.append(outcome('imp', 'q', 'ok', [['r', 'created', 'R']]));
      await j.append({ t: 'process', run: 'imp', approval_id: 'R', approval_type: 'remedy', status: 1, result: 'ok' });
    });
    expect(live.confirmed('r')).toMatchObject({ approval_id: 'R' });
    expect(live.processed('R')).toMatchObject({ status: 1 });
  });

  it('makes run ids that sort by start time and do not collide', () => {
    const a = newRunId(new Date('2025-03-14T10:15:02.123Z'));
    expect(a).toMatch(/^20250314-101502-123-[0-9a-f]{8}$/);
    expect(newRunId(new Date('2025-03-14T10:15:02.124Z')) > a).toBe(true);
    const many = new Set(Array.from({ length: 100 }, () => newRunId(new Date(0))));
    expect(many.size).toBe(100);
  });
});
