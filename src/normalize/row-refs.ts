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

const HEX32 = /^[0-9a-f]{32}$/;

/**
 * A content hash (32 hex digits) as a Map key of 16 one-byte characters. The hash is a slice of sha256's 64-digit
 * text, and a slice keeps that whole text alive: this key is a flat string of a third of the size. Anything else is
 * kept as it is (it cannot be mistaken for a packed key: those are 16 characters long, it is not).
 */
export const hashKey = (hash: string): string => (HEX32.test(hash) ? Buffer.from(hash, 'hex').toString('latin1') : hash);
