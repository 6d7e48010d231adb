// Outcomes of rows a run is done with, on disk: one JSON line each, found again by (sheet, row) through an offset
// table of 12 bytes a row. A month of 500,000 rows keeps ≈ 6 MB of table on the heap instead of ≈ 300 MB of objects.
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, removeTempDir } from '../temp-dir.js';
import type { RowOutcome, RowRef } from '../types.js';

interface SheetIndex {
  /** Byte offset of row r's line at [r] (−1: none), and its length. */
  offsets: Float64Array;
  lengths: Uint32Array;
}

export class OutcomeFile {
  private readonly dir: string;
  private fd: number;
  private size = 0;
  private readonly sheets = new Map<string, SheetIndex>();

  constructor() {
    this.dir = makeTempDir('feishu-import-outcomes-');
    this.fd = openSync(join(this.dir, 'outcomes.jsonl'), 'w+', 0o600);
  }

  /** Appends the outcomes (one write); a row written before is superseded. */
  put(outcomes: readonly RowOutcome[]): void {
    if (!outcomes.length) return;
    const lines = outcomes.map((o) => Buffer.from(JSON.stringify(o) + '\n'));
    let at = this.size;
    for (let i = 0; i < outcomes.length; i++) {
      const { ref } = outcomes[i]!;
      const index = this.index(ref, true)!;
      index.offsets[ref.row] = at;
      index.lengths[ref.row] = lines[i]!.length;
      at += lines[i]!.length;
    }
    const all = Buffer.concat(lines);
    writeSync(this.fd, all, 0, all.length, this.size);
    this.size += all.length;
  }

  has(ref: RowRef): boolean {
    const index = this.index(ref, false);
    return !!index && ref.row < index.offsets.length && index.offsets[ref.row]! >= 0;
  }

  get(ref: RowRef): RowOutcome | undefined {
    if (!this.has(ref)) return undefined;
    const index = this.index(ref, false)!;
    const buf = Buffer.alloc(index.lengths[ref.row]!);
    readSync(this.fd, buf, 0, buf.length, index.offsets[ref.row]!);
    return JSON.parse(buf.toString('utf8')) as RowOutcome;
  }

  /** Every row's latest outcome, sheet by sheet in row order. */
  *all(): Generator<RowOutcome> {
    for (const [key, index] of this.sheets) {
      const [file = '', sheet = ''] = key.split('\u0000');
      for (let row = 0; row < index.offsets.length; row++) if (index.offsets[row]! >= 0) yield this.get({ file, sheet, row })!;
    }
  }

  close(): void {
    if (this.fd < 0) return;
    closeSync(this.fd);
    this.fd = -1;
    removeTempDir(this.dir);
  }

  private index(ref: RowRef, grow: boolean): SheetIndex | undefined {
    const key = `${ref.file}\u0000${ref.sheet}`;
    let index = this.sheets.get(key);
    if (!grow) return index;
    if (!index || ref.row >= index.offsets.length) {
      // Doubling: rows mostly arrive in slices spread over the whole sheet, so the table soon has its final size.
      const size = Math.max(1024, ref.row + 1, (index?.offsets.length ?? 0) * 2);
      const offsets = new Float64Array(size).fill(-1);
      const lengths = new Uint32Array(size);
      if (index) {
        offsets.set(index.offsets);
        lengths.set(index.lengths);
      }
      index = { offsets, lengths };
      this.sheets.set(key, index);
    }
    return index;
  }
}
