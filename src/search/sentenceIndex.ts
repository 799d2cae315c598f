import { terms as analyze, termsWithSurface } from './analyzer';
import { Candidates, MAX_QUERY_TERMS } from './candidates';
import type { IndexedArticle } from './document';
import { withoutFiller } from './question';
import { bm25Idf, defaultScoring, type ScoringOptions } from './scoring';
import { ALIVE, LEANS_BACK_FLAG, SentenceStore, type IndexState } from './sentenceStore';
import { TopK } from './topK';

export { TITLE_TF, type IndexState } from './sentenceStore';

export interface Hit {
  sentence: number;
  score: number;
  /** Share of the question's IDF mass this sentence contains (0..1). */
  coverage: number;
  /** With `explain`: each piece of evidence before its weight (RANKING_FEATURES), for fitting the weights (bench/fitRanking.ts). */
  features?: number[];
}

/**
 * The evidence a sentence's score adds up, unweighted, in this order (`explain`): the index fills the
 * first eight, the re-reading (src/answer/rerank.ts) the rest.
 */
export const RANKING_FEATURES = [
  'bm25',
  'article',
  'match',
  'coverage',
  'before',
  'leanBack',
  'after',
  'depth',
  'pairs',
  'novelty',
  'answerType',
  'related',
  'office',
  'conditional',
  'countOnly',
  'subject',
] as const;
/** Each feature's weight in ScoringOptions (BM25's is 1 by definition): how `explain`'s evidence adds up to a score. */
export const RANKING_WEIGHTS: Record<(typeof RANKING_FEATURES)[number], keyof ScoringOptions | null> = {
  bm25: null,
  article: 'articlePrior',
  match: 'matchBonus',
  coverage: 'coverageBonus',
  before: 'neighbourWeight',
  leanBack: 'leanBackWeight',
  after: 'nextNeighbourWeight',
  depth: 'depthWeight',
  pairs: 'phraseBonus',
  novelty: 'noveltyBonus',
  answerType: 'answerTypeBonus',
  related: 'relatedBonus',
  office: 'officeBonus',
  conditional: 'conditionalWeight',
  countOnly: 'countOnlyWeight',
  subject: 'subjectBonus',
};
/** The weights of these options as a vector over RANKING_FEATURES (an option left out weighs 0). */
export function rankingWeights(scoring: Partial<ScoringOptions>): number[] {
  return RANKING_FEATURES.map((name) => {
    const option = RANKING_WEIGHTS[name];
    return option === null ? 1 : Number(scoring[option] ?? 0);
  });
}
/** Where the re-reading's evidence starts in `features`. */
export const REREAD_FEATURES_AT = RANKING_FEATURES.indexOf('pairs');
const REREAD_ZEROS: readonly number[] = RANKING_FEATURES.slice(REREAD_FEATURES_AT).map(() => 0);
/** ln(1 + a sentence's position in its paragraph), by position (depthWeight); positions past the table weigh as its last. */
const DEPTH = Float64Array.from({ length: 256 }, (_, position) => Math.log1p(position));
const depthOf = (position: number): number => DEPTH[Math.min(position, DEPTH.length - 1)]!;

export interface SearchOptions<D extends IndexedArticle = IndexedArticle> {
  limit?: number;
  /** Restrict to one article (by id). */
  articleId?: string;
  /** Restrict to the articles this accepts (a date range, say); library-wide word statistics are kept. */
  allowArticle?: (article: D) => boolean;
  /** The options of the index's own ranking; the re-reading ones (answerTypeBonus, …, rerankDepth) are the answer code's (src/answer/rerank.ts). */
  scoring?: Partial<ScoringOptions>;
  /** Fill each hit's `features` (a fitting aid, not for production). */
  explain?: boolean;
}

export interface QueryTerm {
  term: string;
  /** How many times the question says it. */
  count: number;
}

/** Question words typed without their apostrophe ("whats", "whos"): stop words, not search words. */
const INFORMAL_QUESTION_WORD = /\b(?:what|who|where|when|how)s\b/gi;

/** The sentences a query may rank: ids [from, to), and whether that is one article's. */
interface Range {
  from: number;
  to: number;
  restricted: boolean;
}

