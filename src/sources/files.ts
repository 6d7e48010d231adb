// File checks shared by the adapters, so "missing" and "unreadable" read the same whatever the format.
import { access, constants, stat } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { ref } from '../messages/said.js';

/**
 * Throws InputError unless `file` exists, is a regular file, and can be read. A device or a FIFO (a `leaves.csv` that
 * links to /dev/zero, a named pipe) is refused at once: reading it could never end.
 */
export async function checkReadable(file: string): Promise<void> {
  try {
    const s = await stat(file);
    if (s.isDirectory()) throw new InputError(ref('input.unreadable', { file, reason: 'EISDIR' }));
    if (!s.isFile()) throw new InputError(ref('input.notRegularFile', { file }));
    await access(file, constants.R_OK);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new InputError(ref('input.missingFile', { file }), { cause: e });
    throw new InputError(ref('input.unreadable', { file, reason: code }), { cause: e });
  }
}
