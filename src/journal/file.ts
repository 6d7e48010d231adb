// The bytes on disk: the state directory, reading journal.jsonl with the torn-tail rule, and durable appends.
import { constants, promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import type { FileHandle } from 'node:fs/promises';
import { ConfigError } from '../errors.js';
import { type JournalEntry, parseEntry } from './entries.js';
import { ref } from '../messages/said.js';

export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

/** Creates the state directory (0700) when missing. An existing directory keeps its mode: it may be the user's own. */
export async function ensureStateDir(dir: string): Promise<void> {
  const stat = await fs.stat(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw new ConfigError(ref('journal.dirUnusable', { dir, reason: e.message }), { cause: e });
  });
  if (stat && !stat.isDirectory()) throw new ConfigError(ref('journal.notDir', { dir }));
  if (stat) return;
  await fs.mkdir(dir, { recursive: true, mode: DIR_MODE });
  // mkdir's mode is filtered by the umask; chmod is not, so the mode is exactly 0700 whatever the umask.
  await fs.chmod(dir, DIR_MODE);
}

export interface ParsedJournal {
  entries: JournalEntry[];
  /** 1-based line numbers of unparseable lines in the middle, skipped. */
  skipped: number[];
  /** The last line was incomplete or unparseable: a crash mid-write. */
  torn: boolean;
  /** Bytes up to the end of the last good line; the file is cut back to this before appending. */
  goodSize: number;
}

/**
 * Every complete line ends with '\n' (written in the same write() as the line), so a tail without one is a write
 * the crash cut short. A last line that does end with '\n' but does not parse (zero-filled blocks after a power
 * loss) is treated the same way; anything unparseable before it is damage in the middle: skipped and reported.
 */
export function parseJournal(buf: Buffer): ParsedJournal {
  const entries: JournalEntry[] = [];
  const bad: { line: number; start: number }[] = [];
  let start = 0;
  let line = 0;
  let lastStart = 0;
  let lastOk = true;
  while (start < buf.length) {
    const nl = buf.indexOf(0x0a, start);
    const end = nl === -1 ? buf.length : nl;
    line++;
    const text = buf.toString('utf8', start, end);
    const entry = text.trim() === '' && nl !== -1 ? null : parseEntry(text);
    if (entry === undefined || (nl === -1 && entry !== null)) {
      // A line without its newline is torn even if it happens to parse: it was never acknowledged.
      bad.push({ line, start });
      lastOk = false;
    } else {
      if (entry) entries.push(entry);
      lastOk = true;
    }
    lastStart = start;
    start = end + 1;
  }
  const torn = !lastOk;
  if (torn) bad.pop();
  return { entries, skipped: bad.map((b) => b.line), torn, goodSize: torn ? lastStart : buf.length };
}

/** Reads the journal without changing it; a missing file is an empty journal. */
export async function readJournalFile(path: string): Promise<ParsedJournal> {
  const buf = await fs.readFile(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return Buffer.alloc(0);
    throw new ConfigError(ref('journal.unreadable', { path, reason: e.message }), { cause: e });
  });
  return parseJournal(buf);
}

/** Opens the journal for appending (created 0600), reads it, and cuts a torn tail away so the next line starts clean. */
export async function openJournalFile(path: string): Promise<{ fh: FileHandle; parsed: ParsedJournal }> {
  const existed = await fs.access(path).then(
    () => true,
    () => false,
  );
  const fh = await fs.open(path, constants.O_RDWR | constants.O_APPEND | constants.O_CREAT, FILE_MODE);
  try {
    await fh.chmod(FILE_MODE);
    const parsed = parseJournal(await fh.readFile());
    if (parsed.torn) {
      await fh.truncate(parsed.goodSize);
      await fh.sync();
    }
    if (!existed) await syncDir(path);
    return { fh, parsed };
  } catch (e) {
    await fh.close();
    throw e;
  }
}

/** fsync of the directory makes a new file's name durable too. Not possible on every platform: best effort. */
async function syncDir(path: string): Promise<void> {
  const dir = await fs.open(dirname(path), 'r').catch(() => undefined);
  if (!dir) return;
  await dir.sync().catch(() => undefined);
  await dir.close();
}
