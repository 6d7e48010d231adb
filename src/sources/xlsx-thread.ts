// Reading a workbook on a worker thread: the worker (xlsx-worker.ts) runs the same readWorkbookRows as the main
// thread would and posts what it yields; this side turns the messages back into the same stream of rows, notices and
// errors. The point is overlap: the worker parses XML while this thread normalises the rows it already has.
import { ConfigError, InputError } from '../errors.js';
import type { InputRow, SheetInfo } from '../types.js';
import { PackedReader, type PackedRows } from './xlsx-batch.js';
import { batchesOfOne, eachRow, type RowBatches } from './batches.js';
import type { ReadContext, SourceInput } from './types.js';
import type { MessageRef } from '../messages/said.js';
import { startReaderThread, takeEarlyThread, type ReaderThread } from './xlsx-thread-start.js';

/**
 * What the worker posts, in the order the direct read would have produced it. Messages cross as data (ids and
 * parameters) and are rendered on this side: the worker needs no language.
 */
export type WorkerMessage =
  | { type: 'sheet'; id: number; sheet: SheetInfo }
  /** Packed (xlsx-batch.ts): flat typed arrays cross threads far cheaper than an array of values per row. */
  | { type: 'rows'; sheet: number; rows: PackedRows }
  | { type: 'notice'; message: MessageRef }
  | { type: 'error'; error: { name: string; message: string; said?: MessageRef; stack?: string; code?: string } }
  | { type: 'end' };

/**
 * What to read: the first message the worker gets (it may have been started before that was known: see
 * xlsx-thread-start.ts); every later message is an acknowledgement of a batch.
 */
export interface WorkerInput {
  input: SourceInput;
}

/** Rows per message: few enough messages to be cheap, small enough that the first arrives at once. */
export const BATCH_ROWS = 1000;
/**
 * The first message is smaller: this thread has nothing to do until it comes, and the worker's first rows are its
 * slowest (its code not yet optimised). 200 rather than 1,000 rows: 0.61 against 0.65 of a bare exceljs read in the
 * same bench:parse run (BENCHMARKS.md).
 */
export const FIRST_BATCH_ROWS = 200;
/**
 * Batches the worker may post before this side has taken them: it stays a little ahead, never a whole workbook
 * ahead (a slow consumer must not make the file pile up in memory: the read stays streaming).
 */
export const MAX_IN_FLIGHT = 4;

type Read = (input: SourceInput, ctx: ReadContext) => RowBatches;

/**
 * Streams the rows of `input` read on a worker thread. If the thread cannot run at all (workers refused by the
 * permission model, a flag of the parent process a worker does not accept…), `fallback` reads on this thread instead:
 * nothing has been handed out yet, so nobody can tell.
 */
export async function* readXlsxThreadedBatches(input: SourceInput, ctx: ReadContext, fallback?: Read): RowBatches {
  let thread: ReaderThread;
  try {
    thread = takeEarlyThread() ?? startReaderThread();
  } catch (e) {
    if (fallback) return yield* fallback(input, ctx);
    throw e;
  }
  thread.worker.postMessage({ input } satisfies WorkerInput);
  const sheets = new Map<number, SheetInfo>();
  let started = false;
  try {
    for (;;) {
      const heard = await thread.next();
      if (heard.type === 'crash') {
        if (!started && fallback) return yield* fallback(input, ctx);
        throw heard.error;
      }
      const m = heard.data as WorkerMessage;
      started = true;
      if (m.type === 'end') return;
      if (m.type === 'error') throw rebuildError(m.error);
      if (m.type === 'notice') ctx.onNotice(m.message);
      else if (m.type === 'sheet') sheets.set(m.id, m.sheet);
      else {
        thread.worker.postMessage('ack'); // taken: the worker may parse the next batch while these rows are normalised
        yield rowsOf(new PackedReader(m.rows), sheets.get(m.sheet)!);
      }
    }
  } finally {
    // Normal end, error, or a consumer that stopped early: the worker has nothing more to say.
    thread.stop();
  }
}

/** The same rows one by one (with a fallback that reads rows one by one too). */
export const readXlsxThreaded = (input: SourceInput, ctx: ReadContext, fallback?: (input: SourceInput, ctx: ReadContext) => AsyncIterable<InputRow>): AsyncIterable<InputRow> =>
  eachRow(readXlsxThreadedBatches(input, ctx, fallback && ((i, c) => batchesOfOne(fallback(i, c)))));

/** A posted batch's rows, each made as it is taken. */
function* rowsOf(rows: PackedReader, sheet: SheetInfo): Iterable<InputRow> {
  for (let i = 0; i < rows.length; i++) yield { sheet, row: rows.number(i), values: rows.cells(i) };
}

/** The worker's error as the direct read would have thrown it: InputError and ConfigError keep their class. */
function rebuildError(e: { name: string; message: string; said?: MessageRef; stack?: string; code?: string }): Error {
  if (e.name === 'InputError' && e.said) return new InputError(e.said);
  if (e.name === 'ConfigError' && e.said) return new ConfigError(e.said);
  const error = Object.assign(new Error(e.message), e.code ? { code: e.code } : {});
  error.name = e.name;
  if (e.stack) error.stack = e.stack;
  return error;
}
