import type { Article } from '../library/article';
import { terms as analyze, termsWithSurface } from './analyzer';
import { Growable } from './growable';
import { bm25, bm25Idf, defaultScoring, naturalIdf, type ScoringOptions } from './scoring';
import { TopK } from './topK';

interface Postings {
  ids: Growable<Int32Array>;
  tfs: Growable<Uint16Array>;
}

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
}

export interface SearchOptions {
  limit?: number;
  /** Restrict to one article (by id). */
  articleId?: string;
  scoring?: Partial<ScoringOptions>;
}

export interface QueryTerm {
  term: string;
  /** How many times the question says it. */
  count: number;
}

/**
 * An inverted index over sentences: term → (sentence id, tf) postings in
 * ascending id order. A query touches only the postings of its own terms.
 * Articles can be added and removed one at a time; removal leaves tombstones
 * that are compacted away once they outnumber a third of the postings.
 */
export class SentenceIndex {
  private readonly termIds = new Map<string, number>();
  private readonly postings: Postings[] = [];
  /** Live sentences containing each term. */
  private readonly df = new Growable(Int32Array, 1024);
  /** Live articles containing each term. */
  private readonly adf = new Growable(Int32Array, 1024);
  private readonly sentenceArticle = new Growable(Int32Array, 1024);
  private readonly sentenceLength = new Growable(Uint16Array, 1024);
  private readonly sentenceAlive = new Growable(Uint8Array, 1024);
  private readonly slots: ArticleSlot[] = [];
  private readonly slotById = new Map<string, number>();
  private liveSentences = 0;
  private liveLength = 0;
  private liveArticles = 0;
  private liveArticleLength = 0;
  private deadPostings = 0;
  private totalPostings = 0;
  // Scratch space reused by every query, sized to the sentence count.
  private scores = new Float64Array(0);
  private masks = new Uint32Array(0);
  private articleTf = new Float64Array(0);
  private articleScores = new Float64Array(0);

  get sentenceCount(): number {
    return this.liveSentences;
  }

  get articleCount(): number {
    return this.liveArticles;
  }

