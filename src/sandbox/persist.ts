// Keeping a sandbox's records in a file, so that `apply --sandbox`, then `undo --sandbox`, then `apply --sandbox`
// behave as they would against Feishu: each command starts its own sandbox, and without this each would start empty.
// Tokens are not kept: a client simply fetches a new one.
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigError } from '../errors.js';
import type { Store, StoreSnapshot } from './store.js';
import { ref } from '../messages/said.js';

/** Loads `path` into the (empty) store when the file exists; returns the text read, to skip saving when unchanged. */
export async function loadStore(path: string, store: Store): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  let snap: StoreSnapshot;
  try {
    snap = JSON.parse(text) as StoreSnapshot;
    if (snap.version !== 1 || !Array.isArray(snap.records) || !Array.isArray(snap.corehr)) throw new Error('not a sandbox store');
    store.restore(snap);
  } catch (e) {
    throw new ConfigError(ref('lifecycle.sandboxStoreBad', { path, reason: (e as Error).message }), { cause: e });
  }
  return text;
}

/** Writes the store atomically (temporary file, then rename), readable by its owner only: it holds employees' data. */
export async function saveStore(path: string, store: Store, previous: string | undefined): Promise<void> {
  const text = `${JSON.stringify(store.snapshot())}\n`;
  if (text === previous) return;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text, { mode: 0o600 });
  await chmod(tmp, 0o600); // the mode above is only used when the file is created, and the umask applies to it
  await rename(tmp, path);
}
