import { describe, expect, it } from 'vitest';
import { rankSentences } from '../../src/answer/rank';
import type { Article } from '../../src/library/article';
import { makeArticle } from '../../src/library/makeArticle';
import { SentenceIndex } from '../../src/search/sentenceIndex';

// Plain questions from a newsroom's user test, on stories written as the wire writes them.
const index = new SentenceIndex<Article>();
for (const article of [
  makeArticle(
    'strategy',
    'The Chancellor will chair the election strategy committee and front the campaign on the economy, party officials said.\n\nThe move ends weeks of talk of a feud at the top of the party.',
    { title: 'Chancellor takes campaign role' },
    'test',
  ),
  makeArticle(
    'childcare',
    'Chancellor Gordon Brown has promised a ten-year strategy to give every parent access to childcare.\n\nShadow chancellor Oliver Letwin said the plans had a black hole at their heart.',
    { title: 'Brown sets out childcare plan' },
    'test',
  ),
  makeArticle(
    'cards',
    'The Tories would scrap the identity card scheme if they won the election, the shadow home secretary has announced.\n\nThe Tories abstained when the bill was first debated.',
    { title: 'Tories pledge to scrap ID cards' },
    'test',
  ),
  makeArticle(
    'result',
    'The Tories gained more than 30 seats at the election, their best result since 1992.\n\nLabour won with a cut majority.',
    { title: 'Blair wins third term' },
    'test',
  ),
  makeArticle(
    'race-card',
    'Conservative leader Michael Howard has said his party would set an annual limit on immigration.\n\nDeputy Prime Minister John Prescott said the Tory leader was playing the race card over asylum and immigration.',
    { title: 'Howard sets out immigration limit' },
    'test',
  ),
  makeArticle(
    'council-tax',
    'The three main parties have each promised pensioners help with council tax.\n\nPensioner households will receive £200 to help with their council tax bills, the Chancellor announced.',
    { title: 'Pensioners and council tax' },
    'test',
  ),
]) {
  index.add(article);
}

const first = (question: string) => {
  const [best] = rankSentences(index, question, { limit: 3 });
  const { article, start, end } = index.sentence(best!.sentence);
  return article.text.slice(start, end);
};

describe('the first quote on plain questions', () => {
  it('names the holder for "who is the <office>", not a mention of the office or the shadow', () => {
    expect(first('who is the chancellor')).toMatch(/^Chancellor Gordon Brown/);
  });

  it('quotes what happened for "did they…", not what would follow "if they won"', () => {
    expect(first('did the tories win the election')).toMatch(/^The Tories gained more than 30 seats/);
  });

  it('reaches a party written by its other name ("tory" as "Conservative")', () => {
    expect(first('who is the tory leader')).toMatch(/^Conservative leader Michael Howard/);
  });

  it('quotes an amount for "how much", not a count', () => {
    expect(first('how much help do pensioners get with council tax')).toMatch(/£200/);
  });
});
