// One run per state directory: a `lock` file holding the owner's pid and host.
// Created atomically with its content (written to a private temp file, then link()ed: link fails if the name
// exists), so nobody can ever see an empty lock. A lock whose pid is dead on this host is taken over.
import { promises as fs, unlinkSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import { FILE_MODE } from './file.js';
import { ref } from '../messages/said.js';

interface LockOwner {
  pid: number;
  host: string;
}

export interface Lock {
  release(): Promise<void>;
}

export async function acquireLock(dir: string): Promise<Lock> {
  const path = join(dir, 'lock');
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), at: new Date().toISOString() }) + '\n';
  const tmp = join(dir, `lock.${process.pid}.${Math.random().toString(36).slice(2)}`);
  await fs.writeFile(tmp, mine, { mode: FILE_MODE });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await createExclusive(tmp, path, mine);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw e;
      }
      const text = await fs.readFile(path, 'utf8').catch(() => undefined);
      if (text === undefined) continue; // released meanwhile: try again
      const owner = parseOwner(text) ?? (await beingWritten(path));
      if (owner && isAlive(owner)) throw new ConfigError(ref('journal.locked', { dir, pid: owner.pid || '?', host: owner.host }));
      // Stale. Remove it only if it is still the same stale lock (another process may have just taken it over).
      // Between this read and unlink a tiny race remains; two runs starting in the same millisecond on a stale
      // lock is not a case worth a lock server.
      if ((await fs.readFile(path, 'utf8').catch(() => undefined)) === text) await fs.unlink(path).catch(() => {});
    }
  } finally {
    await fs.unlink(tmp).catch(() => {});
  }

  // Best effort when the process exits without close() (an uncaught error). SIGKILL leaves it: then it is stale.
  const onExit = () => {
    try {
      if (readFileSync(path, 'utf8') === mine) unlinkSync(path);
    } catch {
      /* already gone */
    }
  };
  process.on('exit', onExit);
  return {
    async release() {
      process.off('exit', onExit);
      const text = await fs.readFile(path, 'utf8').catch(() => undefined);
      if (text === mine) await fs.unlink(path).catch(() => {});
    },
  };
}

/** link() where the file system has hard links; else O_EXCL, where a reader may briefly see an empty lock. */
async function createExclusive(tmp: string, path: string, content: string): Promise<void> {
  try {
    await fs.link(tmp, path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw e;
    await fs.writeFile(path, content, { flag: 'wx', mode: FILE_MODE });
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const o = JSON.parse(text) as Partial<LockOwner> | null;
    if (typeof o?.pid === 'number') return { pid: o.pid, host: typeof o.host === 'string' ? o.host : '' };
  } catch {
    /* not JSON: maybe a bare pid */
  }
  const pid = Number.parseInt(text, 10); // a bare pid, written by hand or by another tool
  return Number.isInteger(pid) && pid > 0 ? { pid, host: '' } : undefined;
}

/**
 * An unreadable lock is normally debris, but with the O_EXCL fallback it may be one being written this instant:
 * a fresh one counts as held (by an unknown pid), one older than a few seconds as stale.
 */
async function beingWritten(path: string): Promise<LockOwner | undefined> {
  const stat = await fs.stat(path).catch(() => undefined);
  return stat && Date.now() - stat.mtimeMs < 5000 ? { pid: 0, host: '?' } : undefined;
}

/** A pid on another host cannot be checked: assume it is alive. EPERM means alive but someone else's. */
function isAlive(owner: LockOwner): boolean {
  if (owner.pid === 0 || (owner.host && owner.host !== hostname())) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
