/**
 * Every term's postings in one shared Int32Array. A term's list is a chain of
 * blocks, each `[next, capacity, fill, entries…]`; an entry is
 * `id << shift | min(tf, 2^shift − 1)`: for sentence postings `sentence << 3 |
 * min(tf, 7)` (ids below 2^28), for article postings `article << 8 | min(tf
 * in the article, 255)`. Lists stay in ascending id order because sentences
 * and articles are only ever appended. The sentence-only helpers (countRange,
 * tf, forEach, lowerBound) assume the sentence layout.
 *
 * Why: one typed array per term costs two heap objects (about 200 bytes)
 * before the first posting, which at 100k terms is more than the postings
 * themselves. Blocks double in size (2, 4, … 4096 entries), so appending an
 * article touches only the tails of its own terms, and `compact()` rewrites
 * the pool as one exact block per term after a bulk load.
 */
export const TF_BITS = 3;
export const TF_MAX = (1 << TF_BITS) - 1;
const HEADER = 3;
const FIRST_BLOCK = 2;
const MAX_BLOCK = 4096;
const NONE = -1;

export class PostingsPool {
  data: Int32Array;
  /** Bits below the id in an entry: TF_BITS for sentence postings; article postings keep a larger tf sum. */
  readonly shift: number;
  used = 0;
  /** First and last block of each term, -1 when the term has none. */
  private head: Int32Array;
  private tail: Int32Array;
  private terms = 0;

  constructor(capacity = 1 << 16, shift = TF_BITS) {
    this.shift = shift;
    this.data = new Int32Array(capacity);
    this.head = new Int32Array(1024).fill(NONE);
    this.tail = new Int32Array(1024).fill(NONE);
  }

  get termCount(): number {
    return this.terms;
  }

  /** Registers a new term; returns its id (terms are numbered in order). */
  addTerm(): number {
    if (this.terms === this.head.length) {
      const size = this.head.length * 2;
      const head = new Int32Array(size).fill(NONE);
      const tail = new Int32Array(size).fill(NONE);
      head.set(this.head);
      tail.set(this.tail);
      this.head = head;
      this.tail = tail;
    }
    return this.terms++;
  }

  firstBlock(term: number): number {
    return this.head[term]!;
  }

  append(term: number, id: number, tf: number): void {
    const max = (1 << this.shift) - 1;
    const entry = (id << this.shift) | Math.min(tf, max);
    let block = this.tail[term]!;
    if (block === NONE || this.data[block + 2] === this.data[block + 1]) {
      const capacity = block === NONE ? FIRST_BLOCK : Math.min(MAX_BLOCK, this.data[block + 1]! * 2);
      const fresh = this.allocate(capacity);
      if (block === NONE) this.head[term] = fresh;
      else this.data[block] = fresh;
      this.tail[term] = fresh;
      block = fresh;
    }
    const fill = this.data[block + 2]!;
    this.data[block + HEADER + fill] = entry;
    this.data[block + 2] = fill + 1;
  }

  private allocate(capacity: number): number {
    const need = this.used + HEADER + capacity;
    if (need > this.data.length) {
      const next = new Int32Array(Math.max(need, Math.floor(this.data.length * 1.5)));
      next.set(this.data.subarray(0, this.used));
      this.data = next;
    }
    const block = this.used;
    this.data[block] = NONE;
    this.data[block + 1] = capacity;
    this.data[block + 2] = 0;
    this.used = need;
    return block;
  }

