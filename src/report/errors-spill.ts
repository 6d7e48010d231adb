// `validate`'s invalid rows and their problems, kept on disk rather than in memory: a month with 50,000 broken rows
// would otherwise hold every row and problem until the end. Each input sheet gets its own JSON-lines file in a
// private temporary folder (so the report reads one sheet without skipping through the others); what the summary and
// the terminal need is counted on the way (ErrorTally, the first problems). `dispose()` removes the folder.
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InputRow, Problem, SheetInfo } from '../types.js';
import { decodeRow, encodeRow, isOnRow } from './errors-spill-codec.js';
import type { ErrorRows, InvalidRow } from './errors-source.js';
import { ErrorTally } from './errors-tally.js';

interface Spilled {
  path: string;
  /** Rows arrive by ascending number from every reader; a sheet whose rows do not is sorted when read back. */
  sorted: boolean;
  last: number;
}

interface SpillOptions {
  /** How many of the first problems to keep in memory (what the terminal shows). */
  head: number;
  /** False when nothing will read the rows back (no report, no --json): only the counts are kept. */
  toDisk: boolean;
  /** Where the private folder is made (default: the system's temporary folder). */
  parent?: string;
}

/** Written lines are gathered up to this size before one write: few system calls, little held. */
const FLUSH_AT = 1 << 16;

export class ErrorSpill implements ErrorRows {
  readonly tally = new ErrorTally();
  /** The first problems, in the order they were found. */
  readonly head: Problem[] = [];
  problemCount = 0;
  private dir: string | undefined;
  private readonly spilled = new Map<SheetInfo, Spilled>();
  private open: { info: SheetInfo; fd: number } | undefined;
  private pending = '';

  constructor(private readonly options: SpillOptions) {}

  get sheets(): SheetInfo[] {
    return [...this.spilled.keys()];
  }

  /** One invalid row and all its problems (a row without any is not reported, so not kept). */
  add(row: InputRow, problems: readonly Problem[]): void {
    if (problems.length === 0) return;
    this.tally.addRow(row);
    for (const p of problems) {
      this.tally.addProblem(p, isOnRow(p, row));
      if (this.head.length < this.options.head) this.head.push(p);
    }
    this.problemCount += problems.length;
    if (!this.options.toDisk) return;
    const { fd, entry } = this.fileFor(row.sheet);
    if (row.row < entry.last) entry.sorted = false;
    entry.last = row.row;
    this.pending += `${encodeRow(row, problems)}\n`;
    if (this.pending.length >= FLUSH_AT) this.flush(fd);
  }

  /** A sheet's rows with the problems tied to them, by ascending row number (stable), for the report. */
  async *read(sheet: SheetInfo): AsyncIterable<InvalidRow> {
    const entry = this.spilled.get(sheet);
    if (!entry) return;
    this.close();
    const attached = (r: InvalidRow): InvalidRow => ({ row: r.row, problems: r.problems.filter((p) => isOnRow(p, r.row)) });
    if (entry.sorted) {
      for await (const line of lines(entry.path)) yield attached(decodeRow(line, sheet));
      return;
    }
    // Only a workbook whose rows are stored out of order gets here; that one sheet is held to be sorted.
    const all: InvalidRow[] = [];
    for await (const line of lines(entry.path)) all.push(attached(decodeRow(line, sheet)));
    yield* all.sort((a, b) => a.row.row - b.row.row);
  }

  /** Every problem in the order it was found (sheets arrive one after the other, so sheet by sheet is that order). */
  async *problems(): AsyncIterable<Problem> {
    this.close();
    for (const [sheet, entry] of this.spilled) {
      for await (const line of lines(entry.path)) yield* decodeRow(line, sheet).problems;
    }
  }

  /** Removes the folder; safe to call twice, and after a failure (a full disk: nothing more is written). */
  dispose(): void {
    if (this.open) closeSync(this.open.fd);
    this.open = undefined;
    this.pending = '';
    process.off('exit', this.removeNow);
    for (const signal of SIGNALS) process.off(signal, this.onSignal);
    this.removeNow();
  }

  /** The file of `sheet`, opened for appending; one is open at a time, since a reader finishes a sheet before the next. */
  private fileFor(sheet: SheetInfo): { fd: number; entry: Spilled } {
    let entry = this.spilled.get(sheet);
    if (this.open?.info === sheet && entry) return { fd: this.open.fd, entry };
    this.close();
    if (!entry) this.spilled.set(sheet, (entry = { path: join(this.folder(), `${this.spilled.size}.jsonl`), sorted: true, last: 0 }));
    this.open = { info: sheet, fd: openSync(entry.path, 'a') };
    return { fd: this.open.fd, entry };
  }

  private flush(fd: number): void {
    // writeFileSync on a descriptor writes at its position and, unlike writeSync, goes on until all is written.
    writeFileSync(fd, this.pending);
    this.pending = '';
  }

  private close(): void {
    if (!this.open) return;
    this.flush(this.open.fd);
    closeSync(this.open.fd);
    this.open = undefined;
  }

  private folder(): string {
    if (this.dir) return this.dir;
    // Ctrl-C or a kill during a long validate must not leave the rows (personal data) behind in the temp folder. The
    // handlers come first: without one, a signal kills the process at once, even between making the folder and here.
    process.on('exit', this.removeNow);
    for (const signal of SIGNALS) process.on(signal, this.onSignal);
    this.dir = mkdtempSync(join(this.options.parent ?? tmpdir(), 'feishu-import-'));
    return this.dir;
  }

  private readonly removeNow = (): void => {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  };

  /** Cleans up, then dies of the same signal as it would have without this listener. */
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    this.dispose();
    try {
      process.kill(process.pid, signal);
    } catch {
      // Windows cannot raise every POSIX signal: leave the way the console expects.
      process.exit(128 + (constants.signals[signal] ?? 1));
    }
  };
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** The lines of a file, streamed (the codec never writes a raw newline inside a line). */
async function* lines(path: string): AsyncIterable<string> {
  let rest = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8' }) as AsyncIterable<string>) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    yield* parts;
  }
  if (rest) yield rest;
}
