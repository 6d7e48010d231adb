// Folders for what a run sets aside on disk (records waiting in slices, outcomes, the journal's parts): they hold
// people's ids and reasons, so they are made 0700 (mkdtemp) and removed when done and, whatever happened, at exit.
// A run killed outright (SIGKILL, power loss) cannot clean up: its folders carry its pid and its machine, and the next
// run on the same machine removes those whose process is gone. (Containers sharing one temp folder have their own pid
// numbers, usually their own host names: another machine's folders are never touched.)
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';

const open = new Set<string>();
let hooked = false;
let swept = false;
/** `feishu-import-<what>-<pid>.<machine>-<random>`, as makeTempDir names them. */
const OURS = /^feishu-import-[a-z]+-(\d+)\.([0-9a-f]{8})-/;
/** The machine, as a name-safe tag: the first 8 hex digits of the sha256 of its host name. */
const MACHINE = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);

export function makeTempDir(prefix: string): string {
  if (!swept) sweepStale();
  const dir = mkdtempSync(join(tmpdir(), `${prefix}${process.pid}.${MACHINE}-`));
  open.add(dir);
  if (!hooked) {
    hooked = true;
    process.once('exit', () => {
      for (const d of open) rmSync(d, { recursive: true, force: true });
    });
  }
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  open.delete(dir);
}

/** Removes this machine's folders of runs whose process no longer exists (another user's are left alone). */
export function sweepStale(): void {
  swept = true;
  let names: string[];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const m = OURS.exec(name);
    const pid = Number(m?.[1]);
    if (!pid || m?.[2] !== MACHINE || pid === process.pid || alive(pid)) continue;
    try {
      rmSync(join(tmpdir(), name), { recursive: true, force: true });
    } catch {
      // Not ours to remove (another user's), or already gone.
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, under another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
