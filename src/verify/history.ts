// history: the runs the journal recorded, read without the lock (so it works while an apply is running).
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { readJournal, type RunSummary } from '../journal/index.js';
import { DEFAULT_STATE_DIR, stateDirFor } from '../run/journal.js';
import { ref, type MessageRef } from '../messages/said.js';

export type { RunSummary } from '../journal/index.js';

export interface HistoryOptions {
  /** The state folder; else the one apply uses for `inputs`; else `.feishu-import/` in `cwd`. */
  state?: string;
  inputs?: string[];
  cwd?: string;
}

export interface HistoryResult {
  dir: string;
  /** False when there is no state folder at all: no run was ever recorded there. */
  exists: boolean;
  /** In the order they started. */
  runs: RunSummary[];
  /** Damage found in the journal (skipped lines, a torn tail); never fatal. */
  notices: MessageRef[];
}

function historyDir(opts: HistoryOptions): string {
  if (opts.state) return resolve(opts.cwd ?? process.cwd(), opts.state);
  if (opts.inputs?.length) return stateDirFor(opts.inputs.map((p) => resolve(opts.cwd ?? process.cwd(), p)));
  return join(opts.cwd ?? process.cwd(), DEFAULT_STATE_DIR);
}

export async function history(opts: HistoryOptions = {}): Promise<HistoryResult> {
  const dir = historyDir(opts);
  const info = await stat(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
  if (!info) return { dir, exists: false, runs: [], notices: [] };
  if (!info.isDirectory()) throw new ConfigError(ref('journal.notDir', { dir }));
  const view = await readJournal(dir, { runsOnly: true });
  return { dir, exists: true, runs: view.runs(), notices: [...view.notices] };
}
