// Workbooks that repeat the inputs (results, verify) stream them again rather than keep 100,000 rows in memory.
// The streaming writer takes one sheet at a time, so the one stream of rows is cut into consecutive per-sheet streams.
import type { InputRow, SheetInfo } from '../types.js';

export async function* bySheet<T>(rows: AsyncIterable<InputRow>, each: (row: InputRow) => T): AsyncIterable<{ sheet: SheetInfo; rows: AsyncIterable<T> }> {
  const it = rows[Symbol.asyncIterator]();
  let next = await it.next();
  while (!next.done) {
    const sheet = next.value.sheet;
    const current = async function* (): AsyncIterable<T> {
      while (!next.done && next.value.sheet === sheet) {
        yield each(next.value);
        next = await it.next();
      }
    };
    yield { sheet, rows: current() };
    // If the writer stopped early, skip the rest of this sheet so the next one starts where it should.
    while (!next.done && next.value.sheet === sheet) next = await it.next();
  }
}
