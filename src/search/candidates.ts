import type { IndexedArticle } from './document';
import { PostingsPool, TF_BITS as POSTING_TF_BITS, TF_MAX as POSTING_TF_MAX } from './postings';
import { lengthNorm, score } from './scoring';
import { ALIVE, ARTICLE_TF_BITS, type SentenceStore } from './sentenceStore';

// Local copies: imported bindings can compile to property reads, which hot loops should not pay for.
const TF_BITS = 3;
const TF_MAX = 7;
if (TF_BITS !== POSTING_TF_BITS || TF_MAX !== POSTING_TF_MAX) throw new Error('postings layout changed');

/** Query terms beyond this many are ignored (the match masks are 32-bit). */
export const MAX_QUERY_TERMS = 32;
/** Lengths up to this get a per-query lookup table for BM25's length norm. */
const LENGTH_TABLE = 256;
/** A cursor past the end of its list. */
const DONE = 0x7fffffff;

/**
 * One query's candidates: the sentences holding a query term in the
 * articles it ranks, each with its BM25 score, the mask of the query terms
 * it holds and its article's prior, in ascending id order (so a sentence's
 * neighbours are next to it). The arrays are reused from query to query and
 * grow on demand; nothing the size of the library is allocated per query.
 */
export class Candidates {
  count = 0;
  ids = new Int32Array(0);
  masks = new Int32Array(0);
  scores = new Float64Array(0);
  articles = new Float64Array(0);
  /** The query's term ids (at most MAX_QUERY_TERMS) and their IDF as scored. */
  readonly termIds = new Int32Array(MAX_QUERY_TERMS);
  readonly termIdf = new Float64Array(MAX_QUERY_TERMS);
  private readonly cursorPosition = new Int32Array(MAX_QUERY_TERMS);
  private readonly cursorBlock = new Int32Array(MAX_QUERY_TERMS);
  private readonly cursorEnd = new Int32Array(MAX_QUERY_TERMS);
  private readonly cursorSentence = new Int32Array(MAX_QUERY_TERMS);
  private readonly lengthNorms = new Float64Array(LENGTH_TABLE);
  private k1 = 0;
  private b = 0;
  private averageLength = 1;
  /** Article-level BM25 by slot, filled by scoreArticles and cleared by the caller. */
  articleScores = new Float64Array(0);

  constructor(private readonly store: SentenceStore<IndexedArticle>) {}

  /** Starts a query: no candidates yet, and BM25's length norm for sentences (k1, b) tabled. */
  reset(k1: number, b: number): void {
    this.count = 0;
    this.reserve(1024);
    const { liveLength, liveSentences } = this.store.totals;
    this.k1 = k1;
    this.b = b;
    this.averageLength = liveLength / Math.max(1, liveSentences);
    for (let length = 0; length < LENGTH_TABLE; length++) this.lengthNorms[length] = lengthNorm(length, this.averageLength, k1, b);
  }

  /** Makes room for `count` candidates. */
  private reserve(count: number): void {
    if (count <= this.ids.length) return;
    const size = Math.max(count, this.ids.length * 2, 1024);
    const grow = <T extends Int32Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.ids = grow(this.ids, (n) => new Int32Array(n));
    this.masks = grow(this.masks, (n) => new Int32Array(n));
    this.scores = grow(this.scores, (n) => new Float64Array(n));
    this.articles = grow(this.articles, (n) => new Float64Array(n));
  }

  /** Puts cursor j on the first live-or-dead posting of its block chain with sentence in [from, to), or marks it done. */
  private seek(j: number, block: number, from: number, to: number): void {
    const pool = this.store.pool.data;
    for (; block !== -1; block = pool[block]!) {
      const fill = pool[block + 2]!;
      if (fill === 0 || pool[block + 3 + fill - 1]! >>> TF_BITS < from) continue;
      const i = pool[block + 3]! >>> TF_BITS >= from ? block + 3 : PostingsPool.lowerBound(pool, block, from);
      const id = pool[i]! >>> TF_BITS;
      this.cursorPosition[j] = i;
      this.cursorBlock[j] = block;
      this.cursorEnd[j] = block + 3 + fill;
      this.cursorSentence[j] = id < to ? id : DONE;
      return;
    }
    this.cursorSentence[j] = DONE;
  }

