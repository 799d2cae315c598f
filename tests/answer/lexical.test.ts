import { describe, expect, it } from 'vitest';
import { lexicalFeatures } from '../../src/answer/evidence/lexical';
import { lexicon } from '../../src/answer/evidence/lexicon';
import { terms, tokens } from '../../src/search/analyzer';
import table from '../../src/answer/evidence/lexicon.json' with { type: 'json' };

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
  it('sees an opposite said in place of a question word', () => {
    const swapped = evidence('What is the smallest city in the region?', 'Porto is the largest city in the region.');
    expect(swapped.antonymSwap).toBeCloseTo(1 / 3);
    expect(evidence('What is the largest city in the region?', 'Porto is the largest city in the region.').antonymSwap).toBe(0);
  });

  it('does not count an opposite that the question names itself', () => {
    expect(evidence('Did exports increase or decrease in 2010?', 'Exports decreased in 2010.').antonymSwap).toBe(0);
  });

  it('sees opposite small words that the analyzer drops', () => {
    expect(evidence('What happened before the election?', 'Turnout fell after the election.').wordSwap).toBe(1);
    expect(evidence('What happened after the election?', 'Turnout fell after the election.').wordSwap).toBe(0);
  });

  it('counts a question word said in another form or another word as covered', () => {
    const paraphrased = evidence('Who invented the telephone?', 'Bell was the inventor of the telephone.');
    expect(paraphrased.familyCovers).toBeCloseTo(1 / 2);
    expect(paraphrased.lexicalCoverage).toBeCloseTo(1);
    expect(paraphrased.missingUnrelated).toBe(0);
    const synonym = evidence('Who is the author of the report?', 'The writer of the report is Jane Doe.');
    expect(synonym.synonymCovers).toBeCloseTo(1 / 2);
  });

  it('leaves a word said in no form at all missing', () => {
    const missing = evidence('Who invented the telephone?', 'Bell lived in Boston.');
    expect(missing).toMatchObject({ familyCovers: 0, synonymCovers: 0, lexicalCoverage: 0 });
    expect(missing.missingUnrelated).toBeCloseTo(1 / 2);
  });
});
