import { describe, expect, it } from 'vitest';
import { ALIGNED, alignmentEvidence } from '../../../src/answer/evidence/alignment';
import { wordVectors } from '../../../src/search/wordVectors';

const even = () => 1;
const vectors = wordVectors();

describe('alignment of the question words a sentence lacks', () => {
  it('the shipped vectors are there to read', () => {
    expect(vectors).toBeDefined();
  });

  it('counts a missing word as aligned when the sentence says it with a close word', () => {
    const said = alignmentEvidence('how many siblings does she have', 'She has three children.', even, vectors);
    expect(said.rarestMissingSimilarity).toBeGreaterThanOrEqual(ALIGNED);
    expect(said.softCoverage).toBe(1);
    expect(said.unaligned).toBe(0);
  });

  it('leaves a missing word unaligned when nothing in the sentence is near it', () => {
    const other = alignmentEvidence('how many siblings does she have', 'Steel prices fell.', even, vectors);
    expect(other.softCoverage).toBe(0);
    expect(other.unaligned).toBe(1);
    expect(other.missingSimilarity).toBeLessThan(ALIGNED);
  });

  it('weighs words by their weight: the heaviest missing word is the one reported', () => {
    const weightOf = (term: string) => (term === 'sibl' ? 5 : 1);
    const evidence = alignmentEvidence('siblings tariff', 'She has three children.', weightOf, vectors);
    expect(evidence.rarestMissingSimilarity).toBeGreaterThanOrEqual(ALIGNED);
    expect(evidence.softCoverage).toBeCloseTo(5 / 6);
  });

  it('a sentence with every question word has nothing missing', () => {
    expect(alignmentEvidence('treaty signed Lisbon', 'The treaty was signed in Lisbon.', even, vectors)).toEqual({
      softCoverage: 1,
      rarestMissingSimilarity: 1,
      missingSimilarity: 1,
      unaligned: 0,
    });
  });

  it('without vectors a missing word has no partner', () => {
    const evidence = alignmentEvidence('how many siblings does she have', 'She has three children.', even, undefined);
    expect(evidence).toMatchObject({ softCoverage: 0, unaligned: 1, rarestMissingSimilarity: 0 });
  });
});
