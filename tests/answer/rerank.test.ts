import { describe, expect, it } from 'vitest';
import { rerank, rereads } from '../../src/answer/rerank';
import { defaultScoring } from '../../src/search/scoring';
import { type WordVectors, wordVectors } from '../../src/search/wordVectors';

const sentences = [
  'The treaty was signed by both ministers in Geneva.',
  'The treaty was signed in 1994 in Geneva.',
  'The offspring of the ministers attended.',
];
const reading = (question: string, vectors?: WordVectors) => ({
  question,
  sentenceText: (sentence: number) => ({ text: sentences[sentence]!, start: 0, end: sentences[sentence]!.length }),
  vectors,
  weights: () => new Map([['children', 2]]),
});
const hits = () => [0, 1, 2].map((sentence) => ({ sentence, score: 1, coverage: 0.5 }));

describe('rerank', () => {
  it('is off with the default options and on when any re-reading bonus is set', () => {
    expect(rereads(defaultScoring)).toBe(false);
    expect(rereads({ ...defaultScoring, answerTypeBonus: 2 })).toBe(true);
  });

  it('adds the answer-type bonus to the sentence offering what the question asks for, and sorts again', () => {
    const ranked = rerank(hits(), { ...defaultScoring, answerTypeBonus: 2 }, reading('When was the treaty signed?'));
    expect(ranked.map((h) => h.sentence)).toEqual([1, 0, 2]);
    expect(ranked[0]!.score).toBe(3);
    expect(ranked[1]!.score).toBe(1);
  });

  it('credits related words only with the vectors it is handed', () => {
    const scoring = { ...defaultScoring, relatedBonus: 1, relatedThreshold: 0.3 };
    const vectors = wordVectors();
    expect(vectors).toBeDefined();
    const without = rerank(hits(), scoring, reading('Which children attended?'));
    expect(without.map((h) => h.score)).toEqual([1, 1, 1]);
    const withVectors = rerank(hits(), scoring, reading('Which children attended?', vectors));
    expect(withVectors[0]!.sentence).toBe(2);
    expect(withVectors[0]!.score).toBeGreaterThan(1);
  });

  it('leaves the hits it was given as they were', () => {
    const given = hits();
    rerank(given, { ...defaultScoring, answerTypeBonus: 2 }, reading('When was the treaty signed?'));
    expect(given.map((h) => h.score)).toEqual([1, 1, 1]);
  });
});
