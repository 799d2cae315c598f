import { terms as analyze } from './analyzer';
import type { IndexedArticle } from './document';
import { Growable } from './growable';
import { opensByPointingBack } from './pointsBack';
import { PostingsPool } from './postings';
import { bm25Idf } from './scoring';
import { SurfaceTable } from './surfaceTable';

/** One added article: its sentences have consecutive ids, [first, first + count). */
export interface ArticleSlot<D> {
  /** The caller's article while it is in the index; undefined once removed (only its sentence count still matters). */
  article: D | undefined;
  first: number;
  count: number;
  /** Analysed length of the whole article, for the article-level prior. */
  length: number;
}

/** Live counts behind IDF and average lengths, read at query time (nothing cached that an add could make stale). */
export interface Totals {
  liveSentences: number;
  liveLength: number;
  liveArticles: number;
  liveArticleLength: number;
  deadPostings: number;
  totalPostings: number;
}

/** The arrays behind an index, for snapshots and copies (see snapshot.ts). */
export interface IndexState {
  terms: string[];
  df: Int32Array;
  adf: Int32Array;
  postings: { data: Int32Array; head: Int32Array; tail: Int32Array; terms: number };
  articlePostings: { data: Int32Array; head: Int32Array; tail: Int32Array; terms: number };
  sentenceLength: Uint16Array;
  sentenceFlags: Uint8Array;
  paragraphPosition: Uint8Array;
  slots: { first: number; count: number; alive: boolean; length: number }[];
  totals: Totals;
}

/** Sentence flags: live (not removed), and opens by pointing back ("He", "They", "This") at the sentence before. */
export const ALIVE = 1;
export const LEANS_BACK_FLAG = 2;
/** Bits of an article posting below the slot: the term's tf in the article, capped at 255. */
export const ARTICLE_TF_BITS = 8;
/** A paragraph longer than this many sentences is treated as several. */
const MAX_PARAGRAPH = 255;
/**
 * The title's words count this many times each in the article's postings
 * (the article prior), not in any sentence's: a question names what the
 * article is about ("who got the first nobel prize in physics") more often
 * than its sentences repeat it.
 */
export const TITLE_TF = 3;
/** What makeArticle calls an article it could find no title for: no words to index. */
const NO_TITLE = 'Untitled article';

/**
 * The postings store: term ids, sentence and article postings, the
 * per-sentence columns and the article slots, kept current as articles are
 * added and removed. It ranks nothing (candidates.ts walks its postings,
 * sentenceIndex.ts ranks). The fields are the search folder's to read; only
 * this class writes them.
 */
export class SentenceStore<D extends IndexedArticle> {
  readonly termIds = new Map<string, number>();
  pool = new PostingsPool();
  /** Term → (article slot, tf in the article) postings: the article prior reads these instead of every sentence posting. */
  articlePool = new PostingsPool(1 << 14, ARTICLE_TF_BITS);
  /** Live sentences containing each term. */
  df: Growable<Int32Array> = new Growable(Int32Array, 1024);
  /** Live articles containing each term. */
  adf: Growable<Int32Array> = new Growable(Int32Array, 1024);
  sentenceLength: Growable<Uint16Array> = new Growable(Uint16Array, 1024);
  sentenceFlags: Growable<Uint8Array> = new Growable(Uint8Array, 1024);
  /** Position of a sentence in its paragraph (0 = starts one); paragraphs never span articles. */
  paragraphPosition: Growable<Uint8Array> = new Growable(Uint8Array, 1024);
  readonly slots: ArticleSlot<D>[] = [];
  /** First sentence id of each slot, ascending: a sentence's article is found by binary search. */
  readonly slotFirst: Growable<Int32Array> = new Growable(Int32Array, 64);
  /** Analysed length of each slot's article, for the article BM25. */
  readonly slotLength: Growable<Int32Array> = new Growable(Int32Array, 64);
  readonly slotById = new Map<string, number>();
  totals: Totals = { liveSentences: 0, liveLength: 0, liveArticles: 0, liveArticleLength: 0, deadPostings: 0, totalPostings: 0 };
  // Scratch for add(): per-term tf of the sentence being added, and the last sentence/article that saw each term.
  private addTf = new Int32Array(1024);
  private addSeenSentence = new Int32Array(1024).fill(-1);
  private addSeenArticle = new Int32Array(1024).fill(-1);
  private addArticleTf = new Int32Array(1024);
  /** Word → term id while articles are being added (plain ASCII text); dropped by shrink(), rebuilt on the next add. */
  private surfaces: SurfaceTable | undefined;

