import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/library/article';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { calibratedConfidence, confidenceFeatures, modelInputs } from '../../src/answer/confidence';
import { rankSentences } from '../../src/answer/rank';
import { Library } from '../../src/library/library';
import { makeArticle } from '../../src/library/makeArticle';
import model from '../../src/answer/confidenceModel.json' with { type: 'json' };

const library = new Library(new SentenceIndex<Article>(), [
  makeArticle(
    'treaty',
    'The treaty was signed in Lisbon in 2007 by the member states. Ministers met again in Brussels to discuss fishing quotas. The parliament did not ratify the budget proposal.',
    { title: 'Treaty' },
    'test',
  ),
]);

const features = (question: string) => confidenceFeatures(library.indexFor(null), question, rankSentences(library.indexFor(null), question, { limit: 5 }), false);

describe('the evidence behind the confidence', () => {
  it('sees the asked type of answer in the sentence: a year for when', () => {
    expect(features('When was the treaty signed?')).toMatchObject({ typed: 1, typedOffered: 1 });
    expect(features('Who discussed fishing quotas?')).toMatchObject({ typed: 1 });
  });

  it('counts names and numbers of the question that the best sentence lacks', () => {
    expect(features('Was the treaty signed in Lisbon in 2007?').missingNamesNumbers).toBe(0);
    expect(features('Was the treaty signed in Lisbon in 2009?').missingNamesNumbers).toBeGreaterThan(0);
  });

  it('notices a negation on one side only', () => {
    expect(features('Did the parliament ratify the budget proposal?').negationMismatch).toBe(1);
    expect(features('Did the parliament not ratify the budget proposal?').negationMismatch).toBe(0);
  });

  it('weighs the rarest question word the sentence lacks, and words no near sentence has', () => {
    const full = features('treaty signed Lisbon');
    expect(full).toMatchObject({ coverage: 1, missingRarest: 0, missingEverywhere: 0 });
    const partial = features('treaty signed Madrid');
    expect(partial.missingRarest).toBeGreaterThan(0);
    expect(partial.unknownTerms).toBeGreaterThan(0);
  });
});

describe('the evidence around the best sentence', () => {
  it('weighs question words that the best sentence lacks but its neighbours have', () => {
    const f = features('Did the ministers meet in Brussels to ratify the budget?');
    expect(f.neighbourCovers).toBeGreaterThan(0);
    expect(features('treaty signed Lisbon').neighbourCovers).toBe(0);
  });

  it('weighs question words the whole article of the best sentence lacks (a swapped name)', () => {
    expect(features('Was the treaty signed in Lisbon by the member states?').missingInArticle).toBe(0);
    expect(features('Was the treaty signed in Lisbon by the Portugal states?').missingInArticle).toBeGreaterThan(0);
  });

  it('sees a sentence that only restates the question', () => {
    expect(features('ministers met again in Brussels to discuss fishing quotas').restates).toBe(1);
    expect(features('When was the treaty signed?').restates).toBeLessThan(0.7);
  });
});

describe('calibratedConfidence', () => {
  it('is a chance between 0 and 1 from the shipped weights, which cover every model input', () => {
    const f = features('When was the treaty signed?');
    const p = calibratedConfidence(f);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
    expect([...model.inputs].sort()).toEqual(Object.keys(modelInputs(f)).sort());
  });

  it('applies the weights as a logistic regression', () => {
    const f = features('When was the treaty signed?');
    expect(calibratedConfidence(f, { inputs: ['coverage'], weights: [0], bias: 0 })).toBe(0.5);
    const low = calibratedConfidence(f, { inputs: ['missingRarest'], weights: [-4], bias: 1 });
    const high = calibratedConfidence({ ...f, missingRarest: 0 }, { inputs: ['missingRarest'], weights: [-4], bias: 1 });
    expect(high).toBeCloseTo(1 / (1 + Math.exp(-1)));
    expect(low).toBeLessThanOrEqual(high);
  });
});
