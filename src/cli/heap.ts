// V8 grows the heap up to about four times its live data between full collections while it is far from its limit.
// A run keeps a month's records in memory, so that slack, not the records, was most of the memory a big apply used
// (bench:scale, 26,667 records: 412 MB peak, ~100 MB live). The CLI's process is its own (a program using the library
// keeps its own settings), so it asks for full collections once the heap has grown 20 % past what was live: 243 MB
// for the same month, at the same speed. The flag is read at every collection, so setting it at start is enough.
import { setFlagsFromString } from 'node:v8';

const HEAP_GROWING_PERCENT = 20;

export function tightenHeap(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
