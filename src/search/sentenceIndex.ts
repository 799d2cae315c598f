import type { Article } from '../library/article';
import { terms as analyze, termOf, termsWithSurface, tokens } from './analyzer';
import { SurfaceTable } from './surfaceTable';
import { Growable } from './growable';
import { PostingsPool, TF_BITS as POSTING_TF_BITS, TF_MAX as POSTING_TF_MAX } from './postings';
import { QuestionReader, withoutFiller } from './question';
import { RelatedWords } from './related';
import { rereadText } from './rereadText';
import { wordVectors } from './wordVectors';
import { bm25, bm25Idf, defaultScoring, naturalIdf, type ScoringOptions } from './scoring';
import { TopK } from './topK';

interface ArticleSlot {
  article: Article;
  /** Sentences of one article have consecutive ids: [first, first + count). */
  first: number;
  count: number;
  alive: boolean;
  /** Analysed length of the whole article, for the article-level prior. */
  length: number;
}

export interface Hit {
  sentence: number;
  score: number;
  /** Share of the question's IDF mass this sentence contains (0..1). */
  coverage: number;
  /** With `explain`: each piece of evidence before its weight (see RANKING_FEATURES), for fitting the weights (bench/fitRanking.ts). */
  features?: number[];
}

// rank: the evidence a sentence's score adds up, unweighted, in this order (SearchOptions.explain).
export const RANKING_FEATURES = ['bm25', 'article', 'match', 'coverage', 'before', 'leanBack', 'after', 'depth', 'pairs', 'novelty', 'answerType', 'related'] as const;
/** rank: ln(1 + a sentence's position in its paragraph), by position (depthWeight). */
const DEPTH = Float64Array.from({ length: 256 }, (_, position) => Math.log1p(position));

export interface SearchOptions {
  limit?: number;
  /** Restrict to one article (by id). */
  articleId?: string;
  /** Restrict to the articles this accepts (a date range, say); library-wide word statistics are kept. */
  allowArticle?: (article: Article) => boolean;
  scoring?: Partial<ScoringOptions>;
  /** The question as typed, for the checks that read its raw words (answer type, word pairs). */
  question?: string;
  /** Fill each hit's `features` (a fitting aid, not for production). */
  explain?: boolean;
}

export interface QueryTerm {
  term: string;
  /** How many times the question says it. */
  count: number;
}

// Local copies: imported bindings can compile to property reads, which hot loops should not pay for.
const TF_BITS = 3;
const TF_MAX = 7;
if (TF_BITS !== POSTING_TF_BITS || TF_MAX !== POSTING_TF_MAX) throw new Error('postings layout changed');

/** Query terms beyond this many are ignored (the match masks are 32-bit). */
const MAX_QUERY_TERMS = 32;
/** Lengths up to this get a per-query lookup table for BM25's length norm. */
const LENGTH_TABLE = 256;
/** A paragraph longer than this many sentences is treated as several. */
const MAX_PARAGRAPH = 255;
/** Sentence flags: live (not removed), and opens by pointing back ("He", "They", "This") at the sentence before. */
const ALIVE = 1;
const LEANS_BACK_FLAG = 2;
const LEANS_BACK = /["“‘'(]?(?:he|she|it|its|they|their|them|his|her|this|these|those|such|both|the two)\b/iy;
/** Bits of an article posting below the slot: the term's tf in the article, capped at 255. */
const ARTICLE_TF_BITS = 8;
/**
 * The title's words count this many times each in the article's postings
 * (the article prior), not in any sentence's: a question names what the
 * article is about ("who got the first nobel prize in physics") more often
 * than its sentences repeat it.
 */
export const TITLE_TF = 3;
/** What makeArticle calls an article it could find no title for: no words to index. */
const NO_TITLE = 'Untitled article';
/** Question words typed without their apostrophe ("whats", "whos"): stop words, not search words. */
const INFORMAL_QUESTION_WORD = /\b(?:what|who|where|when|how)s\b/gi;
/** A cursor past the end of its list. */
const DONE = 0x7fffffff;

/** The arrays behind an index, for snapshots (see snapshot.ts). */
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
  totals: { liveSentences: number; liveLength: number; liveArticles: number; liveArticleLength: number; deadPostings: number; totalPostings: number };
}

/**
 * An inverted index over sentences: term → postings of (sentence id, tf) in
 * ascending id order, all in one pooled typed array (postings.ts). A query
 * touches only the postings of its own terms. Articles are added and removed
 * one at a time: adding appends to the tails of the article's terms and
 * leaves everything else as it is; IDF and average lengths are computed from
 * live counts at query time, so nothing is cached that an add could make
 * stale. Removal leaves tombstones that are compacted away once they
 * outnumber a third of the postings. See DESIGN.md.
 */
