// The rows the xlsx worker posts, packed: a type byte and a number per cell in two typed arrays (their buffers are
// transferred, not copied), and each distinct text of the batch once. Most cells of a sheet are a few repeated texts
// (shared strings, the same dates and times): as an array of values, every one of them was a string or an object to
// serialise on the worker, rebuild on this side and collect on both; packed, the two heaps see a handful per batch.
import { CellError, WallTime, type Cell } from '../types.js';

const NULL = 0;
const NUMBER = 1;
const TRUE = 2;
const FALSE = 3;
/** Text, a WallTime or a CellError: the number is the index of its text in `texts`. */
const TEXT = 4;
const WALL = 5;
const ERROR = 6;

/** One batch as posted: row i is Excel row `numbers[i]`, its cells `[ends[i-1], ends[i])` of `types`/`values`. */
export interface PackedRows {
  numbers: Int32Array;
  ends: Int32Array;
  types: Uint8Array;
  values: Float64Array;
  texts: string[];
}

/** Builds one batch on the worker's side. */
export class RowPacker {
  private numbers: number[] = [];
  private ends: number[] = [];
  private types = new Uint8Array(1 << 13);
  private values = new Float64Array(1 << 13);
  private cells = 0;
  private texts: string[] = [];
  private textIndex = new Map<string, number>();

  get rows(): number {
    return this.numbers.length;
  }

  add(row: number, cells: readonly Cell[]): void {
    if (this.cells + cells.length > this.types.length) this.grow(this.cells + cells.length);
    for (const cell of cells) {
      const at = this.cells++;
      if (cell === null) this.types[at] = NULL;
      else if (typeof cell === 'number') {
        this.types[at] = NUMBER;
        this.values[at] = cell;
      } else if (typeof cell === 'boolean') this.types[at] = cell ? TRUE : FALSE;
      else if (typeof cell === 'string') this.text(at, TEXT, cell);
      else if (cell instanceof WallTime) this.text(at, WALL, cell.text);
      else this.text(at, ERROR, cell.error);
    }
    this.numbers.push(row);
    this.ends.push(this.cells);
  }

  /** The batch so far, and a fresh start; the typed arrays go with the message (see transfer). */
  take(): PackedRows {
    const packed: PackedRows = {
      numbers: Int32Array.from(this.numbers),
      ends: Int32Array.from(this.ends),
      types: this.types.slice(0, this.cells),
      values: this.values.slice(0, this.cells),
      texts: this.texts,
    };
    this.numbers = [];
    this.ends = [];
    this.cells = 0;
    this.texts = [];
    this.textIndex.clear();
    return packed;
  }

  private text(at: number, type: number, text: string): void {
    let index = this.textIndex.get(text);
    if (index === undefined) {
      this.textIndex.set(text, (index = this.texts.length));
      this.texts.push(text);
    }
    this.types[at] = type;
    this.values[at] = index;
  }

  private grow(min: number): void {
    const size = Math.max(min, this.types.length * 2);
    const types = new Uint8Array(size);
    const values = new Float64Array(size);
    types.set(this.types.subarray(0, this.cells));
    values.set(this.values.subarray(0, this.cells));
    this.types = types;
    this.values = values;
  }
}

/** The buffers of a batch, for postMessage's transfer list. */
export const transfer = (p: PackedRows): ArrayBuffer[] => [p.numbers.buffer, p.ends.buffer, p.types.buffer, p.values.buffer] as ArrayBuffer[];

/**
 * Reads a batch row by row: each row's cells are made only when it is taken, so a batch waiting to be normalised is
 * its typed arrays and texts, not a thousand arrays (they would survive collections and grow this thread's heap).
 */
export class PackedReader {
  // One WallTime or CellError per distinct text of the batch, as for strings: the cells that repeat it share it.
  private readonly walls: WallTime[] = [];
  private readonly errors: CellError[] = [];

  constructor(private readonly p: PackedRows) {}

  get length(): number {
    return this.p.numbers.length;
  }

  /** The Excel row number of row i. */
  number(i: number): number {
    return this.p.numbers[i]!;
  }

  cells(i: number): Cell[] {
    const { ends, types, values, texts } = this.p;
    const cells: Cell[] = [];
    for (let k = i > 0 ? ends[i - 1]! : 0; k < ends[i]!; k++) {
      const type = types[k]!;
      const v = values[k]!;
      if (type === NUMBER) cells.push(v);
      else if (type === TEXT) cells.push(texts[v]!);
      else if (type === NULL) cells.push(null);
      else if (type === WALL) cells.push((this.walls[v] ??= new WallTime(texts[v]!)));
      else if (type === ERROR) cells.push((this.errors[v] ??= new CellError(texts[v]!)));
      else cells.push(type === TRUE);
    }
    return cells;
  }
}
