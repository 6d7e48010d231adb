// Where a run keeps its state: shared by every command that reads or writes the state folder.
import { join } from 'node:path';
import { stateDirFor } from './journal.js';

/**
 * The state folder of a run. Runs against the sandbox keep theirs (journal and the sandbox's records) in a `sandbox/`
 * folder inside it: a trial against the sandbox must never make a later real run believe rows were written to Feishu.
 */
export function runStateDir(paths: string[], opts: { state?: string; sandbox?: boolean }): string {
  const dir = stateDirFor(paths, opts.state);
  return opts.sandbox ? join(dir, 'sandbox') : dir;
}

export const sandboxStorePath = (stateDir: string): string => join(stateDir, 'sandbox.json');
