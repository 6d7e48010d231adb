// The worker thread of xlsx-thread.ts: reads one workbook exactly as the main thread would (readWorkbookRows) and
// posts rows in batches, notices and errors in the order they happen. It waits for the main thread to take batches
// before running too far ahead, and stays alive until the main thread terminates it.
import { parentPort } from 'node:worker_threads';
import type { SheetInfo } from '../types.js';
import { readWorkbookBatches } from './xlsx.js';
// With the worker, not at the first read (xlsx.ts loads it on use): a thread started early has it ready.
import './xlsx-reader.js';
import { RowPacker, transfer } from './xlsx-batch.js';
import { BATCH_ROWS, FIRST_BATCH_ROWS, MAX_IN_FLIGHT, type WorkerInput, type WorkerMessage } from './xlsx-thread.js';
import type { MessageRef } from '../messages/said.js';
import type { SourceInput } from './types.js';

const port = parentPort!;

let inFlight = 0;
let credit: (() => void) | undefined;
// The first message says what to read (the thread may have been started before that was known); each later one
// acknowledges a batch.
port.on('message', (m: WorkerInput | 'ack') => {
  if (typeof m === 'object') void read(m.input);
  else {
    inFlight--;
    credit?.();
  }
});

const post = (m: WorkerMessage) => port.postMessage(m);
const sheetIds = new Map<SheetInfo, number>();
const batch = new RowPacker();
let batchSheet = -1;
let batchRows = FIRST_BATCH_ROWS;

async function flush(): Promise<void> {
  if (!batch.rows) return;
  while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (credit = resolve));
  inFlight++;
  const rows = batch.take();
  batchRows = BATCH_ROWS;
  port.postMessage({ type: 'rows', sheet: batchSheet, rows } satisfies WorkerMessage, transfer(rows));
}

async function read(input: SourceInput): Promise<void> {
  // Notices are queued behind the rows read before them, so both sides see the same order.
  const notices: MessageRef[] = [];
  try {
    for await (const rows of readWorkbookBatches(input, { onNotice: (message) => notices.push(message) })) {
      for (const row of rows) {
        let id = sheetIds.get(row.sheet);
        if (id === undefined || id !== batchSheet || notices.length) await flush();
        for (const message of notices.splice(0)) post({ type: 'notice', message });
        if (id === undefined) {
          sheetIds.set(row.sheet, (id = sheetIds.size));
          post({ type: 'sheet', id, sheet: row.sheet });
        }
        batchSheet = id;
        batch.add(row.row, row.values);
        if (batch.rows >= batchRows) await flush();
      }
    }
    await flush();
    for (const message of notices) post({ type: 'notice', message });
    post({ type: 'end' });
  } catch (e) {
    await flush();
    for (const message of notices) post({ type: 'notice', message });
    const error = e as Error & { code?: unknown; said?: MessageRef };
    post({
      type: 'error',
      error: {
        name: error.name,
        message: error.message,
        ...(error.said ? { said: error.said } : {}),
        ...(error.stack ? { stack: error.stack } : {}),
        ...(typeof error.code === 'string' ? { code: error.code } : {}),
      },
    });
  }
}
