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

export interface JournalScan {
  /** 1-based line numbers of unparseable lines in the middle, skipped. */
  skipped: number[];
  /** The last line was incomplete or unparseable: a crash mid-write. */
  torn: boolean;
  /** Bytes up to the end of the last good line; the file is cut back to this before appending. */
  goodSize: number;
}

export interface ParsedJournal extends JournalScan {
  entries: JournalEntry[];
}

/** Read a megabyte at a time: a big month's journal (hundreds of MB) never sits in memory whole. */
const CHUNK = 1 << 20;

/**
 * Every complete line ends with '\n' (written in the same write() as the line), so a tail without one is a write
 * the crash cut short. A last line that does end with '\n' but does not parse (zero-filled blocks after a power
 * loss) is treated the same way; anything unparseable before it is damage in the middle: skipped and reported.
 * Each good entry goes to `onEntry` as it is read.
 */
async function scanJournal(fh: FileHandle, onEntry: (e: JournalEntry) => void): Promise<JournalScan> {
  const bad: { line: number; start: number }[] = [];
  let line = 0;
  let lastStart = 0;
  let lastOk = true;
  let size = 0;
  const take = (buf: Buffer, start: number, end: number, newline: boolean, at: number) => {
    line++;
    const text = buf.toString('utf8', start, end);
    const entry = text.trim() === '' && newline ? null : parseEntry(text);
    if (entry === undefined || (!newline && entry !== null)) {
      // A line without its newline is torn even if it happens to parse: it was never acknowledged.
      bad.push({ line, start: at });
      lastOk = false;
    } else {
      if (entry) onEntry(entry);
      lastOk = true;
    }
    lastStart = at;
  };
  let carry = Buffer.alloc(0);
  let base = 0; // file offset of carry's first byte
  for (;;) {
    const chunk = Buffer.allocUnsafe(CHUNK);
    const { bytesRead } = await fh.read(chunk, 0, CHUNK, base + carry.length);
    size = base + carry.length + bytesRead;
    if (bytesRead === 0) {
      if (carry.length) take(carry, 0, carry.length, false, base);
      break;
    }
    const buf = carry.length ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
    let start = 0;
    for (let nl = buf.indexOf(0x0a, start); nl !== -1; nl = buf.indexOf(0x0a, start)) {
      take(buf, start, nl, true, base + start);
      start = nl + 1;
    }
    carry = Buffer.from(buf.subarray(start));
    base += start;
  }
  const torn = !lastOk;
  if (torn) bad.pop();
  return { skipped: bad.map((b) => b.line), torn, goodSize: torn ? lastStart : size };
}

/** Reads the journal without changing it, entry by entry; a missing file is an empty journal. */
export async function scanJournalFile(path: string, onEntry: (e: JournalEntry) => void): Promise<JournalScan> {
  const fh = await fs.open(path, 'r').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw new ConfigError(ref('journal.unreadable', { path, reason: e.message }), { cause: e });
  });
  if (!fh) return { skipped: [], torn: false, goodSize: 0 };
  try {
    return await scanJournal(fh, onEntry);
  } finally {
    await fh.close();
  }
}

/** Every entry at once (tools and tests; the importer itself reads entry by entry). */
export async function readJournalFile(path: string): Promise<ParsedJournal> {
  const entries: JournalEntry[] = [];
  return { ...(await scanJournalFile(path, (e) => entries.push(e))), entries };
}

/**
 * Opens the journal for appending (created 0600), reads it entry by entry, and cuts a torn tail away so the next
 * line starts clean.
 */
export async function openJournalFile(path: string, onEntry: (e: JournalEntry) => void): Promise<{ fh: FileHandle; scan: JournalScan }> {
  const existed = await fs.access(path).then(
    () => true,
    () => false,
  );
  const fh = await fs.open(path, constants.O_RDWR | constants.O_APPEND | constants.O_CREAT, FILE_MODE);
  try {
    await fh.chmod(FILE_MODE);
    const scan = await scanJournal(fh, onEntry);
    if (scan.torn) {
      await fh.truncate(scan.goodSize);
      await fh.sync();
    }
    if (!existed) await syncDir(path);
    return { fh, scan };
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