/** A query's terms as the index weighs them; the term ids and scored IDFs are in the candidates' arrays. */
interface Weighed {
  /** Scored terms (the first MAX_QUERY_TERMS the library knows). */
  k: number;
  /** Per scored term: IDF as scored (article-local with localIdf in one article, else library-wide) and library-wide (for coverage). */
  weights: Float64Array;
  globalWeights: Float64Array;
  /** Library-wide IDF mass of the whole question, unknown words weighing as a word seen once. */
  totalWeight: number;
}

/** Web addresses (with a scheme or www.) and Discord mentions, <@id>, <#id>, <@&id>, <:name:id>. */
const NOT_WORDS = /\b[a-z][a-z0-9+.-]*:\/\/\S+|\bwww\.\S+|<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>/gi;

/**
 * Sentence search over the caller's articles: the postings store
 * (sentenceStore.ts), candidate collection (candidates.ts) and the ranking
 * that needs no more than the index holds (BM25, the article prior,
 * presence, neighbours). Re-reading the best sentences' words is the answer
 * code's (src/answer/rerank.ts). The index keeps a reference to each live
 * article to read its text (removal, key terms, `sentence()`); the library
 * owns them. See DESIGN.md.
 */
export class SentenceIndex<D extends IndexedArticle = IndexedArticle> {
  private readonly store = new SentenceStore<D>();
  private readonly candidates = new Candidates(this.store);
  /** IDF mass of each subset of (at most 12) query terms, by mask; entry 0 stays 0. */
  private readonly massTable = new Float64Array(1 << 12);

  get sentenceCount(): number {
    return this.store.totals.liveSentences;
  }

  get articleCount(): number {
    return this.store.totals.liveArticles;
  }

  has(articleId: string): boolean {
    return this.store.slotById.has(articleId);
  }

  /** The live articles, in the order they were added. */
  articles(): D[] {
    return this.store.slots.flatMap((slot) => (slot.article ? [slot.article] : []));
  }

  /** The article and span of a sentence id returned by search. */
  sentence(id: number): { article: D; index: number; start: number; end: number } {
    const slot = this.store.slots[this.store.slotOf(id)]!;
    const index = id - slot.first;
    const span = slot.article!.sentences[index]!;
    return { article: slot.article!, index, start: span.start, end: span.end };
  }

  /** As sentence(), or undefined when its article has been removed or replaced since the id was found (by a long pass that paused). */
  liveSentence(id: number): { article: D; index: number; start: number; end: number } | undefined {
    return this.store.slots[this.store.slotOf(id)]?.article ? this.sentence(id) : undefined;
  }

  /** The id of an indexed article's sentence by its position (undefined when not indexed): quoting a sentence found by other means than search. */
  sentenceIdOf(articleId: string, position: number): number | undefined {
    const slot = this.store.slots[this.store.slotById.get(articleId) ?? -1];
    return slot && position >= 0 && position < slot.count ? slot.first + position : undefined;
  }

  /** Adds an article, replacing any earlier version with the same id. Touches only the postings of its own terms. */
  add(article: D): void {
    if (this.has(article.id)) this.remove(article.id);
    this.store.add(article);
  }

  remove(articleId: string): boolean {
    return this.store.remove(articleId);
  }

  /** Frees spare capacity after a bulk load: one exact block of postings per term. */
  shrink(): void {
    this.store.shrink();
  }

  /** The index's arrays, for a snapshot. Call shrink() first for the smallest one. */
  exportState(): IndexState {
    return this.store.exportState();
  }

  /** Fills an empty index from a snapshot's arrays and the articles they were built from (one per live slot, in slot order). */
  importState(state: IndexState, articles: readonly D[]): void {
    this.store.importState(state, articles);
  }

  /** A private copy, to which articles can be added without touching this one: much faster than analysing every article again. */
  clone(): SentenceIndex<D> {
    const state = this.exportState();
    const copy = new SentenceIndex<D>();
    // Importing holds the arrays it is given; these are this index's own, so they are copied (the pools copy theirs).
    copy.importState(
      {
        ...state,
        df: state.df.slice(),
        adf: state.adf.slice(),
        sentenceLength: state.sentenceLength.slice(),
        sentenceFlags: state.sentenceFlags.slice(),
        paragraphPosition: state.paragraphPosition.slice(),
      },
      this.articles(),
    );
    return copy;
  }

