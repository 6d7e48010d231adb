import { spawn } from 'node:child_process';
import { access, mkdir, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { openJournal, readJournal } from '../../src/journal/index.js';
import { start, tempStateDir } from './helpers.js';

const children: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

/** A pid that surely belongs to a live process other than this one. */
async function livePid(): Promise<number> {
  const c = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(c);
  await new Promise((r) => c.once('spawn', r));
  return c.pid!;
}

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const c = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((r) => c.once('exit', r));
  return c.pid!;
}

async function writeLock(dir: string, pid: number, host = hostname()): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(join(dir, 'lock'), JSON.stringify({ pid, host }) + '\n', { mode: 0o600 });
}

describe('the state directory lock', () => {
  it('refuses a second open while the first is open (exit 2, naming the pid), and allows it after close', async () => {
    const dir = await tempStateDir();
    const first = await openJournal(dir);
    const err = await openJournal(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).exitCode).toBe(2);
    expect((err as ConfigError).message).toContain(String(process.pid));
    // Reading (history) is not blocked by a run in progress.
    await first.append(start('r1'));
    expect((await readJournal(dir)).runs()).toHaveLength(1);
    await first.close();
    await expect(access(join(dir, 'lock'))).rejects.toThrow();
    const second = await openJournal(dir);
    expect(second.runs()).toHaveLength(1);
    await second.close();
  });

  it('refuses a lock held by another live process', async () => {
    const dir = await tempStateDir();
    const pid = await livePid();
    await writeLock(dir, pid);
    await expect(openJournal(dir)).rejects.toThrow(new RegExp(`pid ${pid}`));
  });

  it('takes over a lock whose process is dead', async () => {
    const dir = await tempStateDir();
    await writeLock(dir, await deadPid());
    const j = await openJournal(dir);
    await j.append(start('r1'));
    await j.close();
    await expect(access(join(dir, 'lock'))).rejects.toThrow();
  });

  it('takes over a lock in the bare-pid form written by hand', async () => {
    const dir = await tempStateDir();
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'lock'), `${await deadPid()}\n`);
    await (await openJournal(dir)).close();
  });

  it('treats an empty lock as being written when fresh, and as debris when old', async () => {
    const dir = await tempStateDir();
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'lock'), '');
    await expect(openJournal(dir)).rejects.toBeInstanceOf(ConfigError);
    const old = new Date(Date.now() - 60_000);
    await utimes(join(dir, 'lock'), old, old);
    await (await openJournal(dir)).close();
  });

  it('does not take over a lock from another host, whose pid cannot be checked', async () => {
    const dir = await tempStateDir();
    await writeLock(dir, await deadPid(), `not-${hostname()}`);
    await expect(openJournal(dir)).rejects.toBeInstanceOf(ConfigError);
  });

  it('says so when the state path is a file', async () => {
    const dir = await tempStateDir();
    await mkdir(join(dir, '..'), { recursive: true });
    await writeFile(dir, 'x');
    await expect(openJournal(dir)).rejects.toThrow(/not a directory/);
  });
});