  /** The slot holding a sentence id. */
  slotOf(id: number): number {
    const firsts = this.slotFirst.data;
    let low = 0;
    let high = this.slotFirst.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (firsts[mid]! <= id) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** Library-wide sentence IDF of a term id. */
  sentenceIdf(termId: number): number {
    return bm25Idf(this.totals.liveSentences, this.df.data[termId]!);
  }

  /** Article-level IDF of a term id (the article prior, key terms). */
  articleIdf(termId: number): number {
    return bm25Idf(this.totals.liveArticles, this.adf.data[termId]!);
  }

  private termIdFor(term: string): number {
    let termId = this.termIds.get(term);
    if (termId === undefined) {
      termId = this.pool.addTerm();
      this.articlePool.addTerm();
      this.termIds.set(term, termId);
      this.df.push(0);
      this.adf.push(0);
      if (termId >= this.addTf.length) this.growAddScratch(this.addTf.length * 2);
    }
    return termId;
  }

  private growAddScratch(size: number): void {
    const tf = new Int32Array(size);
    const seenSentence = new Int32Array(size).fill(-1);
    const seenArticle = new Int32Array(size).fill(-1);
    const articleTf = new Int32Array(size);
    tf.set(this.addTf.subarray(0, size));
    seenSentence.set(this.addSeenSentence.subarray(0, size));
    seenArticle.set(this.addSeenArticle.subarray(0, size));
    articleTf.set(this.addArticleTf.subarray(0, size));
    this.addTf = tf;
    this.addSeenSentence = seenSentence;
    this.addSeenArticle = seenArticle;
    this.addArticleTf = articleTf;
  }

  /** Counts one occurrence-weight of a term in the article of `slotIndex`, noting the term for its article posting. */
  private countInArticle(termId: number, slotIndex: number, tf: number, articleTerms: number[]): void {
    if (this.addSeenArticle[termId] !== slotIndex) {
      this.addSeenArticle[termId] = slotIndex;
      this.addArticleTf[termId] = 0;
      this.adf.data[termId]!++;
      articleTerms.push(termId);
    }
    this.addArticleTf[termId]! += tf;
  }

  /** Appends an article (the caller has removed any earlier one of the same id). Touches only the postings of its own terms. */
  add(article: D): void {
    const slotIndex = this.slots.length;
    const first = this.sentenceLength.length;
    let articleLength = 0;
    const sentenceTermIds: number[] = [];
    const distinct: number[] = [];
    const articleTerms: number[] = [];
    let paragraphPosition = 0;
    const count = article.sentences.length;
    const surfaces = (this.surfaces ??= new SurfaceTable((term) => this.termIdFor(term)));
    for (let i = 0; i < count; i++) {
      const id = first + i;
      const span = article.sentences[i]!;
      sentenceTermIds.length = 0;
      distinct.length = 0;
      if (!surfaces.termIds(article.text, span.start, span.end, sentenceTermIds)) {
        for (const term of analyze(article.text.slice(span.start, span.end))) sentenceTermIds.push(this.termIdFor(term));
      }
      for (const termId of sentenceTermIds) {
        if (this.addSeenSentence[termId] !== id) {
          this.addSeenSentence[termId] = id;
          this.addTf[termId] = 0;
          distinct.push(termId);
        }
        this.addTf[termId]!++;
      }
      for (const termId of distinct) {
        this.pool.append(termId, id, this.addTf[termId]!);
        this.df.data[termId]!++;
        this.countInArticle(termId, slotIndex, this.addTf[termId]!, articleTerms);
      }
      this.totals.totalPostings += distinct.length;
      const length = Math.min(sentenceTermIds.length, 65535);
      // The splitter numbered the paragraphs; the index keeps each sentence's place in its own.
      if (i > 0 && (paragraphPosition >= MAX_PARAGRAPH || span.paragraph !== article.sentences[i - 1]!.paragraph)) paragraphPosition = 0;
      else if (i > 0) paragraphPosition++;
      this.sentenceLength.push(length);
      this.sentenceFlags.push(ALIVE | (i > 0 && opensByPointingBack(article.text, span.start) ? LEANS_BACK_FLAG : 0));
      this.paragraphPosition.push(paragraphPosition);
      this.totals.liveLength += length;
      articleLength += length;
    }
    if (TITLE_TF > 0 && article.title && article.title !== NO_TITLE) {
      for (const term of new Set(analyze(article.title))) this.countInArticle(this.termIdFor(term), slotIndex, TITLE_TF, articleTerms);
    }
    this.slots.push({ article, first, count, length: articleLength });
    this.slotFirst.push(first);
    this.slotLength.push(articleLength);
    // Terms in first-seen order; the article pool wants ascending slots per term, which appending gives.
    for (const termId of articleTerms) this.articlePool.append(termId, slotIndex, this.addArticleTf[termId]!);
    this.slotById.set(article.id, slotIndex);
    this.totals.liveSentences += count;
    this.totals.liveArticles++;
    this.totals.liveArticleLength += articleLength;
  }

  /** Removes an article by id: re-analyses the article the slot holds (the one that was added) to decrement its counts; its postings stay as tombstones. */
  remove(articleId: string): boolean {
    const slotIndex = this.slotById.get(articleId);
    if (slotIndex === undefined) return false;
    const slot = this.slots[slotIndex]!;
    const article = slot.article!;
    const articleTerms = new Set<number>();
    for (let i = 0; i < slot.count; i++) {
      const span = article.sentences[i]!;
      const seen = new Set<number>();
      for (const term of analyze(article.text.slice(span.start, span.end))) {
        const termId = this.termIds.get(term);
        if (termId !== undefined && !seen.has(termId)) {
          seen.add(termId);
          this.df.data[termId]!--;
          articleTerms.add(termId);
        }
      }
      this.totals.deadPostings += seen.size;
      this.sentenceFlags.data[slot.first + i]! &= ~ALIVE;
      this.totals.liveLength -= this.sentenceLength.data[slot.first + i]!;
    }
    if (TITLE_TF > 0 && article.title && article.title !== NO_TITLE) {
      for (const term of analyze(article.title)) {
        const termId = this.termIds.get(term);
        if (termId !== undefined) articleTerms.add(termId);
      }
    }
    for (const termId of articleTerms) this.adf.data[termId]!--;
    slot.article = undefined;
    this.slotById.delete(articleId);
    this.totals.liveSentences -= slot.count;
    this.totals.liveArticles--;
    this.totals.liveArticleLength -= slot.length;
    if (this.totals.deadPostings * 3 > this.totals.totalPostings) this.compact();
    return true;
  }

  /** Drops tombstoned postings; sentence ids stay as they are. */
  private compact(): void {
    const alive = this.sentenceFlags.data;
    this.pool.compact((id) => (alive[id]! & ALIVE) !== 0);
    this.articlePool.compact((slot) => this.slots[slot]!.article !== undefined);
    this.totals.totalPostings -= this.totals.deadPostings;
    this.totals.deadPostings = 0;
  }

  /** Frees spare capacity after a bulk load: one exact block of postings per term. */
  shrink(): void {
    this.surfaces = undefined;
    if (this.totals.deadPostings > 0) this.compact();
    else {
      this.pool.compact();
      this.articlePool.compact();
    }
    this.sentenceLength.shrink();
    this.sentenceFlags.shrink();
    this.paragraphPosition.shrink();
    this.df.shrink();
    this.adf.shrink();
  }

  /** The store's arrays, for a snapshot or a copy. Call shrink() first for the smallest one. */
  exportState(): IndexState {
    return {
      terms: [...this.termIds.keys()],
      df: this.df.data.subarray(0, this.df.length),
      adf: this.adf.data.subarray(0, this.adf.length),
      postings: this.pool.exportState(),
      articlePostings: this.articlePool.exportState(),
      sentenceLength: this.sentenceLength.data.subarray(0, this.sentenceLength.length),
      sentenceFlags: this.sentenceFlags.data.subarray(0, this.sentenceFlags.length),
      paragraphPosition: this.paragraphPosition.data.subarray(0, this.paragraphPosition.length),
      slots: this.slots.map(({ article, first, count, length }) => ({ first, count, alive: article !== undefined, length })),
      totals: { ...this.totals },
    };
  }

  /**
   * Fills an empty store from a snapshot's arrays (held, not copied) and the
   * articles they were built from (one per live slot, in slot order; the
   * caller checks they are the same articles). Everything is checked before
   * anything changes, so a refused state leaves the store empty and usable.
   */
  importState(state: IndexState, articles: readonly D[]): void {
    if (this.slots.length > 0 || this.termIds.size > 0) throw new Error('importState needs an empty index');
    const liveSlots = state.slots.filter((slot) => slot.alive);
    if (liveSlots.length !== articles.length) throw new Error(`snapshot has ${liveSlots.length} articles, ${articles.length} given`);
    liveSlots.forEach((slot, i) => {
      if (articles[i]!.sentences.length !== slot.count)
        throw new Error(`article ${articles[i]!.id} has ${articles[i]!.sentences.length} sentences, the snapshot ${slot.count}`);
    });
    const sentences = state.sentenceLength.length;
    if (
      state.sentenceFlags.length !== sentences ||
      state.paragraphPosition.length !== sentences ||
      state.df.length !== state.terms.length ||
      state.adf.length !== state.terms.length
    ) {
      throw new Error('snapshot arrays disagree in length');
    }
    state.terms.forEach((term, id) => {
      this.termIds.set(term, id);
    });
    this.pool = PostingsPool.fromState(state.postings);
    this.articlePool = PostingsPool.fromState(state.articlePostings, ARTICLE_TF_BITS);
    this.df = Growable.from(Int32Array, state.df);
    this.adf = Growable.from(Int32Array, state.adf);
    this.sentenceLength = Growable.from(Uint16Array, state.sentenceLength);
    this.sentenceFlags = Growable.from(Uint8Array, state.sentenceFlags);
    this.paragraphPosition = Growable.from(Uint8Array, state.paragraphPosition);
    let next = 0;
    for (const { first, count, alive, length } of state.slots) {
      const article = alive ? articles[next++]! : undefined;
      if (article) this.slotById.set(article.id, this.slots.length);
      this.slots.push({ article, first, count, length });
      this.slotFirst.push(first);
      this.slotLength.push(length);
    }
    this.growAddScratch(Math.max(1024, state.terms.length));
    this.totals = { ...state.totals };
  }
}