  /** Counts the question's analysed terms. */
  static queryTerms(question: string): QueryTerm[] {
    const counts = new Map<string, number>();
    // Conversational filler ("do you reckon", "the guy who") is no search word.
    for (const term of analyze(withoutFiller(question.replace(INFORMAL_QUESTION_WORD, ' ')))) counts.set(term, (counts.get(term) ?? 0) + 1);
    return [...counts].map(([term, count]) => ({ term, count }));
  }

  /** Sentence-level IDF of a term (0 when the library does not contain it). */
  idf(term: string): number {
    const termId = this.store.termIds.get(term);
    const df = termId === undefined ? 0 : this.store.df.data[termId]!;
    return df === 0 ? 0 : this.store.sentenceIdf(termId!);
  }

  /** The IDF a term would get if it appeared once: the weight of a word the library lacks. */
  unseenIdf(): number {
    return bm25Idf(this.store.totals.liveSentences + 1, 1);
  }

  /**
   * Ranks sentences for a question's terms: BM25 over sentences, plus the
   * optional evidence of ScoringOptions that the index can see (article
   * prior, coverage, presence, neighbours). See DESIGN.md for the formula.
   *
   * With the article prior on, articles are ranked first (BM25 over whole
   * articles) and only the sentences of the best `articleDepth` of them are
   * ranked, as a reader ranks passages of the documents a retriever found.
   * Sentences are scored document at a time (candidates.ts), so each
   * matching sentence is scored once, with its paragraph neighbours next to
   * it, and no array the size of the library is touched at random.
   */
  search(query: QueryTerm[], options: SearchOptions<D> = {}): Hit[] {
    const scoring = { ...defaultScoring, ...options.scoring };
    const limit = Math.max(0, options.limit ?? 10);
    const range = this.rangeOf(options);
    if (!range || limit === 0) return [];
    const weighed = this.weigh(query, range, scoring.localIdf);
    if (!weighed) return [];
    const bestArticle = this.collect(weighed, range, scoring, options.allowArticle);
    return this.rank(weighed, scoring, bestArticle, limit, options.explain === true);
  }

  /**
   * The weight of each question word as `search` scores it with these
   * options: its scored IDF, else (a known word past the 32 scored ones) its
   * library IDF, else the weight of an unknown word. For re-reading.
   */
  queryWeights(query: QueryTerm[], options: SearchOptions<D> = {}): Map<string, number> {
    const weightOf = new Map<string, number>();
    const range = this.rangeOf(options);
    const weighed = range && this.weigh(query, range, { ...defaultScoring, ...options.scoring }.localIdf);
    const scored = this.candidates.termIds.subarray(0, weighed ? weighed.k : 0);
    const unknownWeight = this.unseenIdf();
    for (const q of query) {
      const termId = this.store.termIds.get(q.term);
      const df = termId === undefined ? 0 : this.store.df.data[termId]!;
      const j = termId === undefined ? -1 : scored.indexOf(termId);
      weightOf.set(q.term, j >= 0 ? weighed!.weights[j]! : df > 0 ? this.store.sentenceIdf(termId!) : unknownWeight);
    }
    return weightOf;
  }

  /** Step 1: the sentences the options allow (one article's, or all); undefined when none. */
  private rangeOf(options: SearchOptions<D>): Range | undefined {
    if (options.articleId === undefined) return { from: 0, to: this.store.sentenceLength.length, restricted: false };
    const slotIndex = this.store.slotById.get(options.articleId);
    if (slotIndex === undefined) return undefined;
    const slot = this.store.slots[slotIndex]!;
    if (options.allowArticle && !options.allowArticle(slot.article!)) return undefined;
    return { from: slot.first, to: slot.first + slot.count, restricted: true };
  }

