import { describe, expect, it } from 'vitest';
import { lexicalFeatures } from '../../src/answer/evidence/lexical';
import { lexicon } from '../../src/answer/evidence/lexicon';
import { terms, tokens } from '../../src/search/analyzer';
import table from '../../src/answer/evidence/lexicon.json' with { type: 'json' };
import { confidenceFeatures } from '../../src/answer/confidence';
import { rankSentences } from '../../src/answer/rank';
import type { Article } from '../../src/library/article';
import { Library } from '../../src/library/library';
import { makeArticle } from '../../src/library/makeArticle';
import { SentenceIndex } from '../../src/search/sentenceIndex';

// Every question word weighs the same here, so a share is a count over the question's terms.
function evidence(question: string, sentence: string) {
  const questionTerms = [...new Set(terms(question))];
  return lexicalFeatures(
    questionTerms,
    questionTerms.map(() => 1),
    new Set(terms(sentence)),
    tokens(question),
    new Set(tokens(sentence)),
  );
}

describe('the shipped WordNet table', () => {
  it('relates opposites, in the comparative and superlative too', () => {
    const { antonyms } = lexicon();
    for (const [a, b] of [
      ['largest', 'smallest'],
      ['larger', 'smaller'],
      ['increase', 'decrease'],
      ['birth', 'death'],
    ] as const) {
      const [ta, tb] = [terms(a)[0]!, terms(b)[0]!];
      expect(antonyms.get(ta)).toContain(tb);
      expect(antonyms.get(tb)).toContain(ta);
    }
  });

  it('relates forms of one word, and synonyms', () => {
    const { family, synonyms } = lexicon();
    expect(family.get(terms('invented')[0]!)).toContain(terms('inventor')[0]);
    expect(family.get(terms('died')[0]!)).toContain(terms('death')[0]);
    expect(synonyms.get(terms('author')[0]!)).toContain(terms('writer')[0]);
  });

  it('holds no pair of one term with itself and no pair twice', () => {
    for (const list of [table.antonyms, table.family, table.synonyms]) {
      expect(list.every(([a, b]) => a !== b && a! < b!)).toBe(true);
      expect(new Set(list.map((pair) => pair.join(' '))).size).toBe(list.length);
    }
  });
});

describe('lexical evidence about the best sentence', () => {
  it('sees an opposite said in place of a question word, and counts it against the coverage', () => {
    const swapped = evidence('What is the smallest city in the region?', 'Porto is the largest city in the region.');
    expect(swapped.opposite).toBe(1);
    expect(swapped.lexicalCoverage).toBeCloseTo(1 / 3);
    const same = evidence('What is the largest city in the region?', 'Porto is the largest city in the region.');
    expect(same).toMatchObject({ opposite: 0, lexicalCoverage: 1 });
  });

  it('does not count an opposite that the question names itself', () => {
    expect(evidence('Did exports increase or decrease in 2010?', 'Exports decreased in 2010.').opposite).toBe(0);
  });

  it('sees opposite small words that the analyzer drops', () => {
    expect(evidence('What happened before the election?', 'Turnout fell after the election.').opposite).toBe(1);
    expect(evidence('What happened after the election?', 'Turnout fell after the election.').opposite).toBe(0);
  });

  it('counts a question word said in another form or another word as covered', () => {
    const paraphrased = evidence('Who invented the telephone?', 'Bell was the inventor of the telephone.');
    expect(paraphrased.familyCovers).toBeCloseTo(1 / 2);
    expect(paraphrased.lexicalCoverage).toBeCloseTo(1);
    const synonym = evidence('Who is the author of the report?', 'The writer of the report is Jane Doe.');
    expect(synonym).toMatchObject({ familyCovers: 0, lexicalCoverage: 1 });
  });

  it('leaves a word said in no form at all missing', () => {
    expect(evidence('Who invented the telephone?', 'Bell lived in Boston.')).toMatchObject({ familyCovers: 0, lexicalCoverage: 0 });
    expect(evidence('Who invented the telephone?', 'The telephone rang.').lexicalCoverage).toBeCloseTo(1 / 2);
  });
});

describe('the lexical evidence in the confidence', () => {
  const library = new Library(new SentenceIndex<Article>(), [
    makeArticle(
      'budget',
      'The government raised the fuel tax in March. The deficit shrank after the election.',
      { title: 'Budget' },
      'test',
    ),
  ]);
  const features = (question: string) =>
    confidenceFeatures(library.indexFor(null), question, rankSentences(library.indexFor(null), question, { limit: 5 }), false);

  it('is read off the first quote with the rest of the evidence', () => {
    expect(features('When did the government lower the fuel tax?').opposite).toBe(1);
    expect(features('When did the government raise the fuel tax?').opposite).toBe(0);
    expect(features('Did the deficit shrink before the election?').opposite).toBe(1);
  });
});
