// Rows travel between the readers and validate in batches (those one chunk of a sheet completed): every level of
// async iteration costs promises and microtasks per item, and at 100,000 rows one item per row added up to a tenth
// of a second on the main thread. Within a batch the rows are a plain (sync) iterable.
import type { InputRow } from '../types.js';

export type RowBatches = AsyncIterable<Iterable<InputRow>>;

/** The rows of `batches` one by one, for the consumers that take rows singly. */
export async function* eachRow(batches: RowBatches): AsyncIterable<InputRow> {
  for await (const batch of batches) yield* batch;
}

/** Rows taken singly, as batches of one (for the formats that are read row by row). */
export async function* batchesOfOne(rows: AsyncIterable<InputRow>): RowBatches {
  for await (const row of rows) yield [row];
}
