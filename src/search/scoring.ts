/** Tuning of the sentence ranking; see DESIGN.md for what each is worth. Every bonus is off (0) by default. */
export interface ScoringOptions {
  /** BM25 term-frequency saturation: sentences rarely repeat a word, so it is low. */
  k1: number;
  /** BM25 length normalisation. */
  b: number;
  /** Weight of the article's own relevance (normalised to 0..1) added to each of its sentences. */
  articlePrior: number;
  /** BM25 k1 and b for scoring whole articles (the prior): articles are long and repeat their words, unlike sentences. */
  articleK1: number;
  articleB: number;
  /** With the prior on, only the sentences of this many best articles are ranked (0: all). */
  articleDepth: number;
  /** With the prior on, BM25 within each article weighs words by this share of their rarity in that article (the rest library-wide). */
  articleIdfMix: number;
  /** Within one article, weigh words by their rarity in that article rather than in the library. */
  localIdf: boolean;
  /** Added per unit of the question's IDF mass a sentence covers: favours matching more distinct words. */
  coverageBonus: number;
  /** Added per unit of IDF (as scored) of the question words a sentence contains, whatever their count: presence beyond BM25. */
  matchBonus: number;
  /** Added per ln(1 + the sentence's position in its paragraph (0 for its first)): negative, as a paragraph's lead states its answer more often than any later sentence. */
  depthWeight: number;
  /** Share of the IDF of question words that the sentence lacks but the sentence before it (same paragraph) has: context the sentence leans on. */
  neighbourWeight: number;
  /** The same for the sentence after it. */
  nextNeighbourWeight: number;
  /** Added to neighbourWeight when the sentence opens by pointing back ("He", "They", "This…"): its subject is in the sentence before. */
  leanBackWeight: number;
  /** Added when the sentence holds the kind of answer asked for (a year for "when", a number for "how many", a name for "who"/"where"). Needs `question`. */
  answerTypeBonus: number;
  /** Added per word pair of the question (stop words kept) that the sentence repeats. Needs `question`. */
  phraseBonus: number;
  /** Added per log(1 + words of the sentence that the question does not have): a sentence that only restates the question holds no answer. Needs `question`. */
  noveltyBonus: number;
  /** Added per unit of IDF of question words the sentence lacks but says with a related word (word vectors), scaled by how related. Needs `question`. */
  relatedBonus: number;
  /** Cosine similarity below which two words count as unrelated. */
  relatedThreshold: number;
  /** Added when a "who is the <office>" question's sentence names the office's holder beside its title ("Chancellor Gordon Brown"). Needs `question`. */
  officeBonus: number;
  /** Added when the sentence for a question asking whether something happened ("did…") puts it under a condition ("if they won"): negative. Needs `question`. */
  conditionalWeight: number;
  /** Added when a "how much" question's sentence offers a count ("three") but no amount. Needs `question`. */
  countOnlyWeight: number;
  /** Added when "what is X"'s X is the sentence's subject ("X is…", "X will…"). Needs `question`. */
  subjectBonus: number;
  /** How many of the best sentences are re-read for the checks on their words (answer type, word pairs, novelty, related words). */
  rerankDepth: number;
}

export const defaultScoring: ScoringOptions = {
  k1: 1.2,
  b: 0.75,
  articlePrior: 0,
  articleK1: 1.2,
  articleB: 0.75,
  articleDepth: 0,
  articleIdfMix: 0,
  localIdf: false,
  coverageBonus: 0,
  matchBonus: 0,
  depthWeight: 0,
  neighbourWeight: 0,
  nextNeighbourWeight: 0,
  leanBackWeight: 0,
  answerTypeBonus: 0,
  phraseBonus: 0,
  noveltyBonus: 0,
  relatedBonus: 0,
  relatedThreshold: 0.4,
  officeBonus: 0,
  conditionalWeight: 0,
  countOnlyWeight: 0,
  subjectBonus: 0,
  rerankDepth: 30,
};

/** Robertson–Spärck Jones IDF as in Lucene's BM25: always positive. */
export function bm25Idf(documents: number, documentFrequency: number): number {
  return Math.log(1 + (documents - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/**
 * BM25's length normalisation of one candidate (a sentence, or a whole
 * article for the prior): `k1·(1 − b + b·|c|/avg|c|)`. It depends on the
 * candidate's length only, so the hot loops compute it once per length.
 */
export function lengthNorm(length: number, averageLength: number, k1: number, b: number): number {
  return k1 * (1 - b + (b * length) / averageLength);
}

/**
 * One query term's BM25 score in one candidate, from the candidate's
 * statistics: the term's frequency in it, the term's IDF, and the
 * candidate's `lengthNorm`. Modelled on MiniSearch's `calcBM25Score` (less
 * its `d` term, and with the IDF given, since it may be library-wide,
 * article-local or a mix of both). A candidate's BM25 is the sum over the
 * query terms it holds; every place that scores calls this.
 */
export function score(tf: number, idf: number, k1: number, norm: number): number {
  return (idf * (k1 + 1) * tf) / (tf + norm);
}
