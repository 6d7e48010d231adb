// The temporary folders a run sets aside (src/temp-dir.ts): a killed run's are removed by the next run on the same
// machine, never those of a live process, of another machine sharing the folder, or anything not ours.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDir, sweepStale } from '../src/temp-dir.js';
import { tempDir } from './helpers/sandbox.js';

const saved = process.env.TMPDIR;
afterEach(() => {
  if (saved === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = saved;
});

describe('temporary folders', () => {
  it('removes the folders of a process that is gone, on this machine only', () => {
    const tmp = tempDir();
    process.env.TMPDIR = tmp;
    const mine = makeTempDir('feishu-import-slices-');
    const machine = /\.([0-9a-f]{8})-/.exec(mine)![1]!;
    // A process that has exited: its pid no longer names a live process.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    const names = {
      gone: `feishu-import-outcomes-${dead}.${machine}-aaaaaa`,
      otherMachine: `feishu-import-outcomes-${dead}.00000000-bbbbbb`,
      live: `feishu-import-journal-${process.ppid}.${machine}-cccccc`,
      notOurs: `feishu-import-dddddd`,
    };
    for (const n of Object.values(names)) mkdirSync(join(tmp, n));
    sweepStale();
    const left = readdirSync(tmp);
    expect(left).not.toContain(names.gone);
    expect(left).toEqual(expect.arrayContaining([names.otherMachine, names.live, names.notOurs, mine.slice(tmp.length + 1)]));
    removeTempDir(mine);
    expect(readdirSync(tmp)).not.toContain(mine.slice(tmp.length + 1));
  });
});
