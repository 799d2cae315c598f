import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/library/article';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { brokenPairs, calibratedConfidence, confidenceFeatures, modelInputs } from '../../src/answer/confidence';
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

const features = (question: string) =>
  confidenceFeatures(library.indexFor(null), question, rankSentences(library.indexFor(null), question, { limit: 5 }), false);

describe('the evidence behind the confidence', () => {
  it('sees the asked type of answer in the sentence: a year for when', () => {
    expect(features('When was the treaty signed?')).toMatchObject({ typed: 1, typedOffered: 1 });
    expect(features('Who discussed fishing quotas?')).toMatchObject({ typed: 1 });
  });

  it('counts names and numbers of the question that the best sentence lacks', () => {
    expect(features('Was the treaty signed in Lisbon in 2007?').missingNamesNumbers).toBe(0);
    expect(features('Was the treaty signed in Lisbon in 2009?').missingNamesNumbers).toBeGreaterThan(0);
  });

  it('reads the words asked about, not the chat around them', () => {
    const plain = features('who signed the treaty in lisbon');
    const chatty = features("any idea who's gonna have signed the treaty in lisbon pls");
    expect(chatty.missingRarest).toBe(plain.missingRarest);
    expect(chatty.missingEverywhere).toBe(plain.missingEverywhere);
    expect(chatty.titleCovers).toBe(plain.titleCovers);
    expect(chatty.fewTerms).toBe(plain.fewTerms);
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

describe('evidence of a near miss', () => {
  it('counts question word pairs the sentence has but not together (a swapped pair of names)', () => {
    expect(brokenPairs(['rob', 'curran', 'tim', 'machado'], ['rob', 'machado', 'tim', 'curran'])).toBe(1);
    expect(brokenPairs(['point', 'tehachapi', 'conception', 'mountain'], ['point', 'conception', 'tehachapi', 'mountain'])).toBeCloseTo(
      1 / 3,
    );
    expect(brokenPairs(['point', 'conception', 'tehachapi', 'mountain'], ['point', 'conception', 'tehachapi', 'mountain'])).toBe(0);
    expect(brokenPairs(['treati', 'sign'], ['treati', 'wa', 'sign'])).toBe(0);
    expect(brokenPairs(['treati', 'sign'], ['budget'])).toBe(0);
  });

  it('sees a number of the question replaced by another in the sentence', () => {
    expect(features('Was the treaty signed in Lisbon in 2009?').numberMismatch).toBe(1);
    expect(features('Was the treaty signed in Lisbon in 2007?').numberMismatch).toBe(0);
    expect(features('Was the treaty signed in Lisbon?').numberMismatch).toBe(0);
  });

  it('sees a name of the question that the sentence has only as a common word', () => {
    const fruit = new Library(new SentenceIndex<Article>(), [
      makeArticle('fruit', 'Farmers sold every apple at the market in Kent.', { title: 'Fruit' }, 'test'),
    ]);
    const read = (question: string) =>
      confidenceFeatures(fruit.indexFor(null), question, rankSentences(fruit.indexFor(null), question, { limit: 5 }), false);
    expect(read('Where did farmers sell Apple shares?').caseMismatch).toBe(1);
    expect(read('Where did farmers sell apple shares?').caseMismatch).toBe(0);
    expect(read('Did farmers sell apples in Kent?').caseMismatch).toBe(0);
  });

  it('tells a heading from a statement, and measures the margin over another article', () => {
    const two = new Library(new SentenceIndex<Article>(), [
      makeArticle('a', 'Budget talks\n\nThe budget talks ended without a deal on Friday.', { title: 'A' }, 'test'),
      makeArticle('b', 'Fishing quotas were cut again.', { title: 'B' }, 'test'),
    ]);
    const read = (question: string) =>
      confidenceFeatures(two.indexFor(null), question, rankSentences(two.indexFor(null), question, { limit: 5 }), false);
    expect(read('How did the budget talks end on Friday?')).toMatchObject({ titleLike: 0, otherArticleMargin: 1 });
    expect(read('budget talks quotas').otherArticleMargin).toBeLessThan(1);
  });
});

describe('calibratedConfidence', () => {
  it('is a chance between 0 and 1 from the shipped model, which reads only evidence that exists', () => {
    const f = features('When was the treaty signed?');
    const p = calibratedConfidence(f);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
    const read = new Set<string>();
    const walk = (node: unknown): void => {
      if (!Array.isArray(node)) return;
      read.add(node[0]);
      walk(node[2]);
      walk(node[3]);
    };
    const shipped = model as { trees?: unknown[]; inputs?: string[] };
    for (const tree of shipped.trees ?? []) walk(tree);
    for (const name of shipped.inputs ?? []) read.add(name);
    expect(read.size).toBeGreaterThan(0);
    const known = new Set(Object.keys(shipped.trees ? f : modelInputs(f)));
    expect([...read].filter((name) => !known.has(name))).toEqual([]);
  });

  it('applies the weights as a logistic regression', () => {
    const f = features('When was the treaty signed?');
    expect(calibratedConfidence(f, { inputs: ['coverage'], weights: [0], bias: 0 })).toBe(0.5);
    const low = calibratedConfidence(f, { inputs: ['missingRarest'], weights: [-4], bias: 1 });
    const high = calibratedConfidence({ ...f, missingRarest: 0 }, { inputs: ['missingRarest'], weights: [-4], bias: 1 });
    expect(high).toBeCloseTo(1 / (1 + Math.exp(-1)));
    expect(low).toBeLessThanOrEqual(high);
  });

  it('adds one leaf of each boosted tree to the base log-odds', () => {
    const f = { ...features('When was the treaty signed?'), coverage: 0.7, typed: 1 };
    const trees = {
      kind: 'trees' as const,
      base: 0.5,
      trees: [
        ['coverage', 0.5, -1, 0.25],
        ['typed', 0.5, 2, ['coverage', 0.8, -0.75, 3]],
      ] as const,
    };
    expect(calibratedConfidence(f, trees)).toBeCloseTo(1 / (1 + Math.exp(-(0.5 + 0.25 - 0.75))));
    expect(calibratedConfidence({ ...f, coverage: 0.2, typed: 0 }, trees)).toBeCloseTo(1 / (1 + Math.exp(-(0.5 - 1 + 2))));
  });
});
