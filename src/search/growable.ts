type TypedArray = Int32Array | Uint16Array | Uint8Array | Float64Array;
type Ctor<T extends TypedArray> = new (length: number) => T;

/**
 * A typed array that doubles when full. Postings and per-sentence columns live
 * in these rather than in JS arrays of objects: 4 bytes an entry instead of a
 * heap object each, and no garbage-collector pressure at 500k sentences.
 */
export class Growable<T extends TypedArray> {
  data: T;
  length = 0;

  constructor(
    private readonly ctor: Ctor<T>,
    capacity = 4,
  ) {
    this.data = new ctor(capacity);
  }

  /** A growable holding (not copying) the given values. */
  static from<U extends TypedArray>(ctor: Ctor<U>, values: U): Growable<U> {
    const grown = new Growable(ctor, 1);
    grown.data = values;
    grown.length = values.length;
    return grown;
  }

  push(value: number): void {
    if (this.length === this.data.length) this.reserve(Math.max(4, this.length * 2));
    this.data[this.length++] = value;
  }

  reserve(capacity: number): void {
    if (capacity <= this.data.length) return;
    const next = new this.ctor(capacity);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }

  /** Drops spare capacity once a bulk load is done. */
  shrink(): void {
    if (this.data.length === this.length) return;
    const next = new this.ctor(Math.max(1, this.length));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}
