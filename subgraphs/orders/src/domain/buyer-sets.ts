/**
 * Sets of buyers as sets of small numbers: each member who ever bought in the tenant has an ordinal
 * (0, 1, 2, … in the order the metrics first met them), and a set of members is a bitmap of their
 * ordinals — so the distinct buyers of a period are the bits of many days' sets OR-ed together,
 * counted exactly, in microseconds for a hundred thousand members (no member ids to hash or compare).
 *
 * Stored form (one byte tag, then the body), whichever is smaller:
 *   1 → bitmap: bit i of byte i >> 3 (least significant first) set when ordinal i is in the set
 *   2 → sorted ordinals, 4 bytes each, little-endian (a sparse set: a store's day among 100k members)
 */
const BITMAP = 1;
const LIST = 2;

/** A growable bitmap of ordinals. */
export class OrdinalSet {
  private bits: Uint8Array;

  constructor(capacity = 0) {
    this.bits = new Uint8Array(Math.max(8, (capacity + 7) >> 3));
  }

  /** The set of these ordinals. */
  static of(ordinals: Iterable<number>): OrdinalSet {
    const s = new OrdinalSet();
    for (const n of ordinals) s.add(n);
    return s;
  }

  /** The union of these stored sets (undefined and empty ones are empty sets). */
  static union(stored: Iterable<Uint8Array | undefined>): OrdinalSet {
    const s = new OrdinalSet();
    for (const b of stored) if (b) s.addStored(b);
    return s;
  }

  add(n: number): void {
    if (!Number.isInteger(n) || n < 0) throw new Error(`not an ordinal: ${n}`);
    this.grow((n >> 3) + 1);
    this.bits[n >> 3] |= 1 << (n & 7);
  }

  has(n: number): boolean {
    return n >> 3 < this.bits.length && (this.bits[n >> 3] & (1 << (n & 7))) !== 0;
  }

  /** Adds every member of a stored set. */
  addStored(stored: Uint8Array): void {
    if (!stored.length) return;
    const body = stored.subarray(1);
    if (stored[0] === BITMAP) {
      this.grow(body.length);
      const bits = this.bits;
      for (let i = 0; i < body.length; i++) bits[i] |= body[i];
    } else if (stored[0] === LIST) {
      const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
      for (let i = 0; i + 4 <= body.length; i += 4) this.add(view.getUint32(i, true));
    } else throw new Error(`unknown ordinal set encoding ${stored[0]}`);
  }

  /** How many ordinals are in the set. */
  get size(): number {
    let n = 0;
    for (const b of this.bits) n += POPCOUNT[b];
    return n;
  }

  /** The ordinals, ascending. */
  *values(): IterableIterator<number> {
    const bits = this.bits;
    for (let i = 0; i < bits.length; i++) {
      const b = bits[i];
      if (b) for (let j = 0; j < 8; j++) if (b & (1 << j)) yield (i << 3) + j;
    }
  }

  /** The stored form: a bitmap or a sorted list, whichever is smaller (empty set: an empty array). */
  encode(): Uint8Array {
    let last = this.bits.length - 1;
    while (last >= 0 && this.bits[last] === 0) last--;
    if (last < 0) return new Uint8Array(0);
    const count = this.size;
    if (1 + 4 * count < 2 + last) {
      const out = new Uint8Array(1 + 4 * count);
      out[0] = LIST;
      const view = new DataView(out.buffer);
      let at = 1;
      for (const n of this.values()) {
        view.setUint32(at, n, true);
        at += 4;
      }
      return out;
    }
    const out = new Uint8Array(2 + last);
    out[0] = BITMAP;
    out.set(this.bits.subarray(0, last + 1), 1);
    return out;
  }

  private grow(bytes: number): void {
    if (bytes <= this.bits.length) return;
    const next = new Uint8Array(Math.max(bytes, this.bits.length * 2));
    next.set(this.bits);
    this.bits = next;
  }
}

const POPCOUNT = Uint8Array.from({ length: 256 }, (_, i) => {
  let n = 0;
  for (let b = i; b; b >>= 1) n += b & 1;
  return n;
});
