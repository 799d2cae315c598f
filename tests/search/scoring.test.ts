import { describe, expect, it } from 'vitest';
import { bm25Idf, lengthNorm, score } from '../../src/search/scoring';

describe('score(): BM25 of one term in one candidate', () => {
  it('is the textbook formula, with the length norm apart', () => {
    // idf · tf · (k1 + 1) / (tf + k1 · (1 − b + b · |c| / avg|c|)), worked by hand for tf 2, idf 1.5, k1 1.2, b 0.75, |c| 10, avg 8.
    const norm = lengthNorm(10, 8, 1.2, 0.75);
    expect(norm).toBeCloseTo(1.2 * (0.25 + 0.75 * 1.25), 12);
    expect(score(2, 1.5, 1.2, norm)).toBeCloseTo((1.5 * 2 * 2.2) / (2 + 1.425), 12);
  });

  it('is MiniSearch’s calcBM25Score without its d term', () => {
    // calcBM25Score(termFreq 3, matchingCount 4, totalCount 100, fieldLength 12, avgFieldLength 9, { k: 1.2, b: 0.7, d: 0 }), inlined from minisearch.
    const idf = Math.log(1 + (100 - 4 + 0.5) / (4 + 0.5));
    const minisearch = idf * ((3 * (1.2 + 1)) / (3 + 1.2 * (1 - 0.7 + (0.7 * 12) / 9)));
    expect(score(3, bm25Idf(100, 4), 1.2, lengthNorm(12, 9, 1.2, 0.7))).toBeCloseTo(minisearch, 12);
  });

  it('saturates in tf and falls with length', () => {
    const norm = lengthNorm(8, 8, 1.2, 0.75);
    expect(score(2, 1, 1.2, norm)).toBeGreaterThan(score(1, 1, 1.2, norm));
    expect(score(100, 1, 1.2, norm)).toBeLessThan(2.2);
    expect(score(1, 1, 1.2, lengthNorm(20, 8, 1.2, 0.75))).toBeLessThan(score(1, 1, 1.2, norm));
    expect(score(0, 1, 1.2, norm)).toBe(0);
  });
});
