/**
 * The durable state of runs: an append-only JSONL journal (`journal.jsonl` in the state directory), fsynced per line.
 *
 * Why JSONL and not SQLite: no native module to build on every CI and user machine (Node 20 has no built-in
 * SQLite); append-only writes are crash-safe with one simple rule (a torn last line is ignored and cut away before
 * the next append); and the file is human-readable, so support can read a user's journal with any text editor.
 * The journal is small (one line per request), so it is read whole at start and indexed in memory.
 *
 * Write-ahead discipline, kept by the caller: `intent` is appended (and fsynced) before a request is sent,
 * `outcome` after its answer. A crash between the two leaves an unresolved intent: reconcile it before resending.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Appender } from './appender.js';
import { type JournalEntry, type NewEntry, redact } from './entries.js';
import { ensureStateDir, openJournalFile, type JournalScan, scanJournalFile } from './file.js';
import { acquireLock } from './lock.js';
import { JournalState } from './state.js';
import { ref, type MessageRef } from '../messages/said.js';

export type * from './entries.js';
export type { RunSummary, UnresolvedIntent } from './state.js';
export type { ApprovalLocation, Confirmed, CreatedRecord, JournalQueries, StandingRecord } from './confirmations.js';
export type { SliceSelect } from './split.js';
export { newRunId } from './run-id.js';

export const JOURNAL_FILE = 'journal.jsonl';

/** The journal as loaded, with its queries. Read-only: see openJournal() to write. */
export class JournalView extends JournalState {
  /** Notices (messages) about damage found while loading (skipped lines, a torn tail). Show them; never fatal. */
  readonly notices: MessageRef[] = [];

  constructor(readonly dir: string) {
    super();
  }

  /** @internal what loading found, as notices. */
  loaded(scan: JournalScan): void {
    const path = join(this.dir, JOURNAL_FILE);
    for (const line of scan.skipped) this.notices.push(ref('journal.lineSkipped', { path, line }));
    if (scan.torn) this.notices.push(ref('journal.tornTail', { path }));
  }
}

export class Journal extends JournalView {
  private closed = false;
  private appender: Appender | undefined;
  private closeFile: () => Promise<void> = async () => {};

  /** @internal use openJournal() */
  constructor(
    dir: string,
    private readonly lock: { release(): Promise<void> },
    private readonly indexAppends = true,
  ) {
    super(dir);
  }

  /** @internal the file, once read. */
  attach(appender: Appender, closeFile: () => Promise<void>): void {
    this.appender = appender;
    this.closeFile = closeFile;
  }

  /**
   * Appends one entry and resolves once it is on disk (fsynced); only then do the queries see it (unless the journal
   * was opened with `indexAppends: false`). Concurrent calls are fine: they are written in call order, several per fsync.
   */
  async append(entry: NewEntry): Promise<JournalEntry> {
    if (this.closed || !this.appender) throw new Error('journal is closed');
    const full = { ...entry, ts: entry.ts ?? new Date().toISOString() } as JournalEntry;
    if (full.t === 'run-start') full.options = redact(full.options) as Record<string, unknown>;
    await this.appender.append(JSON.stringify(full) + '\n');
    if (this.indexAppends) this.add(full);
    return full;
  }

  /** Waits for pending appends, closes the file and releases the lock. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.appender?.idle();
      await this.closeFile();
    } finally {
      this.dispose();
      await this.lock.release();
    }
  }
}

export interface OpenOptions {
  /**
   * false: appended entries go to disk but not into the queries, which answer for the journal as it was opened. A run
   * that never asks about its own writes (apply) keeps its memory flat this way: 100,000 employees append ≈ 700,000
   * lines. Default true.
   */
  indexAppends?: boolean;
  /**
   * A journal bigger than this many bytes is held a slice of users at a time (journal/split.ts): its confirmations are
   * asked through forSlice(). For apply and plan, which go a slice at a time; undefined (history, undo): held whole.
   */
  splitAbove?: number;
}

/** Bytes of journal held whole by apply and plan (FEISHU_IMPORT_JOURNAL_SPLIT_BYTES): ≈ 45,000 records written. */
const SPLIT_ABOVE = 32 * 1024 * 1024;

/** `splitAbove` for a run that goes a slice at a time: FEISHU_IMPORT_JOURNAL_SPLIT_BYTES (of `env`, else of the process), else 32 MB. */
export function splitAbove(env?: NodeJS.ProcessEnv): number {
  const v = Number(env?.FEISHU_IMPORT_JOURNAL_SPLIT_BYTES || process.env.FEISHU_IMPORT_JOURNAL_SPLIT_BYTES || NaN);
  return Number.isInteger(v) && v >= 0 ? v : SPLIT_ABOVE;
}

/** Whether the journal at `path` is to be split before it is read. */
async function splitting(path: string, above: number | undefined): Promise<boolean> {
  if (above === undefined) return false;
  const size = await stat(path).then((s) => s.size, () => 0);
  return size > above;
}

/**
 * Opens the state directory for a run: creates it (0700) and the journal (0600) when missing, takes the lock
 * (ConfigError if another live process holds it), loads the journal and cuts away a torn last line.
 */
export async function openJournal(dir: string, opts: OpenOptions = {}): Promise<Journal> {
  await ensureStateDir(dir);
  const lock = await acquireLock(dir);
  const journal = new Journal(dir, lock, opts.indexAppends ?? true);
  try {
    if (await splitting(join(dir, JOURNAL_FILE), opts.splitAbove)) journal.splitByUser();
    const { fh, scan } = await openJournalFile(join(dir, JOURNAL_FILE), (e) => journal.add(e));
    journal.loaded(scan);
    journal.attach(new Appender(fh, scan.goodSize), () => fh.close());
    return journal;
  } catch (e) {
    journal.dispose();
    await lock.release();
    throw e;
  }
}

/** Loads the journal without locking or changing anything (`history` may run beside an `apply`). */
export async function readJournal(dir: string, opts: Pick<OpenOptions, 'splitAbove'> & { runsOnly?: boolean } = {}): Promise<JournalView> {
  const view = new JournalView(dir);
  // runsOnly (history): runs() and the notices are all that is asked; nothing else is kept.
  if (opts.runsOnly) view.keepRunsOnly();
  else if (await splitting(join(dir, JOURNAL_FILE), opts.splitAbove)) view.splitByUser();
  try {
    view.loaded(await scanJournalFile(join(dir, JOURNAL_FILE), (e) => view.add(e)));
  } catch (e) {
    view.dispose();
    throw e;
  }
  return view;
}
