// Crash safety with real processes: a child appends as fast as it can and is SIGKILLed at random instants.
import { spawn } from 'node:child_process';
import { access, appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { JOURNAL_FILE, openJournal } from '../../src/journal/index.js';
import { tempStateDir } from './helpers.js';
import { render } from '../../src/messages/index.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = ['--import', './test/journal/ts-register.mjs', 'test/journal/child-appender.ts'];

interface ChildRun {
  acked: number[];
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the appender; SIGKILLs it as soon as it has acknowledged `killAfter` pairs (0: right after `ready`). */
function runChild(dir: string, tag: string, killAfter: number, mode?: 'exit'): Promise<ChildRun> {
  const child = spawn(process.execPath, [...CHILD, dir, tag, ...(mode ? [mode] : [])], { cwd: ROOT });
  const acked: number[] = [];
  let stderr = '';
  let buf = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    const lines = buf.split('\n');
    buf = lines.pop()!;
    for (const l of lines) {
      if (l.startsWith('ack ')) acked.push(Number(l.slice(4)));
      if ((l === 'ready' && killAfter === 0) || acked.length >= killAfter) child.kill('SIGKILL');
    }
  });
  return new Promise((resolve) => child.once('close', (_code, signal) => resolve({ acked, signal, stderr })));
}

describe('crash safety', () => {
  it('keeps every acknowledged line through repeated SIGKILLs, torn tails included, and appends cleanly after', async () => {
    const dir = await tempStateDir();
    const ackedAll = new Map<string, number[]>();
    const ROUNDS = 10;
    for (let i = 0; i < ROUNDS; i++) {
      const tag = `run${i}`;
      // Random instants: right after start, or after 1..400 acknowledged pairs, with more appends always in flight at the kill.
      const { acked, signal, stderr } = await runChild(dir, tag, i === 0 ? 0 : 1 + Math.floor(Math.random() * 400));
      expect(signal, stderr).toBe('SIGKILL');
      ackedAll.set(tag, acked);
      // Every third round also simulates a power loss mid-write: part of a line and no newline.
      if (i % 3 === 2) await appendFile(join(dir, JOURNAL_FILE), '{"t":"outcome","run":"' + tag + '","req":"x","reco');

      // The killed run left its lock behind; reopening takes it over, loads, and cuts any torn tail away.
      const j = await openJournal(dir);
      expect(j.notices.filter((n) => !render(n).includes('incomplete'))).toEqual([]);
      for (const [t, ns] of ackedAll) {
        for (const n of ns) {
          expect(j.confirmed(`${t}-${n}-0`), `${t} pair ${n}`).toMatchObject({ approval_id: `a-${t}-${n}-0` });
          expect(j.confirmed(`${t}-${n}-7`)).toBeDefined();
        }
      }
      // What was in flight at the kill is at worst an intent without outcome: to be reconciled, never lost.
      for (const u of j.unresolvedIntents()) {
        const [t, n] = u.intent.req.split('-') as [string, string];
        expect(ackedAll.get(t)).not.toContain(Number(n));
      }
      const run = j.runs().find((r) => r.run === tag);
      if (i > 0) expect(run?.unfinished).toBe(true);
      await j.close();
    }

    const text = await readFile(join(dir, JOURNAL_FILE), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    for (const line of text.slice(0, -1).split('\n')) expect(() => JSON.parse(line)).not.toThrow();
    expect([...ackedAll.values()].flat().length).toBeGreaterThan(0);
  });

  it('releases the lock when the process exits without closing the journal', async () => {
    const dir = await tempStateDir();
    const { signal } = await runChild(dir, 'r', Infinity, 'exit');
    expect(signal).toBeNull();
    await expect(access(join(dir, 'lock'))).rejects.toThrow();
  });
});