  get vocabularySize(): number {
    return this.termIds.size;
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

  /** The article and span of a sentence id returned by search. */
  sentence(id: number): { article: Article; index: number; start: number; end: number } {
    const slot = this.slots[this.sentenceArticle.data[id]!]!;
    const index = id - slot.first;
    const span = slot.article.sentences[index]!;
    return { article: slot.article, index, start: span.start, end: span.end };
  }

  /** Adds an article, replacing any earlier version with the same id. */
  add(article: Article, analyzed?: string[][]): void {
    if (this.slotById.has(article.id)) this.remove(article.id);
    const slotIndex = this.slots.length;
    const first = this.sentenceArticle.length;
    const articleTerms = new Set<number>();
    let articleLength = 0;
    const sentenceTerms = analyzed ?? article.sentences.map((span) => analyze(article.text.slice(span.start, span.end)));
    const counts = new Map<number, number>();
    for (let i = 0; i < sentenceTerms.length; i++) {
      const id = first + i;
      const terms = sentenceTerms[i]!;
      counts.clear();
      for (const term of terms) {
        let termId = this.termIds.get(term);
        if (termId === undefined) {
          termId = this.postings.length;
          this.termIds.set(term, termId);
          this.postings.push({ ids: new Growable(Int32Array, 2), tfs: new Growable(Uint16Array, 2) });
          this.df.push(0);
          this.adf.push(0);
        }
        counts.set(termId, (counts.get(termId) ?? 0) + 1);
      }
      for (const [termId, tf] of counts) {
        const list = this.postings[termId]!;
        list.ids.push(id);
        list.tfs.push(Math.min(tf, 65535));
        this.df.data[termId]!++;
        articleTerms.add(termId);
      }
      this.totalPostings += counts.size;
      const length = Math.min(terms.length, 65535);
      this.sentenceArticle.push(slotIndex);
      this.sentenceLength.push(length);
      this.sentenceAlive.push(1);
      this.liveLength += length;
      articleLength += length;
    }
    for (const termId of articleTerms) this.adf.data[termId]!++;
    this.slots.push({ article, first, count: sentenceTerms.length, alive: true, length: articleLength });
    this.slotById.set(article.id, slotIndex);
    this.liveSentences += sentenceTerms.length;
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
      this.sentenceAlive.data[slot.first + i] = 0;
      this.liveLength -= this.sentenceLength.data[slot.first + i]!;
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
    for (const list of this.postings) {
      let write = 0;
      for (let read = 0; read < list.ids.length; read++) {
        const id = list.ids.data[read]!;
        if (this.sentenceAlive.data[id]) {
          list.ids.data[write] = id;
          list.tfs.data[write] = list.tfs.data[read]!;
          write++;
        }
      }
      list.ids.length = write;
      list.tfs.length = write;
    }
    this.totalPostings -= this.deadPostings;
    this.deadPostings = 0;
  }

  /** Frees spare capacity after a bulk load. */
  shrink(): void {
    for (const list of this.postings) {
      list.ids.shrink();
      list.tfs.shrink();
    }
  }

  /** Counts the question's analysed terms. */
  static queryTerms(question: string): QueryTerm[] {
    const counts = new Map<string, number>();
    for (const term of analyze(question)) counts.set(term, (counts.get(term) ?? 0) + 1);
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
    const list = this.postings[termId]!;
    const at = lowerBound(list.ids.data, list.ids.length, sentence);
    return at < list.ids.length && list.ids.data[at] === sentence ? list.tfs.data[at]! : 0;
  }

  private ensureScratch(): void {
    const sentences = this.sentenceArticle.length;
    if (this.scores.length < sentences) {
      const size = Math.max(sentences, this.scores.length * 2, 1024);
      this.scores = new Float64Array(size);
      this.masks = new Uint32Array(size);
    }
    if (this.articleTf.length < this.slots.length) {
      const size = Math.max(this.slots.length, this.articleTf.length * 2, 64);
      this.articleTf = new Float64Array(size);
      this.articleScores = new Float64Array(size);
    }
  }

  /** Ranks sentences for a question's terms by BM25 plus an optional article prior. */
  search(query: QueryTerm[], options: SearchOptions = {}): Hit[] {
    const scoring = { ...defaultScoring, ...options.scoring };
    const limit = options.limit ?? 10;
    let from = 0;
    let to = this.sentenceArticle.length;
    if (options.articleId !== undefined) {
      const slotIndex = this.slotById.get(options.articleId);
      if (slotIndex === undefined) return [];
      const slot = this.slots[slotIndex]!;
      from = slot.first;
      to = slot.first + slot.count;
    }
    this.ensureScratch();
    const known = query
      .map((q) => ({ ...q, termId: this.termIds.get(q.term) }))
      .filter((q): q is QueryTerm & { termId: number } => q.termId !== undefined && this.df.data[q.termId]! > 0)
      .slice(0, 32);
    const unknownWeight = this.unseenIdf();
    let totalWeight = 0;
    for (const q of query) {
      const termId = this.termIds.get(q.term);
      const df = termId === undefined ? 0 : this.df.data[termId]!;
      totalWeight += df === 0 ? unknownWeight : bm25Idf(this.liveSentences, df);
    }
    if (known.length === 0) return [];

    const touched = new Growable(Int32Array, 256);
    const touchedArticles: number[] = [];
    const averageLength = this.liveLength / Math.max(1, this.liveSentences);
    const averageArticleLength = this.liveArticleLength / Math.max(1, this.liveArticles);
    const { k1, b } = scoring;
    const sentenceArticle = this.sentenceArticle.data;
    const sentenceLength = this.sentenceLength.data;
    const alive = this.sentenceAlive.data;
    const scores = this.scores;
    const masks = this.masks;
    const articleTf = this.articleTf;
    const articleScores = this.articleScores;
    const useArticles = scoring.articlePrior > 0;
    const weights: number[] = [];

    known.forEach((q, bit) => {
      const list = this.postings[q.termId]!;
      const ids = list.ids.data;
      const tfs = list.tfs.data;
      const end = list.ids.length;
      const restricted = from !== 0 || to !== this.sentenceArticle.length;
      // Postings are sorted by id, so the article's share of them is a range found by binary search.
      const globalIdf = bm25Idf(this.liveSentences, this.df.data[q.termId]!);
      const idf = restricted && scoring.localIdf ? bm25Idf(to - from, lowerBound(ids, end, to) - lowerBound(ids, end, from)) : globalIdf;
      // Coverage (the answer's confidence) always weighs words by library-wide rarity.
      weights.push(globalIdf);
      const termArticles: number[] = [];
      for (let i = from === 0 ? 0 : lowerBound(ids, end, from); i < end; i++) {
        const id = ids[i]!;
        if (id >= to) break;
        if (!alive[id]) continue;
        const tf = tfs[i]!;
        if (masks[id] === 0) touched.push(id);
        masks[id]! |= 1 << bit;
        scores[id]! += bm25(tf, sentenceLength[id]!, averageLength, idf, k1, b);
        if (useArticles) {
          const article = sentenceArticle[id]!;
          if (articleTf[article] === 0) termArticles.push(article);
          articleTf[article]! += tf;
        }
      }
      if (useArticles) {
        const articleIdf = bm25Idf(this.liveArticles, this.adf.data[q.termId]!);
        for (const article of termArticles) {
          if (articleScores[article] === 0) touchedArticles.push(article);
          articleScores[article]! += bm25(articleTf[article]!, this.slots[article]!.length, averageArticleLength, articleIdf, k1, b);
          articleTf[article] = 0;
        }
      }
    });

    let bestArticle = 0;
    for (const article of touchedArticles) bestArticle = Math.max(bestArticle, articleScores[article]!);
    const top = new TopK(limit);
    for (let i = 0; i < touched.length; i++) {
      const id = touched.data[i]!;
      let score = scores[id]!;
      if (scoring.coverageBonus > 0) {
        let covered = 0;
        const mask = masks[id]!;
        for (let bit = 0; bit < weights.length; bit++) if (mask & (1 << bit)) covered += weights[bit]!;
        score += scoring.coverageBonus * (covered / totalWeight);
      }
      if (useArticles && bestArticle > 0) score += scoring.articlePrior * (articleScores[sentenceArticle[id]!]! / bestArticle);
      top.offer(id, score);
    }
    const hits = top.sorted().map(({ id, score }) => {
      let covered = 0;
      const mask = masks[id]!;
      for (let bit = 0; bit < weights.length; bit++) if (mask & (1 << bit)) covered += weights[bit]!;
      return { sentence: id, score, coverage: totalWeight > 0 ? covered / totalWeight : 0 };
    });
    for (let i = 0; i < touched.length; i++) {
      const id = touched.data[i]!;
      scores[id] = 0;
      masks[id] = 0;
    }
    for (const article of touchedArticles) articleScores[article] = 0;
    return hits;
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
    termIdList.sort((a, b) => this.postings[a]!.ids.length - this.postings[b]!.ids.length);
    const slot = articleId === undefined ? undefined : this.slots[this.slotById.get(articleId) ?? -1];
    if (articleId !== undefined && !slot) return [];
    const shortest = this.postings[termIdList[0]!]!;
    const result: number[] = [];
    outer: for (let i = 0; i < shortest.ids.length; i++) {
      const id = shortest.ids.data[i]!;
      if (!this.sentenceAlive.data[id]) continue;
      if (slot && (id < slot.first || id >= slot.first + slot.count)) continue;
      for (let t = 1; t < termIdList.length; t++) {
        if (this.termFrequency(termIdList[t]!, id) === 0) continue outer;
      }
      result.push(id);
    }
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

  /** The first and count of an article's sentence ids. */
  sentenceRange(articleId: string): { first: number; count: number } | undefined {
    const slotIndex = this.slotById.get(articleId);
    if (slotIndex === undefined) return undefined;
    const { first, count } = this.slots[slotIndex]!;
    return { first, count };
  }
}

function lowerBound(ids: Int32Array, length: number, value: number): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (ids[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
