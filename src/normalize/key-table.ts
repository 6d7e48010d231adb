// The cross-row checks remember every accepted row of a big file by its content: in a Map, a key string and a table
// entry each cost ≈ 100 bytes on the heap per row (≈ 55 MB for a 533,334-row month, most of validate's live memory).
// Here a row costs 16 bytes of typed arrays outside the heap, twice over for the free slots: keys are 64 bits of the
// content (the content hash's first 64, or plain validate's content key; two rows of one month sharing them by chance:
// about 1 in 10^8), values the row's RowRefs code.
const EMPTY = -1;

export class KeyTable {
  private hi = new Uint32Array(1024);
  private lo = new Uint32Array(1024);
  /** RowRefs codes (exact integers up to 2^53); EMPTY marks a free slot. */
  private values = new Float64Array(1024).fill(EMPTY);
  private size = 0;

  /** The value kept for the 64-bit key (two 32-bit halves). */
  get(h: number, l: number): number | undefined {
    const v = this.values[this.find(h, l)]!;
    return v === EMPTY ? undefined : v;
  }

  set(h: number, l: number, value: number): void {
    let at = this.find(h, l);
    if (this.values[at] === EMPTY) {
      // Half full at most: probes stay short.
      if (2 * (this.size + 1) > this.values.length) {
        this.grow();
        at = this.find(h, l);
      }
      this.size++;
    }
    this.hi[at] = h;
    this.lo[at] = l;
    this.values[at] = value;
  }

  /** The slot holding the key, or the free slot where it would go (linear probing). */
  private find(h: number, l: number): number {
    const mask = this.values.length - 1;
    let at = (Math.imul(l ^ h, 0x9e3779b1) >>> 0) & mask;
    while (this.values[at] !== EMPTY && (this.hi[at] !== h || this.lo[at] !== l)) at = (at + 1) & mask;
    return at;
  }

  private grow(): void {
    const { hi, lo, values } = this;
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(lo.length * 2);
    this.values = new Float64Array(values.length * 2).fill(EMPTY);
    for (let i = 0; i < values.length; i++) {
      if (values[i] === EMPTY) continue;
      const at = this.find(hi[i]!, lo[i]!);
      this.hi[at] = hi[i]!;
      this.lo[at] = lo[i]!;
      this.values[at] = values[i]!;
    }
  }
}

/** The first 64 bits of a content hash (hex text) as two 32-bit halves; undefined for any other text. */
export function hashHalves(hash: string): [number, number] | undefined {
  if (!/^[0-9a-f]{16}/.test(hash)) return undefined;
  return [parseInt(hash.slice(0, 8), 16), parseInt(hash.slice(8, 16), 16)];
}

/** A contentKey (plan/idempotency.ts: 64 bits as four UTF-16 code units) as two 32-bit halves. */
export function keyHalves(key: string): [number, number] {
  return [((key.charCodeAt(0) << 16) | key.charCodeAt(1)) >>> 0, ((key.charCodeAt(2) << 16) | key.charCodeAt(3)) >>> 0];
}
