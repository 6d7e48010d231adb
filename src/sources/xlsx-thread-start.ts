// Starting the reading thread of xlsx-thread.ts, and starting it early. The thread takes ≈ 0.1 s to boot and load its
// modules before it can open a workbook, and the main thread has nothing to do until the first rows come: a command
// that knows it will read a big workbook (`validate`) starts the thread before it loads the rest of itself, and the
// read adopts it. Nothing here loads more than Node's own modules, so that the start is not itself held up.
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * A big workbook is parsed on a second thread while this one normalises its rows. The thread costs ≈ 15–20 MB (a
 * second V8 heap, its young generation capped at 4 MB, and the zip code it loads) and ≈ 0.1 s to start, and buys the
 * XML's share of the time on an idle second core. Whole processes, 2026-11-30 (bench:parse, BENCHMARKS.md): at
 * 100,000 rows (3.7 MB) 1.10 s and 118 MB against 1.26 s and 101 MB read directly; at 50,000 (1.9 MB) 0.79 s and
 * 100 MB against 0.81 s and 88 MB; below that the start outweighs the gain. Never on a single core, where the two
 * would only take turns.
 */
export const THREADED_MIN_BYTES = 3 << 19; // 1.5 MB, ≈ 40,000 rows

// The compiled worker beside this module. Running from the TypeScript sources (vitest) there is none: read directly.
const workerFile = new URL('./xlsx-worker.js', import.meta.url);

/** Whether a worker can help: a second core to run on, and the compiled worker to run. */
export const threadedAvailable = (): boolean =>
  availableParallelism() > 1 && workerFile.protocol === 'file:' && existsSync(fileURLToPath(workerFile));

/** What the thread said, in order; `crash`: it failed or exited on its own (not an error it reported). */
export type Heard = { type: 'message'; data: unknown } | { type: 'crash'; error: Error };

/** A started reading thread, listened to from its start: a failure while it boots is kept until asked for, not lost. */
export class ReaderThread {
  private readonly heard: Heard[] = [];
  private wake: (() => void) | undefined;

  constructor(readonly worker: Worker) {
    worker.on('message', (data: unknown) => this.push({ type: 'message', data }));
    worker.on('error', (error: Error) => this.push({ type: 'crash', error }));
    worker.on('exit', (code) => this.push({ type: 'crash', error: new Error(`xlsx reader thread exited (code ${code})`) }));
  }

  /** The next thing the thread said, once it has said it. */
  async next(): Promise<Heard> {
    while (this.heard.length === 0) await new Promise<void>((resolve) => (this.wake = resolve));
    return this.heard.shift()!;
  }

  /** Done with it: whatever it still says is ignored (an 'error' event without a listener would crash the process). */
  stop(): void {
    this.worker.removeAllListeners();
    this.worker.on('error', () => {});
    void this.worker.terminate();
  }

  private push(h: Heard): void {
    this.heard.push(h);
    this.wake?.();
  }
}

/** A new reading thread, waiting to be told what to read. Throws where threads cannot run (a permission model …). */
export function startReaderThread(): ReaderThread {
  // The parent's flags, less --input-type (allowed only with -e, which the worker's file is not).
  const execArgv = process.execArgv.filter((a) => !a.startsWith('--input-type'));
  // The young generation capped at 4 MB: the parse makes short-lived strings at a great rate, and an uncapped one
  // grows to 32 MB, ≈ 10 MB more peak memory for no measurable time; at 2 MB the collections cost ≈ 10 % more time
  // (bench:parse, BENCHMARKS.md).
  return new ReaderThread(new Worker(workerFile, { execArgv, resourceLimits: { maxYoungGenerationSizeMb: 4 } }));
}

let early: ReaderThread | undefined;

/**
 * Starts a reading thread now if one of `paths` is a workbook the read will parse on a thread (see THREADED_MIN_BYTES),
 * for the first such read to adopt. It does not keep the process alive, and costs only its boot if never adopted.
 */
export function startReadingEarly(paths: readonly string[]): void {
  if (early || !threadedAvailable() || !paths.some(isBigWorkbook)) return;
  try {
    early = startReaderThread();
    early.worker.unref();
  } catch {
    // The read will try again, and read on this thread if it cannot.
  }
}

/** The thread started early, if there is one (each is handed out once). */
export function takeEarlyThread(): ReaderThread | undefined {
  const thread = early;
  early = undefined;
  thread?.worker.ref();
  return thread;
}

function isBigWorkbook(path: string): boolean {
  if (!/\.xlsx$/i.test(path)) return false;
  try {
    return statSync(path).size >= THREADED_MIN_BYTES;
  } catch {
    return false; // the read says what is wrong with it
  }
}
