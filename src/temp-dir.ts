// Folders for what a run sets aside on disk (records waiting in slices, outcomes, the journal's parts): they hold
// people's ids and reasons, so they are made 0700 (mkdtemp) and removed when done and, whatever happened, at exit.
// A run killed outright (SIGKILL, power loss) cannot clean up: its folders carry its pid, and the next run removes
// those whose process is gone.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const open = new Set<string>();
let hooked = false;
let swept = false;
/** `feishu-import-<what>-<pid>-<random>`, as makeTempDir names them. */
const OURS = /^feishu-import-[a-z]+-(\d+)-/;

export function makeTempDir(prefix: string): string {
  if (!swept) sweepStale();
  const dir = mkdtempSync(join(tmpdir(), `${prefix}${process.pid}-`));
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

/** Removes the folders of runs whose process no longer exists (another user's, or one in use, are left alone). */
export function sweepStale(): void {
  swept = true;
  let names: string[];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(OURS.exec(name)?.[1]);
    if (!pid || pid === process.pid || alive(pid)) continue;
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