export class SentenceIndex {
  private readonly termIds = new Map<string, number>();
  private pool = new PostingsPool();
  /** Live sentences containing each term. */
  private df: Growable<Int32Array> = new Growable(Int32Array, 1024);
  /** Live articles containing each term. */
  private adf: Growable<Int32Array> = new Growable(Int32Array, 1024);
  private sentenceLength: Growable<Uint16Array> = new Growable(Uint16Array, 1024);
  private sentenceFlags: Growable<Uint8Array> = new Growable(Uint8Array, 1024);
  /** Position of a sentence in its paragraph (0 = starts one); paragraphs never span articles. */
  private paragraphPosition: Growable<Uint8Array> = new Growable(Uint8Array, 1024);
  private readonly slots: ArticleSlot[] = [];
  /** First sentence id of each slot, ascending: a sentence's article is found by binary search. */
  private slotFirst: Growable<Int32Array> = new Growable(Int32Array, 64);
  /** Analysed length of each slot's article, for the article BM25. */
  private slotLength: Growable<Int32Array> = new Growable(Int32Array, 64);
  /** Term → (article slot, tf in the article) postings: the article prior reads these instead of every sentence posting. */
  private articlePool = new PostingsPool(1 << 14, ARTICLE_TF_BITS);
  private readonly slotById = new Map<string, number>();
  private liveSentences = 0;
  private liveLength = 0;
  private liveArticles = 0;
  private liveArticleLength = 0;
  private deadPostings = 0;
  private totalPostings = 0;
  // Per-query scratch, reused: the candidate sentences of the last query (grown as needed, never library-sized up front),
  // a cursor per query term, and article scores.
  private candidateCount = 0;
  private candidateIds = new Int32Array(0);
  private candidateMasks = new Int32Array(0);
  private candidateScores = new Float64Array(0);
  private candidateArticles = new Float64Array(0);
  private readonly queryTermIds = new Int32Array(MAX_QUERY_TERMS);
  private readonly termGains = new Float64Array(MAX_QUERY_TERMS);
  private readonly cursorPosition = new Int32Array(MAX_QUERY_TERMS);
  private readonly cursorBlock = new Int32Array(MAX_QUERY_TERMS);
  private readonly cursorEnd = new Int32Array(MAX_QUERY_TERMS);
  private readonly cursorSentence = new Int32Array(MAX_QUERY_TERMS);
  private articleScores = new Float64Array(0);
  /** IDF mass of each subset of (at most 12) query terms, by mask; entry 0 stays 0. */
  private readonly massTable = new Float64Array(1 << 12);
  private readonly lengthNorm = new Float64Array(LENGTH_TABLE);
  // Scratch for add(): per-term tf of the sentence being added, and the last sentence/article that saw each term.
  private addTf = new Int32Array(1024);
  private addSeenSentence = new Int32Array(1024).fill(-1);
  private addSeenArticle = new Int32Array(1024).fill(-1);
  private addArticleTf = new Int32Array(1024);
  /** Word → term id while articles are being added (plain ASCII text); dropped by shrink(), rebuilt on the next add. */
  private surfaces: SurfaceTable | undefined;

  get sentenceCount(): number {
    return this.liveSentences;
  }

  get articleCount(): number {
    return this.liveArticles;
  }

  has(articleId: string): boolean {
    return this.slotById.has(articleId);
  }

  article(articleId: string): Article | undefined {
    const slot = this.slotById.get(articleId);
    return slot === undefined ? undefined : this.slots[slot]!.article;
  }

  articles(): Article[] {
    return this.slots.filter((slot) => slot.alive).map((slot) => slot.article);
  }