  /**
   * Rewrites the pool with one exact-size block per term, keeping only the
   * entries `keep` accepts, and gives back spare capacity.
   */
  compact(keep: (sentence: number) => boolean = () => true): void {
    const old = this.data;
    let size = 0;
    const counts = new Int32Array(this.terms);
    for (let term = 0; term < this.terms; term++) {
      let count = 0;
      for (let block = this.head[term]!; block !== NONE; block = old[block]!) {
        const end = block + HEADER + old[block + 2]!;
        for (let i = block + HEADER; i < end; i++) if (keep(old[i]! >>> this.shift)) count++;
      }
      counts[term] = count;
      if (count > 0) size += HEADER + count;
    }
    // Headroom of an eighth: adding articles after a bulk load appends blocks without copying the pool;
    // past it, the pool grows by half (a copy, amortised over the additions that filled it).
    const data = new Int32Array(Math.max(size + (size >> 3), 4096));
    let used = 0;
    for (let term = 0; term < this.terms; term++) {
      const count = counts[term]!;
      const first = this.head[term]!;
      if (count === 0) {
        this.head[term] = NONE;
        this.tail[term] = NONE;
        continue;
      }
      const block = used;
      data[block] = NONE;
      data[block + 1] = count;
      data[block + 2] = count;
      let write = block + HEADER;
      for (let b = first; b !== NONE; b = old[b]!) {
        const end = b + HEADER + old[b + 2]!;
        for (let i = b + HEADER; i < end; i++) if (keep(old[i]! >>> this.shift)) data[write++] = old[i]!;
      }
      this.head[term] = block;
      this.tail[term] = block;
      used = write;
    }
    this.data = data;
    this.used = used;
    if (this.head.length > this.terms * 1.25 + 1024) {
      this.head = this.head.slice(0, Math.max(1024, this.terms));
      this.tail = this.tail.slice(0, Math.max(1024, this.terms));
    }
  }

  /** The entry index of the first posting with sentence ≥ `sentence` in a block, or the block's end. */
  static lowerBound(data: Int32Array, block: number, sentence: number): number {
    let low = block + HEADER;
    let high = low + data[block + 2]!;
    const key = sentence << TF_BITS;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (data[mid]! < key) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Postings of a term with sentence in [from, to). */
  countRange(term: number, from: number, to: number): number {
    const data = this.data;
    let count = 0;
    for (let block = this.head[term]!; block !== NONE; block = data[block]!) {
      const fill = data[block + 2]!;
      if (fill === 0) continue;
      const first = data[block + HEADER]! >>> TF_BITS;
      const last = data[block + HEADER + fill - 1]! >>> TF_BITS;
      if (last < from) continue;
      if (first >= to) break;
      count += PostingsPool.lowerBound(data, block, to) - PostingsPool.lowerBound(data, block, from);
    }
    return count;
  }

  /** tf of a term in one sentence (0 when absent). */
  tf(term: number, sentence: number): number {
    const data = this.data;
    for (let block = this.head[term]!; block !== NONE; block = data[block]!) {
      const fill = data[block + 2]!;
      if (fill === 0) continue;
      const last = data[block + HEADER + fill - 1]! >>> TF_BITS;
      if (last < sentence) continue;
      const at = PostingsPool.lowerBound(data, block, sentence);
      return at < block + HEADER + fill && data[at]! >>> TF_BITS === sentence ? data[at]! & TF_MAX : 0;
    }
    return 0;
  }

  /** Calls `visit` for each posting's sentence id (ascending). */
  forEach(term: number, visit: (sentence: number, tf: number) => void): void {
    const data = this.data;
    for (let block = this.head[term]!; block !== NONE; block = data[block]!) {
      const end = block + HEADER + data[block + 2]!;
      for (let i = block + HEADER; i < end; i++) visit(data[i]! >>> TF_BITS, data[i]! & TF_MAX);
    }
  }

  /** The pool's parts for a snapshot. */
  exportState(): { data: Int32Array; head: Int32Array; tail: Int32Array; terms: number } {
    return {
      data: this.data.subarray(0, this.used),
      head: this.head.subarray(0, this.terms),
      tail: this.tail.subarray(0, this.terms),
      terms: this.terms,
    };
  }

  static fromState(state: { data: Int32Array; head: Int32Array; tail: Int32Array; terms: number }, shift = TF_BITS): PostingsPool {
    const pool = new PostingsPool(16, shift);
    // A private copy with the same headroom as compact() leaves.
    pool.data = new Int32Array(Math.max(state.data.length + (state.data.length >> 3), 4096));
    pool.data.set(state.data);
    pool.used = state.data.length;
    pool.terms = state.terms;
    const size = Math.max(1024, state.terms);
    pool.head = new Int32Array(size).fill(NONE);
    pool.tail = new Int32Array(size).fill(NONE);
    pool.head.set(state.head);
    pool.tail.set(state.tail);
    return pool;
  }

  static readonly HEADER = HEADER;
  static readonly NONE = NONE;
}
