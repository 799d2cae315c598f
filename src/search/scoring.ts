/** Tuning of the sentence ranking; see DESIGN.md for what each is worth. */
export interface ScoringOptions {
  /** BM25 term-frequency saturation: sentences rarely repeat a word, so it is low. */
  k1: number;
  /** BM25 length normalisation. */
  b: number;
  /** Weight of the article's own relevance (normalised to 0..1) added to each of its sentences. */
  articlePrior: number;
  /** Within one article, weigh words by their rarity in that article rather than in the library. */
  localIdf: boolean;
  /** Added per unit of the question's IDF mass a sentence covers: favours matching more distinct words. */
  coverageBonus: number;
}

export const defaultScoring: ScoringOptions = { k1: 1.2, b: 0.75, articlePrior: 0, localIdf: false, coverageBonus: 0 };

/** Robertson–Spärck Jones IDF as in Lucene's BM25: always positive. */
export function bm25Idf(documents: number, documentFrequency: number): number {
  return Math.log(1 + (documents - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

export function bm25(tf: number, length: number, averageLength: number, idf: number, k1: number, b: number): number {
  return (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * length) / averageLength));
}

/** natural's TfIdf weighting, kept so the index can be checked against it. */
export function naturalIdf(documents: number, documentFrequency: number): number {
  return 1 + Math.log(documents / (1 + documentFrequency));
}