  /** The slot holding a sentence id. */
  private slotOf(id: number, from = 0): number {
    const firsts = this.slotFirst.data;
    let low = from;
    let high = this.slotFirst.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (firsts[mid]! <= id) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** The article and span of a sentence id returned by search. */
  sentence(id: number): { article: Article; index: number; start: number; end: number } {
    const slot = this.slots[this.slotOf(id)]!;
    const index = id - slot.first;
    const span = slot.article.sentences[index]!;
    return { article: slot.article, index, start: span.start, end: span.end };
  }

  private termIdFor(term: string): number {
    let termId = this.termIds.get(term);
    if (termId === undefined) {
      termId = this.pool.addTerm();
      this.articlePool.addTerm();
      this.termIds.set(term, termId);
      this.df.push(0);
      this.adf.push(0);
      if (termId >= this.addTf.length) {
        const size = this.addTf.length * 2;
        const tf = new Int32Array(size);
        const seenSentence = new Int32Array(size).fill(-1);
        const seenArticle = new Int32Array(size).fill(-1);
        tf.set(this.addTf);
        seenSentence.set(this.addSeenSentence);
        seenArticle.set(this.addSeenArticle);
        const articleTf = new Int32Array(size);
        articleTf.set(this.addArticleTf);
        this.addArticleTf = articleTf;
        this.addTf = tf;
        this.addSeenSentence = seenSentence;
        this.addSeenArticle = seenArticle;
      }
    }
    return termId;
  }

  /** Adds an article, replacing any earlier version with the same id. Touches only the postings of its own terms. */
  add(article: Article, analyzed?: string[][]): void {
    if (this.slotById.has(article.id)) this.remove(article.id);
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
      if (analyzed) {
        for (const term of analyzed[i] ?? []) sentenceTermIds.push(this.termIdFor(term));
      } else if (!surfaces.termIds(article.text, span.start, span.end, sentenceTermIds)) {
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
        if (this.addSeenArticle[termId] !== slotIndex) {
          this.addSeenArticle[termId] = slotIndex;
          this.addArticleTf[termId] = 0;
          this.adf.data[termId]!++;
          articleTerms.push(termId);
        }
        this.addArticleTf[termId]! += this.addTf[termId]!;
      }
      this.totalPostings += distinct.length;
      const length = Math.min(sentenceTermIds.length, 65535);
      if (i > 0 && (paragraphPosition >= MAX_PARAGRAPH || hasBlankLine(article.text, article.sentences[i - 1]!.end, span.start))) paragraphPosition = 0;
      else if (i > 0) paragraphPosition++;
      this.sentenceLength.push(length);
      LEANS_BACK.lastIndex = span.start;
      this.sentenceFlags.push(ALIVE | (i > 0 && LEANS_BACK.test(article.text) ? LEANS_BACK_FLAG : 0));
      this.paragraphPosition.push(paragraphPosition);
      this.liveLength += length;
      articleLength += length;
    }
    if (TITLE_TF > 0 && article.title && article.title !== NO_TITLE) {
      for (const term of new Set(analyze(article.title))) {
        const termId = this.termIdFor(term);
        if (this.addSeenArticle[termId] !== slotIndex) {
          this.addSeenArticle[termId] = slotIndex;
          this.addArticleTf[termId] = 0;
          this.adf.data[termId]!++;
          articleTerms.push(termId);
        }
        this.addArticleTf[termId]! += TITLE_TF;
      }
    }
    this.slots.push({ article, first, count, alive: true, length: articleLength });
    this.slotFirst.push(first);
    this.slotLength.push(articleLength);
    // Terms in first-seen order; the article pool wants ascending slots per term, which appending gives.
    for (const termId of articleTerms) this.articlePool.append(termId, slotIndex, this.addArticleTf[termId]!);
    this.slotById.set(article.id, slotIndex);
    this.liveSentences += count;
    this.liveArticles++;
    this.liveArticleLength += articleLength;
  }

  remove(articleId: string): boolean {
    const slotIndex = this.slotById.get(articleId);
    if (slotIndex === undefined) return false;
    const slot = this.slots[slotIndex]!;
    const articleTerms = new Set<number>();
    for (let i = 0; i < slot.count; i++) {
      const span = slot.article.sentences[i]!;
      const seen = new Set<number>();
      for (const term of analyze(slot.article.text.slice(span.start, span.end))) {
        const termId = this.termIds.get(term);
        if (termId !== undefined && !seen.has(termId)) {
          seen.add(termId);
          this.df.data[termId]!--;
          articleTerms.add(termId);
        }
      }
      this.deadPostings += seen.size;
      this.sentenceFlags.data[slot.first + i]! &= ~ALIVE;
      this.liveLength -= this.sentenceLength.data[slot.first + i]!;
    }
    if (TITLE_TF > 0 && slot.article.title && slot.article.title !== NO_TITLE) {
      for (const term of analyze(slot.article.title)) {
        const termId = this.termIds.get(term);
        if (termId !== undefined) articleTerms.add(termId);
      }
    }
    for (const termId of articleTerms) this.adf.data[termId]!--;
    slot.alive = false;
    this.slotById.delete(articleId);
    this.liveSentences -= slot.count;
    this.liveArticles--;
    this.liveArticleLength -= slot.length;
    if (this.deadPostings * 3 > this.totalPostings) this.compact();
    return true;
  }

  /** Drops tombstoned postings; sentence ids stay as they are. */
  private compact(): void {
    const alive = this.sentenceFlags.data;
    this.pool.compact((id) => (alive[id]! & ALIVE) !== 0);
    this.articlePool.compact((slot) => this.slots[slot]!.alive);
    this.totalPostings -= this.deadPostings;
    this.deadPostings = 0;
  }

