import { appendFile, readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOURNAL_FILE, openJournal, readJournal } from '../../src/journal/index.js';
import { readJournalFile } from '../../src/journal/file.js';
import { intent, outcome, rec, start, tempStateDir } from './helpers.js';
import { words } from '../helpers/words.js';

let dir: string;
let umask: number;
beforeEach(async () => {
  dir = await tempStateDir();
  umask = process.umask(0); // the most permissive umask: modes must still come out 0700 / 0600
});
afterEach(() => {
  process.umask(umask);
});

const lines = async () => (await readFile(join(dir, JOURNAL_FILE), 'utf8')).split('\n');

describe('state directory and files', () => {
  it('creates the directory 0700 and the journal and lock 0600 even with umask 000', async () => {
    const j = await openJournal(dir);
    await j.append(start('r1'));
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, JOURNAL_FILE))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'lock'))).mode & 0o777).toBe(0o600);
    await j.close();
  });

  it('tightens a journal file that was left readable by others', async () => {
    await mkdir(dir, { mode: 0o700 });
    await writeFile(join(dir, JOURNAL_FILE), '', { mode: 0o644 });
    const j = await openJournal(dir);
    expect((await stat(join(dir, JOURNAL_FILE))).mode & 0o777).toBe(0o600);
    await j.close();
  });

  it('reads a state directory that does not exist yet as an empty journal', async () => {
    const v = await readJournal(dir);
    expect(v.size).toBe(0);
    expect(v.runs()).toEqual([]);
    expect(v.notices).toEqual([]);
  });

  it('writes one JSON object per line with t, ts and run, and keeps no secrets in run options', async () => {
    const j = await openJournal(dir);
    await j.append({ ...start('r1'), options: { state: dir, appSecret: 'S3CRET', nested: { tenant_access_token: 'T' } } } as never);
    await j.close();
    const [first, end] = await lines();
    expect(end).toBe('');
    const e = JSON.parse(first!) as Record<string, unknown>;
    expect(e).toMatchObject({ t: 'run-start', run: 'r1', options: { state: dir, nested: {} } });
    expect(new Date(e.ts as string).toISOString()).toBe(e.ts);
    expect(first).not.toContain('S3CRET');
  });

  it('keeps every concurrent append, in call order', async () => {
    const j = await openJournal(dir);
    await Promise.all(Array.from({ length: 300 }, (_, i) => j.append(intent('r1', `q${i}`, [rec(`h${i}`)]))));
    await j.close();
    const { entries } = await readJournalFile(join(dir, JOURNAL_FILE));
    expect(entries.map((e) => (e.t === 'intent' ? e.req : ''))).toEqual(Array.from({ length: 300 }, (_, i) => `q${i}`));
  });
});

describe('damaged journals', () => {
  async function seed(): Promise<void> {
    const j = await openJournal(dir);
    await j.append(start('r1'));
    await j.append(intent('r1', 'q1', [rec('h1')]));
    await j.append(outcome('r1', 'q1', 'ok', [['h1', 'created', 'A1']]));
    await j.close();
  }

  it('ignores a torn last line, cuts it away, and appends cleanly after it', async () => {
    await seed();
    const whole = JSON.stringify({ t: 'intent', run: 'r1', req: 'q2', records: [] });
    await appendFile(join(dir, JOURNAL_FILE), whole.slice(0, 25));
    const view = await readJournal(dir);
    expect(view.size).toBe(3);
    expect(view.notices.map(words)).toEqual([expect.stringContaining('incomplete')]);

    const j = await openJournal(dir);
    expect(j.confirmed('h1')).toMatchObject({ approval_id: 'A1' });
    await j.append(intent('r2', 'q3', [rec('h3')]));
    await j.close();
    const all = await lines();
    expect(all.at(-1)).toBe('');
    for (const l of all.slice(0, -1)) expect(() => JSON.parse(l)).not.toThrow();
    expect((await readJournal(dir)).notices).toEqual([]);
  });

  it('treats a complete but unreadable last line (zero-filled after a power loss) as torn', async () => {
    await seed();
    await appendFile(join(dir, JOURNAL_FILE), Buffer.concat([Buffer.alloc(64), Buffer.from('\n')]));
    const j = await openJournal(dir);
    expect(j.size).toBe(3);
    await j.append(start('r2'));
    await j.close();
    expect((await readJournal(dir)).notices).toEqual([]);
  });

  it('does not count a last line without its newline, even when it parses: it was never acknowledged', async () => {
    await seed();
    await appendFile(join(dir, JOURNAL_FILE), JSON.stringify({ t: 'run-start', run: 'r9', ts: 'x' }));
    expect((await readJournal(dir)).runs().map((r) => r.run)).toEqual(['r1']);
  });

  it('skips a damaged line in the middle with a notice naming it, and loads the rest', async () => {
    await seed();
    const [a, b, c] = await lines();
    await writeFile(join(dir, JOURNAL_FILE), [a, '{"t":"intent", garbage', b, 'not json', c, ''].join('\n'));
    expect((await readJournalFile(join(dir, JOURNAL_FILE))).entries.map((e) => e.t)).toEqual(['run-start', 'intent', 'outcome']);
    const j = await openJournal(dir);
    expect(j.size).toBe(3);
    expect(j.notices.map(words)).toEqual([expect.stringContaining('Line 2 '), expect.stringContaining('Line 4 ')]);
    expect(j.confirmed('h1')).toMatchObject({ approval_id: 'A1', run: 'r1' });
    await j.close();
  });
});