  /**
   * Walks the k query terms' postings together over sentences [from, to),
   * appending each live sentence that holds any of them with its BM25 score
   * (`score()` per term, `termIdf` as the IDF) and match mask.
   */
  collect(k: number, from: number, to: number, articleScore: number): void {
    const store = this.store;
    const pool = store.pool.data;
    const position = this.cursorPosition;
    const blockEnd = this.cursorEnd;
    const current = this.cursorSentence;
    const idf = this.termIdf;
    const norms = this.lengthNorms;
    const { k1, b, averageLength } = this;
    for (let j = 0; j < k; j++) this.seek(j, store.pool.firstBlock(this.termIds[j]!), from, to);
    const lengths = store.sentenceLength.data;
    const alive = store.sentenceFlags.data;
    const checkAlive = store.totals.deadPostings > 0;
    let count = this.count;
    let ids = this.ids;
    for (;;) {
      let id = DONE;
      for (let j = 0; j < k; j++) if (current[j]! < id) id = current[j]!;
      if (id === DONE) break;
      const length = lengths[id]!;
      const norm = length < LENGTH_TABLE ? norms[length]! : lengthNorm(length, averageLength, k1, b);
      let mask = 0;
      let sum = 0;
      for (let j = 0; j < k; j++) {
        if (current[j] !== id) continue;
        const at = position[j]!;
        sum += score(pool[at]! & TF_MAX, idf[j]!, k1, norm);
        mask |= 1 << j;
        if (at + 1 < blockEnd[j]!) {
          position[j] = at + 1;
          const next = pool[at + 1]! >>> TF_BITS;
          current[j] = next < to ? next : DONE;
        } else {
          this.seek(j, pool[this.cursorBlock[j]!]!, id + 1, to);
        }
      }
      if (checkAlive && (alive[id]! & ALIVE) === 0) continue;
      if (count === ids.length) {
        this.count = count;
        this.reserve(count * 2);
        ids = this.ids;
      }
      ids[count] = id;
      this.masks[count] = mask;
      this.scores[count] = sum;
      this.articles[count] = articleScore;
      count++;
    }
    this.count = count;
  }

  /**
   * Article-level BM25 (`score()` with the articles' own k1, b and lengths)
   * of every live article holding one of the k query terms, from the article
   * postings; fills articleScores and returns the touched slots.
   */
  scoreArticles(k: number, k1: number, b: number): number[] {
    const store = this.store;
    const pool = store.articlePool.data;
    const slots = store.slots;
    if (this.articleScores.length < slots.length)
      this.articleScores = new Float64Array(Math.max(slots.length, this.articleScores.length * 2, 64));
    const scores = this.articleScores;
    const lengths = store.slotLength.data;
    const { liveArticles, liveArticleLength } = store.totals;
    const checkAlive = liveArticles < slots.length;
    const touched: number[] = [];
    const averageArticleLength = liveArticleLength / Math.max(1, liveArticles);
    const tfMax = (1 << ARTICLE_TF_BITS) - 1;
    for (let j = 0; j < k; j++) {
      const termId = this.termIds[j]!;
      const idf = store.articleIdf(termId);
      for (let block = store.articlePool.firstBlock(termId); block !== -1; block = pool[block]!) {
        const stop = block + 3 + pool[block + 2]!;
        for (let i = block + 3; i < stop; i++) {
          const entry = pool[i]!;
          const slot = entry >>> ARTICLE_TF_BITS;
          if (checkAlive && slots[slot]!.article === undefined) continue;
          if (scores[slot] === 0) touched.push(slot);
          scores[slot]! += score(entry & tfMax, idf, k1, lengthNorm(lengths[slot]!, averageArticleLength, k1, b));
        }
      }
    }
    return touched;
  }
}
