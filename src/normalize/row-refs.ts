// Row references kept by the cross-row checks, one per accepted row of a big file: as numbers rather than RowRef
// objects. A number is stored in a Map or an array as is (a small integer) or as 16 bytes, an object costs ~50.
import type { RowRef } from '../types.js';

/** Above every row number a file can have (xlsx stops at 2^20 rows; a CSV file would need terabytes to reach it). */
const ROW_SPAN = 2 ** 32;

/**
 * Numbers each (file, sheet) pair as first seen: a reference is `pair × 2^32 + row`, exact up to 2^21 pairs. The
 * first sheet's rows are plain small integers.
 */
export class RowRefs {
  private readonly pairs: { file: string; sheet: string }[] = [];
  private readonly ids = new Map<string, Map<string, number>>();
  // Rows arrive sheet by sheet: the pair of the previous row is almost always the pair of this one.
  private last: { file: string; sheet: string; id: number } | undefined;

  encode(ref: RowRef): number {
    const last = this.last;
    if (last && last.file === ref.file && last.sheet === ref.sheet) return last.id * ROW_SPAN + ref.row;
    let sheets = this.ids.get(ref.file);
    if (!sheets) this.ids.set(ref.file, (sheets = new Map()));
    let id = sheets.get(ref.sheet);
    if (id === undefined) {
      sheets.set(ref.sheet, (id = this.pairs.length));
      this.pairs.push({ file: ref.file, sheet: ref.sheet });
    }
    this.last = { file: ref.file, sheet: ref.sheet, id };
    return id * ROW_SPAN + ref.row;
  }

  decode(code: number): RowRef {
    const row = code % ROW_SPAN;
    const pair = this.pairs[(code - row) / ROW_SPAN]!;
    return { file: pair.file, sheet: pair.sheet, row };
  }
}

/** Lower-case hex digit → its value; -1 for any other character. */
const NIBBLE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) NIBBLE['0123456789abcdef'.charCodeAt(i)] = i;
const bytes: number[] = new Array<number>(16).fill(0);

/**
 * A content hash (32 lower-case hex digits) as a Map key of 16 one-byte characters: a flat string of a third of the
 * hex text's size (this key is kept for every accepted row). Anything else is kept as it is (it cannot be mistaken
 * for a packed key: those are 16 characters long, it is not). Decoded by table, not through a Buffer: once per row.
 */
export function hashKey(hash: string): string {
  if (hash.length !== 32) return hash;
  for (let i = 0; i < 16; i++) {
    const hi = NIBBLE[hash.charCodeAt(2 * i)] ?? -1;
    const lo = NIBBLE[hash.charCodeAt(2 * i + 1)] ?? -1;
    if (hi < 0 || lo < 0) return hash;
    bytes[i] = hi * 16 + lo;
  }
  return String.fromCharCode(...bytes);
}