  /** Frees spare capacity after a bulk load: one exact block of postings per term. */
  shrink(): void {
    this.surfaces = undefined;
    if (this.deadPostings > 0) this.compact();
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

  /** Counts the question's analysed terms. */
  static queryTerms(question: string): QueryTerm[] {
    const counts = new Map<string, number>();
    // rank: conversational filler ("do you reckon", "the guy who") is no search word.
    for (const term of analyze(withoutFiller(question.replace(INFORMAL_QUESTION_WORD, ' ')))) counts.set(term, (counts.get(term) ?? 0) + 1);
    return [...counts].map(([term, count]) => ({ term, count }));
  }

  /** Sentence-level IDF of a term (0 when the library does not contain it). */
  idf(term: string): number {
    const termId = this.termIds.get(term);
    const df = termId === undefined ? 0 : this.df.data[termId]!;
    return df === 0 ? 0 : bm25Idf(this.liveSentences, df);
  }

  /** The IDF a term would get if it appeared once: the weight of a word the library lacks. */
  unseenIdf(): number {
    return bm25Idf(this.liveSentences + 1, 1);
  }

  /** natural-compatible tf-idf of a term in one sentence (tf × (1 + ln(N / (1 + df)))). */
  tfidf(term: string, sentence: number): number {
    const termId = this.termIds.get(term);
    if (termId === undefined) return 0;
    return this.termFrequency(termId, sentence) * naturalIdf(this.liveSentences, this.df.data[termId]!);
  }

  private termFrequency(termId: number, sentence: number): number {
    if (!(this.sentenceFlags.data[sentence]! & ALIVE)) return 0;
    return this.pool.tf(termId, sentence);
  }

  /** Makes room for `count` candidates in the per-query candidate arrays. */
  private reserveCandidates(count: number): void {
    if (count <= this.candidateIds.length) return;
    const size = Math.max(count, this.candidateIds.length * 2, 1024);
    const grow = <T extends Int32Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.candidateIds = grow(this.candidateIds, (n) => new Int32Array(n));
    this.candidateMasks = grow(this.candidateMasks, (n) => new Int32Array(n));
    this.candidateScores = grow(this.candidateScores, (n) => new Float64Array(n));
    this.candidateArticles = grow(this.candidateArticles, (n) => new Float64Array(n));
  }

  /** Puts cursor j on term `termId`'s first live-or-dead posting with sentence in [from, to), or marks it done. */
  private seek(j: number, block: number, from: number, to: number): void {
    const pool = this.pool.data;
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
   * appending each live sentence that holds any of them to the candidate
   * arrays (ascending ids) with its BM25 score and match mask.
   */
  private collect(k: number, from: number, to: number, norms: Float64Array, k1: number, b: number, averageLength: number, articleScore: number): void {
    const pool = this.pool.data;
    const position = this.cursorPosition;
    const blockEnd = this.cursorEnd;
    const current = this.cursorSentence;
    const gains = this.termGains;
    for (let j = 0; j < k; j++) this.seek(j, this.pool.firstBlock(this.queryTermIds[j]!), from, to);
    const lengths = this.sentenceLength.data;
    const alive = this.sentenceFlags.data;
    const checkAlive = this.deadPostings > 0;
    let count = this.candidateCount;
    let ids = this.candidateIds;
    for (;;) {
      let id = DONE;
      for (let j = 0; j < k; j++) if (current[j]! < id) id = current[j]!;
      if (id === DONE) break;
      const length = lengths[id]!;
      const norm = length < LENGTH_TABLE ? norms[length]! : k1 * (1 - b + (b * length) / averageLength);
      let mask = 0;
      let score = 0;
      for (let j = 0; j < k; j++) {
        if (current[j] !== id) continue;
        const at = position[j]!;
        const tf = pool[at]! & TF_MAX;
        score += (gains[j]! * tf) / (tf + norm);
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
        this.reserveCandidates(count * 2);
        ids = this.candidateIds;
      }
      ids[count] = id;
      this.candidateMasks[count] = mask;
      this.candidateScores[count] = score;
      this.candidateArticles[count] = articleScore;
      count++;
    }
    this.candidateCount = count;
  }

  /**
   * Article-level BM25 of every live article holding a query term, from the
   * article postings; fills articleScores and returns the touched slots.
   */
  private scoreArticles(k: number, k1: number, b: number): number[] {
    const pool = this.articlePool.data;
    if (this.articleScores.length < this.slots.length) this.articleScores = new Float64Array(Math.max(this.slots.length, this.articleScores.length * 2, 64));
    const scores = this.articleScores;
    const lengths = this.slotLength.data;
    const slots = this.slots;
    const checkAlive = this.liveArticles < slots.length;
    const touched: number[] = [];
    const averageArticleLength = this.liveArticleLength / Math.max(1, this.liveArticles);
    const tfMax = (1 << ARTICLE_TF_BITS) - 1;
    for (let j = 0; j < k; j++) {
      const termId = this.queryTermIds[j]!;
      const idf = bm25Idf(this.liveArticles, this.adf.data[termId]!);
      const gain = idf * (k1 + 1);
      const base = k1 * (1 - b);
      const perLength = (k1 * b) / averageArticleLength;
      for (let block = this.articlePool.firstBlock(termId); block !== -1; block = pool[block]!) {
        const stop = block + 3 + pool[block + 2]!;
        for (let i = block + 3; i < stop; i++) {
          const entry = pool[i]!;
          const slot = entry >>> ARTICLE_TF_BITS;
          if (checkAlive && !slots[slot]!.alive) continue;
          const tf = entry & tfMax;
          if (scores[slot] === 0) touched.push(slot);
          scores[slot]! += (gain * tf) / (tf + base + perLength * lengths[slot]!);
        }
      }
    }
    return touched;
  }

  /**
   * Ranks sentences for a question's terms: BM25 over sentences, plus the
   * optional evidence of ScoringOptions (article prior, coverage, neighbours,
   * paragraph, and, when `question` is given, answer type, word pairs,
   * novelty and related words on the best `rerankDepth`). See DESIGN.md for
   * the formula.
   *
   * With the article prior on, articles are ranked first (BM25 over whole
   * articles) and only the sentences of the best `articleDepth` of them are
   * ranked, as a reader ranks passages of the documents a retriever found.
   * Sentences are scored document at a time: the question's postings lists
   * are walked together in sentence order, so each matching sentence is
   * scored once, with its paragraph neighbours next to it in the stream, and
   * no array the size of the library is touched at random.
   */
  search(query: QueryTerm[], options: SearchOptions = {}): Hit[] {
    const scoring = { ...defaultScoring, ...options.scoring };
    const limit = Math.max(0, options.limit ?? 10);
    let from = 0;
    let to = this.sentenceLength.length;
    const restricted = options.articleId !== undefined;
    if (restricted) {
      const slotIndex = this.slotById.get(options.articleId!);
      if (slotIndex === undefined) return [];
      const slot = this.slots[slotIndex]!;
      if (options.allowArticle && !options.allowArticle(slot.article)) return [];
      from = slot.first;
      to = slot.first + slot.count;
    }
    if (limit === 0) return [];

    // The question's words the library knows, at most 32; the weight of all of them (unknown words count as rare).
    const unknownWeight = this.unseenIdf();
    let totalWeight = 0;
    let k = 0;
    for (const q of query) {
      const termId = this.termIds.get(q.term);
      const df = termId === undefined ? 0 : this.df.data[termId]!;
      totalWeight += df === 0 ? unknownWeight : bm25Idf(this.liveSentences, df);
      if (df > 0 && k < MAX_QUERY_TERMS) this.queryTermIds[k++] = termId!;
    }
    if (k === 0) return [];

    const { k1, b } = scoring;
    const averageLength = this.liveLength / Math.max(1, this.liveSentences);
    const norms = this.lengthNorm;
    for (let length = 0; length < LENGTH_TABLE; length++) norms[length] = k1 * (1 - b + (b * length) / averageLength);
    // Per term: IDF as scored (article-local or library-wide) and library-wide IDF (for coverage).
    const weights = new Float64Array(k);
    const globalWeights = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      const termId = this.queryTermIds[j]!;
      const globalIdf = bm25Idf(this.liveSentences, this.df.data[termId]!);
      const idf = restricted && scoring.localIdf ? bm25Idf(to - from, this.pool.countRange(termId, from, to)) : globalIdf;
      weights[j] = idf;
      globalWeights[j] = globalIdf;
      this.termGains[j] = idf * (k1 + 1);
    }

    this.candidateCount = 0;
    this.reserveCandidates(1024);
    let bestArticle = 0;
    if (scoring.articlePrior > 0 && !restricted) {
      const touched = this.scoreArticles(k, scoring.articleK1, scoring.articleB);
      const scores = this.articleScores;
      for (const slot of touched) bestArticle = Math.max(bestArticle, scores[slot]!);
      const allow = options.allowArticle;
      let chosen = allow ? touched.filter((slot) => allow(this.slots[slot]!.article)) : touched;
      if (allow) bestArticle = chosen.reduce((best, slot) => Math.max(best, scores[slot]!), 0);
      if (scoring.articleDepth > 0 && chosen.length > scoring.articleDepth) {
        const top = new TopK(scoring.articleDepth);
        for (const slot of chosen) if (scores[slot]! >= top.floor) top.offer(slot, scores[slot]!);
        chosen = top.sorted().map((entry) => entry.id);
      }
      chosen.sort((x, y) => x - y);
      const mix = scoring.articleIdfMix;
      for (const slot of chosen) {
        const { first, count } = this.slots[slot]!;
        // Within each article, BM25 may weigh words partly by their rarity in that article, as in-doc questions do.
        if (mix > 0) for (let j = 0; j < k; j++) this.termGains[j] = (k1 + 1) * (mix * bm25Idf(count, this.pool.countRange(this.queryTermIds[j]!, first, first + count)) + (1 - mix) * globalWeights[j]!);
        this.collect(k, first, first + count, norms, k1, b, averageLength, scores[slot]!);
      }
      for (const slot of touched) scores[slot] = 0;
    } else if (options.allowArticle && !restricted) {
      // Article by article, so sentences of articles left out are never scored.
      for (const slot of this.slots) if (slot.alive && options.allowArticle(slot.article)) this.collect(k, slot.first, slot.first + slot.count, norms, k1, b, averageLength, 0);
    } else {
      this.collect(k, from, to, norms, k1, b, averageLength, 0);
    }
    const count = this.candidateCount;
    const ids = this.candidateIds;
    const masks = this.candidateMasks;
    const scores = this.candidateScores;
    const articles = this.candidateArticles;

    // The IDF mass of any set of matched terms, by mask (a table when the question is short).
    const massTable = k <= 12 ? this.massTable : undefined;
    if (massTable) for (let m = 1; m < 1 << k; m++) massTable[m] = massTable[m & (m - 1)]! + weights[31 - Math.clz32(m & -m)]!;
    const mass = (mask: number): number => {
      if (massTable) return massTable[mask]!;
      let sum = 0;
      for (let m = mask; m !== 0; m &= m - 1) sum += weights[31 - Math.clz32(m & -m)]!;
      return sum;
    };
    const globalMass = (mask: number): number => {
      let sum = 0;
      for (let m = mask; m !== 0; m &= m - 1) sum += globalWeights[31 - Math.clz32(m & -m)]!;
      return sum;
    };

    const paragraphPosition = this.paragraphPosition.data;
    const rerank =
      options.question !== undefined && (scoring.answerTypeBonus !== 0 || scoring.phraseBonus !== 0 || scoring.noveltyBonus !== 0 || scoring.relatedBonus !== 0);
    const top = new TopK(rerank ? Math.max(limit, scoring.rerankDepth) : limit);
    const useNeighbours = scoring.neighbourWeight !== 0 || scoring.nextNeighbourWeight !== 0 || scoring.leanBackWeight !== 0;
    const flags = this.sentenceFlags.data;
    const articleWeight = bestArticle > 0 ? scoring.articlePrior / bestArticle : 0;
    for (let c = 0; c < count; c++) {
      const id = ids[c]!;
      const mask = masks[c]!;
      let score = scores[c]!;
      if (scoring.coverageBonus !== 0) score += scoring.coverageBonus * (globalMass(mask) / totalWeight);
      if (scoring.matchBonus !== 0) score += scoring.matchBonus * mass(mask);
      if (articleWeight !== 0) score += articleWeight * articles[c]!;
      // rank: the further into its paragraph, the less often a sentence holds the answer (a lead states it).
      if (scoring.depthWeight !== 0) score += scoring.depthWeight * DEPTH[paragraphPosition[id]!]!;
      if (useNeighbours) {
        // Words the sentence lacks that the sentence before or after it (same paragraph) has.
        if (c > 0 && ids[c - 1] === id - 1 && paragraphPosition[id]! > 0) {
          const weight = (flags[id]! & LEANS_BACK_FLAG) !== 0 ? scoring.neighbourWeight + scoring.leanBackWeight : scoring.neighbourWeight;
          score += weight * mass(masks[c - 1]! & ~mask);
        }
        if (c + 1 < count && ids[c + 1] === id + 1 && paragraphPosition[id + 1]! > 0) score += scoring.nextNeighbourWeight * mass(masks[c + 1]! & ~mask);
      }
      if (score >= top.floor) top.offer(c, score);
    }

    const ranked: { id: number; mask: number; score: number; features?: number[] }[] = top.sorted().map(({ id: c, score }) => ({ id: ids[c]!, mask: masks[c]!, score }));
    // rank: explain, the unweighted evidence (RANKING_FEATURES) of the kept candidates, recomputed from their slot c.
    if (options.explain) {
      const slotOf = new Map<number, number>();
      for (let c = 0; c < count; c++) slotOf.set(ids[c]!, c);
      for (const entry of ranked) {
        const c = slotOf.get(entry.id)!;
        const id = entry.id;
        const mask = entry.mask;
        const before = c > 0 && ids[c - 1] === id - 1 && paragraphPosition[id]! > 0 ? mass(masks[c - 1]! & ~mask) : 0;
        const after = c + 1 < count && ids[c + 1] === id + 1 && paragraphPosition[id + 1]! > 0 ? mass(masks[c + 1]! & ~mask) : 0;
        entry.features = [
          scores[c]!,
          bestArticle > 0 ? articles[c]! / bestArticle : 0,
          mass(mask),
          globalMass(mask) / totalWeight,
          before,
          (flags[id]! & LEANS_BACK_FLAG) !== 0 ? before : 0,
          after,
          DEPTH[paragraphPosition[id]!]!,
          0,
          0,
          0,
          0,
        ];
      }
    }
    // rank: end of explain.
    if (rerank) {
      const reader = new QuestionReader(options.question!);
      let related: RelatedWords | undefined;
      const vectors = scoring.relatedBonus !== 0 ? wordVectors() : undefined;
      if (vectors) {
        // Each question word weighs as scored; a known word past the 32 scored ones, by its library IDF.
        const weightOf = new Map<string, number>();
        const scored = this.queryTermIds.subarray(0, k);
        for (const q of query) {
          const termId = this.termIds.get(q.term);
          const df = termId === undefined ? 0 : this.df.data[termId]!;
          const j = termId === undefined ? -1 : scored.indexOf(termId);
          weightOf.set(q.term, j >= 0 ? weights[j]! : df > 0 ? bm25Idf(this.liveSentences, df) : unknownWeight);
        }
        related = new RelatedWords(tokens(options.question!), vectors, (term) => weightOf.get(term) ?? 0, scoring.relatedThreshold);
      }
      for (const entry of ranked) {
        const { article, start, end } = this.sentence(entry.id);
        const text = rereadText(article.text, start, end);
        const words = tokens(text);
        const terms = words.map(termOf);
        const pairs = scoring.phraseBonus !== 0 ? reader.sharedPairs(words) : 0;
        const novelty = scoring.noveltyBonus !== 0 ? Math.log1p(reader.novelTerms(terms)) : 0;
        const offers = scoring.answerTypeBonus !== 0 && reader.offersAnswer(text) ? 1 : 0;
        const relatedMass = related ? related.mass(words, terms) : 0;
        entry.score += scoring.phraseBonus * pairs + scoring.noveltyBonus * novelty + scoring.answerTypeBonus * offers + scoring.relatedBonus * relatedMass;
        if (entry.features) entry.features.splice(8, 4, pairs, novelty, offers, relatedMass);
      }
      ranked.sort((x, y) => y.score - x.score || x.id - y.id);
    }
    return ranked.slice(0, limit).map(({ id, mask, score, features }) => ({ sentence: id, score, coverage: totalWeight > 0 ? globalMass(mask) / totalWeight : 0, ...(features ? { features } : {}) }));
  }

  /** Sentence ids (ascending) that contain every one of the terms. */
  matchAll(terms: string[], articleId?: string): number[] {
    const termIdList: number[] = [];
    for (const term of new Set(terms)) {
      const termId = this.termIds.get(term);
      if (termId === undefined) return [];
      termIdList.push(termId);
    }
    if (termIdList.length === 0) return [];
    termIdList.sort((a, b) => this.df.data[a]! - this.df.data[b]!);
    const slot = articleId === undefined ? undefined : this.slots[this.slotById.get(articleId) ?? -1];
    if (articleId !== undefined && !slot) return [];
    const result: number[] = [];
    this.pool.forEach(termIdList[0]!, (id) => {
      if (!(this.sentenceFlags.data[id]! & ALIVE)) return;
      if (slot && (id < slot.first || id >= slot.first + slot.count)) return;
      for (let t = 1; t < termIdList.length; t++) if (this.pool.tf(termIdList[t]!, id) === 0) return;
      result.push(id);
    });
    return result;
  }

  /** Words of one article weighted by tf in the article × article-level IDF, shown as the commonest word form. */
  keyTerms(articleId: string, limit = 8): { term: string; word: string; weight: number }[] {
    const slotIndex = this.slotById.get(articleId);
    if (slotIndex === undefined) return [];
    const slot = this.slots[slotIndex]!;
    const counts = new Map<string, { tf: number; forms: Map<string, number> }>();
    for (const span of slot.article.sentences) {
      for (const { term, surface } of termsWithSurface(slot.article.text.slice(span.start, span.end))) {
        let entry = counts.get(term);
        if (!entry) counts.set(term, (entry = { tf: 0, forms: new Map() }));
        entry.tf++;
        entry.forms.set(surface, (entry.forms.get(surface) ?? 0) + 1);
      }
    }
    return [...counts]
      .map(([term, { tf, forms }]) => ({
        term,
        word: [...forms].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)[0]![0],
        weight: tf * bm25Idf(this.liveArticles, this.adf.data[this.termIds.get(term)!]!),
      }))
      .sort((x, y) => y.weight - x.weight || x.term.localeCompare(y.term))
      .slice(0, limit);
  }