  /** Step 2: the question's words the library knows (at most 32) with their IDF, and the weight of all of them; undefined when it knows none. */
  private weigh(query: QueryTerm[], range: Range, localIdf: boolean): Weighed | undefined {
    const store = this.store;
    const unknownWeight = this.unseenIdf();
    const termIds = this.candidates.termIds;
    let totalWeight = 0;
    let k = 0;
    for (const q of query) {
      const termId = store.termIds.get(q.term);
      const df = termId === undefined ? 0 : store.df.data[termId]!;
      totalWeight += df === 0 ? unknownWeight : store.sentenceIdf(termId!);
      if (df > 0 && k < MAX_QUERY_TERMS) termIds[k++] = termId!;
    }
    if (k === 0) return undefined;
    const weights = new Float64Array(k);
    const globalWeights = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      const termId = termIds[j]!;
      const globalIdf = store.sentenceIdf(termId);
      weights[j] =
        range.restricted && localIdf ? bm25Idf(range.to - range.from, store.pool.countRange(termId, range.from, range.to)) : globalIdf;
      globalWeights[j] = globalIdf;
    }
    return { k, weights, globalWeights, totalWeight };
  }

  /**
   * Step 3: the candidates, with their BM25 scores: with the article prior
   * (open questions), the sentences of the best articles, each scored with
   * its article's prior; else article by article when some are left out,
   * else the whole range. Returns the best article score (0 without a prior).
   */
  private collect(weighed: Weighed, range: Range, scoring: ScoringOptions, allow: ((article: D) => boolean) | undefined): number {
    const { k, weights, globalWeights } = weighed;
    const candidates = this.candidates;
    const slots = this.store.slots;
    candidates.reset(scoring.k1, scoring.b);
    candidates.termIdf.set(weights);
    if (scoring.articlePrior > 0 && !range.restricted) {
      const touched = candidates.scoreArticles(k, scoring.articleK1, scoring.articleB);
      const scores = candidates.articleScores;
      let bestArticle = 0;
      for (const slot of touched) bestArticle = Math.max(bestArticle, scores[slot]!);
      let chosen = allow ? touched.filter((slot) => allow(slots[slot]!.article!)) : touched;
      if (allow) bestArticle = chosen.reduce((best, slot) => Math.max(best, scores[slot]!), 0);
      if (scoring.articleDepth > 0 && chosen.length > scoring.articleDepth) {
        const top = new TopK(scoring.articleDepth);
        for (const slot of chosen) if (scores[slot]! >= top.floor) top.offer(slot, scores[slot]!);
        chosen = top.sorted().map((entry) => entry.id);
      }
      chosen.sort((x, y) => x - y);
      const mix = scoring.articleIdfMix;
      for (const slot of chosen) {
        const { first, count } = slots[slot]!;
        // Within each article, BM25 may weigh words partly by their rarity in that article, as in-doc questions do.
        if (mix > 0)
          for (let j = 0; j < k; j++)
            candidates.termIdf[j] =
              mix * bm25Idf(count, this.store.pool.countRange(candidates.termIds[j]!, first, first + count)) +
              (1 - mix) * globalWeights[j]!;
        candidates.collect(k, first, first + count, scores[slot]!);
      }
      for (const slot of touched) scores[slot] = 0;
      return bestArticle;
    }
    if (allow && !range.restricted) {
      // Article by article, so sentences of articles left out are never scored.
      for (const slot of slots) if (slot.article && allow(slot.article)) candidates.collect(k, slot.first, slot.first + slot.count, 0);
    } else {
      candidates.collect(k, range.from, range.to, 0);
    }
    return 0;
  }

  /** Step 4: the evidence the index can see added to each candidate's BM25 (see DESIGN.md, "Scoring"), and the best `limit` kept. */
  private rank(weighed: Weighed, scoring: ScoringOptions, bestArticle: number, limit: number, explain: boolean): Hit[] {
    const { k, weights, globalWeights, totalWeight } = weighed;
    const { count, ids, masks, scores, articles } = this.candidates;

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

    const paragraphPosition = this.store.paragraphPosition.data;
    const top = new TopK(limit);
    const useNeighbours = scoring.neighbourWeight !== 0 || scoring.nextNeighbourWeight !== 0 || scoring.leanBackWeight !== 0;
    const flags = this.store.sentenceFlags.data;
    const articleWeight = bestArticle > 0 ? scoring.articlePrior / bestArticle : 0;
    for (let c = 0; c < count; c++) {
      const id = ids[c]!;
      const mask = masks[c]!;
      let score = scores[c]!;
      if (scoring.coverageBonus !== 0) score += scoring.coverageBonus * (globalMass(mask) / totalWeight);
      if (scoring.matchBonus !== 0) score += scoring.matchBonus * mass(mask);
      if (articleWeight !== 0) score += articleWeight * articles[c]!;
      // The further into its paragraph, the less often a sentence holds the answer (a lead states it).
      if (scoring.depthWeight !== 0) score += scoring.depthWeight * depthOf(paragraphPosition[id]!);
      if (useNeighbours) {
        // Words the sentence lacks that the sentence before or after it (same paragraph) has.
        if (c > 0 && ids[c - 1] === id - 1 && paragraphPosition[id]! > 0) {
          const weight = (flags[id]! & LEANS_BACK_FLAG) !== 0 ? scoring.neighbourWeight + scoring.leanBackWeight : scoring.neighbourWeight;
          score += weight * mass(masks[c - 1]! & ~mask);
        }
        if (c + 1 < count && ids[c + 1] === id + 1 && paragraphPosition[id + 1]! > 0)
          score += scoring.nextNeighbourWeight * mass(masks[c + 1]! & ~mask);
      }
      if (score >= top.floor) top.offer(c, score);
    }
    const coverage = (c: number): number => (totalWeight > 0 ? globalMass(masks[c]!) / totalWeight : 0);
    if (!explain) return top.sorted().map(({ id: c, score }) => ({ sentence: ids[c]!, score, coverage: coverage(c) }));
    // The unweighted evidence of the kept candidates, recomputed from their slot (the loop above stays lean).
    return top.sorted().map(({ id: c, score }) => {
      const id = ids[c]!;
      const mask = masks[c]!;
      const before = c > 0 && ids[c - 1] === id - 1 && paragraphPosition[id]! > 0 ? mass(masks[c - 1]! & ~mask) : 0;
      const after = c + 1 < count && ids[c + 1] === id + 1 && paragraphPosition[id + 1]! > 0 ? mass(masks[c + 1]! & ~mask) : 0;
      const features = [
        scores[c]!,
        bestArticle > 0 ? articles[c]! / bestArticle : 0,
        mass(mask),
        globalMass(mask) / totalWeight,
        before,
        (flags[id]! & LEANS_BACK_FLAG) !== 0 ? before : 0,
        after,
        depthOf(paragraphPosition[id]!),
        // The re-reading's evidence (rerank.ts) fills the rest.
        ...REREAD_ZEROS,
      ];
      return { sentence: id, score, coverage: coverage(c), features };
    });
  }

  /** Calls `visit` with each term some live sentence holds and its sentence count: the library's vocabulary (spelling.ts). */
  forEachTerm(visit: (term: string, sentences: number) => void): void {
    const df = this.store.df.data;
    for (const [term, termId] of this.store.termIds) if (df[termId]! > 0) visit(term, df[termId]!);
  }

  /** Sentence ids (ascending) that contain every one of the terms. */
  matchAll(terms: string[], articleId?: string): number[] {
    const store = this.store;
    const termIdList: number[] = [];
    for (const term of new Set(terms)) {
      const termId = store.termIds.get(term);
      if (termId === undefined) return [];
      termIdList.push(termId);
    }
    if (termIdList.length === 0) return [];
    termIdList.sort((a, b) => store.df.data[a]! - store.df.data[b]!);
    const slot = articleId === undefined ? undefined : store.slots[store.slotById.get(articleId) ?? -1];
    if (articleId !== undefined && !slot) return [];
    const result: number[] = [];
    store.pool.forEach(termIdList[0]!, (id) => {
      if (!(store.sentenceFlags.data[id]! & ALIVE)) return;
      if (slot && (id < slot.first || id >= slot.first + slot.count)) return;
      for (let t = 1; t < termIdList.length; t++) if (store.pool.tf(termIdList[t]!, id) === 0) return;
      result.push(id);
    });
    return result;
  }

  /**
   * Words of one article weighted by tf in the article × article-level IDF, shown as the commonest word form;
   * addresses, Discord mentions and numbers left out, whose pieces ("http", "example", "000") are not what it is about.
   */
  keyTerms(articleId: string, limit = 8): { term: string; word: string; weight: number }[] {
    const slotIndex = this.store.slotById.get(articleId);
    if (slotIndex === undefined) return [];
    const article = this.store.slots[slotIndex]!.article!;
    const counts = new Map<string, { tf: number; forms: Map<string, number> }>();
    for (const span of article.sentences) {
      for (const { term, surface } of termsWithSurface(article.text.slice(span.start, span.end).replace(NOT_WORDS, ' '))) {
        // A number says nothing of what the article is about ("000", "123", 2024).
        if (/^[\d.,]+$/.test(surface)) continue;
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
        weight: tf * this.store.articleIdf(this.store.termIds.get(term)!),
      }))
      .sort((x, y) => y.weight - x.weight || x.term.localeCompare(y.term))
      .slice(0, limit);
  }
}
