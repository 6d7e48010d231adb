// Every accepted leave of a file by person, for the overlap check: its start and end (seconds) and its row, in typed
// arrays outside the heap, each person's leaves one block of them sorted by start. Three arrays per person, each
// reallocated as it grew, were on the heap: in a month where every person's 17th leave comes within the same few
// thousand rows, 15,000 arrays were reallocated at once, and V8 answered that burst of surviving objects by doubling
// the main thread's young generation (+16 MB of peak memory for `validate` of 100,000 rows, bench:parse).
// Accepted leaves never overlap each other, so their ends are sorted too: one binary search finds the only candidate.

/** Slots given to a person's first leave; a block doubles when full (moved to the end: at most half is left unused). */
const FIRST_BLOCK = 2;

export class LeaveTable {
  private starts = new Float64Array(1 << 12);
  private ends = new Float64Array(1 << 12);
  /** RowRefs codes (exact integers up to 2^53). */
  private refs = new Float64Array(1 << 12);
  /** Slots handed out to blocks so far. */
  private used = 0;
  /** Per person (by the number `people` gives): where the block starts, its leaves, its slots. */
  private readonly people = new Map<string, number>();
  private blockAt = new Int32Array(256);
  private blockCount = new Int32Array(256);
  private blockSize = new Int32Array(256);

  /**
   * Adds the leave [start, end) of `user` unless it overlaps one already added (half-open: a leave ending at 12:00
   * and one starting at 12:00 do not). Returns the slot of the leave it overlaps (see `start`, `end`, `ref`), or -1
   * once added.
   */
  add(user: string, start: number, end: number, ref: number): number {
    const person = this.person(user);
    let at = this.blockAt[person]!;
    const n = this.blockCount[person]!;
    // i = number of leaves starting before the new one ends; only leave i-1 can overlap it.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[at + mid]! < end) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && this.ends[at + lo - 1]! > start) return at + lo - 1;
    if (n === this.blockSize[person]) at = this.moveBlock(person, n * 2);
    if (lo < n) {
      // Not the usual case (a person's leaves in date order, appended): the later ones move up one slot.
      for (const a of [this.starts, this.ends, this.refs]) a.copyWithin(at + lo + 1, at + lo, at + n);
    }
    this.starts[at + lo] = start;
    this.ends[at + lo] = end;
    this.refs[at + lo] = ref;
    this.blockCount[person] = n + 1;
    return -1;
  }

  start(slot: number): number {
    return this.starts[slot]!;
  }

  end(slot: number): number {
    return this.ends[slot]!;
  }

  ref(slot: number): number {
    return this.refs[slot]!;
  }

  private person(user: string): number {
    let person = this.people.get(user);
    if (person === undefined) {
      person = this.people.size;
      this.people.set(user, person);
      if (person === this.blockAt.length) {
        this.blockAt = grown(this.blockAt, person * 2);
        this.blockCount = grown(this.blockCount, person * 2);
        this.blockSize = grown(this.blockSize, person * 2);
      }
      this.blockAt[person] = this.take(FIRST_BLOCK);
      this.blockSize[person] = FIRST_BLOCK;
    }
    return person;
  }

  /** Moves the person's block to fresh slots at the end, `size` of them; returns where it now starts. */
  private moveBlock(person: number, size: number): number {
    const from = this.blockAt[person]!;
    const to = this.take(size);
    const n = this.blockCount[person]!;
    for (const a of [this.starts, this.ends, this.refs]) a.copyWithin(to, from, from + n);
    this.blockAt[person] = to;
    this.blockSize[person] = size;
    return to;
  }

  /** `size` more slots at the end, the arrays doubled as needed. */
  private take(size: number): number {
    const at = this.used;
    this.used += size;
    if (this.used > this.starts.length) {
      let length = this.starts.length * 2;
      while (length < this.used) length *= 2;
      this.starts = grown(this.starts, length);
      this.ends = grown(this.ends, length);
      this.refs = grown(this.refs, length);
    }
    return at;
  }
}

function grown<T extends Float64Array | Int32Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}