  /** The index's arrays, for a snapshot. Call shrink() first for the smallest one. */
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
      slots: this.slots.map(({ first, count, alive, length }) => ({ first, count, alive, length })),
      totals: {
        liveSentences: this.liveSentences,
        liveLength: this.liveLength,
        liveArticles: this.liveArticles,
        liveArticleLength: this.liveArticleLength,
        deadPostings: this.deadPostings,
        totalPostings: this.totalPostings,
      },
    };
  }

  /**
   * Fills an empty index from a snapshot's arrays and the articles they were
   * built from (one per live slot, in slot order; the caller checks they are
   * the same articles).
   */
  importState(state: IndexState, articles: Article[]): void {
    // Everything is checked before anything changes, so a refused snapshot leaves the index empty and usable.
    if (this.slots.length > 0 || this.termIds.size > 0) throw new Error('importState needs an empty index');
    const liveSlots = state.slots.filter((slot) => slot.alive);
    if (liveSlots.length !== articles.length) throw new Error(`snapshot has ${liveSlots.length} articles, ${articles.length} given`);
    liveSlots.forEach((slot, i) => {
      if (articles[i]!.sentences.length !== slot.count) throw new Error(`article ${articles[i]!.id} has ${articles[i]!.sentences.length} sentences, the snapshot ${slot.count}`);
    });
    const sentences = state.sentenceLength.length;
    if (state.sentenceFlags.length !== sentences || state.paragraphPosition.length !== sentences || state.df.length !== state.terms.length || state.adf.length !== state.terms.length) {
      throw new Error('snapshot arrays disagree in length');
    }
    state.terms.forEach((term, id) => this.termIds.set(term, id));
    this.pool = PostingsPool.fromState(state.postings);
    this.articlePool = PostingsPool.fromState(state.articlePostings, ARTICLE_TF_BITS);
    this.df = Growable.from(Int32Array, state.df);
    this.adf = Growable.from(Int32Array, state.adf);
    this.sentenceLength = Growable.from(Uint16Array, state.sentenceLength);
    this.sentenceFlags = Growable.from(Uint8Array, state.sentenceFlags);
    this.paragraphPosition = Growable.from(Uint8Array, state.paragraphPosition);
    let next = 0;
    for (const slot of state.slots) {
      const article = slot.alive ? articles[next++]! : deadArticle();
      const index = this.slots.length;
      this.slots.push({ article, ...slot });
      this.slotFirst.push(slot.first);
      this.slotLength.push(slot.length);
      if (slot.alive) this.slotById.set(article.id, index);
    }
    const vocabulary = state.terms.length;
    this.addTf = new Int32Array(Math.max(1024, vocabulary));
    this.addSeenSentence = new Int32Array(Math.max(1024, vocabulary)).fill(-1);
    this.addSeenArticle = new Int32Array(Math.max(1024, vocabulary)).fill(-1);
    this.addArticleTf = new Int32Array(Math.max(1024, vocabulary));
    Object.assign(this, {
      liveSentences: state.totals.liveSentences,
      liveLength: state.totals.liveLength,
      liveArticles: state.totals.liveArticles,
      liveArticleLength: state.totals.liveArticleLength,
      deadPostings: state.totals.deadPostings,
      totalPostings: state.totals.totalPostings,
    });
  }
}

/** Stands in for a removed article in a restored index: only its sentence count matters. */
function deadArticle(): Article {
  return { id: '', text: '', sentences: [], origin: '', title: '', date: null, source: null, url: null, tags: [] };
}

/** Whether text[from, to) holds a blank line (a paragraph break, as the sentence splitter reads one). */
function hasBlankLine(text: string, from: number, to: number): boolean {
  let newlines = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (++newlines === 2) return true;
    } else if (c !== 32 && c !== 9 && c !== 13) newlines = 0;
  }
  return false;
}
