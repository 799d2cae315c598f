import { termOf } from './analyzer';

// For each UTF-16 unit above ASCII: 0 not yet known, 1 a separator even after folding (dashes, curly quotes), 2 anything else.
const nonAsciiKind = new Uint8Array(65536);

/** Whether a non-ASCII character separates words and folds to no letter or digit, as analyzer.fold() would leave it. */
function isPlainSeparator(c: number): boolean {
  let kind = nonAsciiKind[c]!;
  if (kind === 0) {
    const ch = String.fromCharCode(c);
    const surrogate = c >= 0xd800 && c <= 0xdfff;
    kind = !surrogate && !/[\p{L}\p{N}\p{M}]/u.test(ch) && !/[\p{L}\p{N}]/u.test(ch.normalize('NFKD')) ? 1 : 2;
    nonAsciiKind[c] = kind;
  }
  return kind === 1;
}

/**
 * Word → term id while articles are added: words are
 * hashed and compared straight from the article's characters, so indexing a
 * word that was seen before creates no string and computes no string hash.
 * It gives exactly the terms of analyzer.terms() (runs of letters and digits,
 * lower-cased; single letters dropped, single digits kept; stop words
 * dropped; Porter stems), which tests/search/sentenceIndex.test.ts checks.
 * A sentence with a character that folding could make part of a word goes
 * through analyzer.terms() instead.
 */
export class SurfaceTable {
  private hashes = new Int32Array(1 << 14);
  /** Term id, -1 for a stop word, -2 for an empty slot. */
  private ids = new Int32Array(1 << 14).fill(-2);
  private words: string[] = new Array<string>(1 << 14);
  private size = 0;

  constructor(private readonly termIdFor: (term: string) => number) {}

  /**
   * Appends the term ids of text[start, end) to `out` and returns true; or
   * returns false, having appended nothing, when the span holds a character
   * that folding could turn into (part of) a word (accented letters, other
   * scripts, ligatures): the caller then analyses it the slow way.
   */
  termIds(text: string, start: number, end: number, out: number[]): boolean {
    const before = out.length;
    let pos = start;
    while (pos < end) {
      let c = text.charCodeAt(pos);
      // Skip to the next letter or digit.
      while (!isWordChar(c)) {
        if (c > 127 && !isPlainSeparator(c)) {
          out.length = before;
          return false;
        }
        if (++pos >= end) return true;
        c = text.charCodeAt(pos);
      }
      const from = pos;
      let hash = 0;
      let digit = false;
      while (isWordChar(c)) {
        const lower = c >= 65 && c <= 90 ? c + 32 : c;
        if (lower <= 57) digit = true;
        hash = (Math.imul(hash, 31) + lower) | 0;
        c = ++pos < end ? text.charCodeAt(pos) : 0;
      }
      if (c > 127 && !isPlainSeparator(c)) {
        out.length = before;
        return false;
      }
      const length = pos - from;
      if (length === 1 && !digit) continue;
      const id = this.lookup(text, from, length, hash);
      if (id >= 0) out.push(id);
    }
    return true;
  }

  private lookup(text: string, from: number, length: number, hash: number): number {
    const mask = this.ids.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const id = this.ids[slot]!;
      if (id === -2) return this.insert(text.slice(from, from + length).toLowerCase(), hash, slot);
      if (this.hashes[slot] !== hash) continue;
      const word = this.words[slot]!;
      if (word.length !== length) continue;
      let same = true;
      for (let i = 0; i < length; i++) {
        const c = text.charCodeAt(from + i);
        if ((c >= 65 && c <= 90 ? c + 32 : c) !== word.charCodeAt(i)) {
          same = false;
          break;
        }
      }
      if (same) return id;
    }
  }

  private insert(word: string, hash: number, slot: number): number {
    const term = termOf(word);
    const id = term ? this.termIdFor(term) : -1;
    this.hashes[slot] = hash;
    this.ids[slot] = id;
    this.words[slot] = word;
    if (++this.size * 2 > this.ids.length) this.grow();
    return id;
  }

  private grow(): void {
    const { hashes, ids, words } = this;
    const capacity = ids.length * 2;
    this.hashes = new Int32Array(capacity);
    this.ids = new Int32Array(capacity).fill(-2);
    this.words = new Array<string>(capacity);
    const mask = capacity - 1;
    for (let old = 0; old < ids.length; old++) {
      if (ids[old] === -2) continue;
      let slot = hashes[old]! & mask;
      while (this.ids[slot] !== -2) slot = (slot + 1) & mask;
      this.hashes[slot] = hashes[old]!;
      this.ids[slot] = ids[old]!;
      this.words[slot] = words[old]!;
    }
  }
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}
