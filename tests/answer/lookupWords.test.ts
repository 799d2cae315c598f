import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/library/article';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { lookup } from '../../src/answer/lookup';
import { Library } from '../../src/library/library';
import { makeArticle } from '../../src/library/makeArticle';
import { lookupReply } from '../../src/replies/lookup';

const library = new Library(new SentenceIndex<Article>(), [
  makeArticle(
    'browne',
    'Des Browne said the army would stay in Basra. Defence Secretary Des Browne visited the troops on Monday. Browne later flew home.',
    { title: 'Browne visits Basra', date: '2006-06-01' },
    'test',
  ),
  makeArticle(
    'brown',
    'The chancellor, Gordon Brown, set out the budget. The Treasury building has brown doors. Mr Brown’s speech lasted an hour.',
    { title: 'Brown sets out the budget', date: '2006-03-22' },
    'test',
  ),
]);

describe('/lookup of a name', () => {
  const result = lookup(library.indexFor(null), 'Brown');
  const order = result.matches.map((m) => m.text);

  it('puts the exact word before other forms the stemmer folds in, and a capitalised term in its own case first', () => {
    expect(order).toEqual([
      'The chancellor, Gordon Brown, set out the budget.',
      'Mr Brown’s speech lasted an hour.',
      'The Treasury building has brown doors.',
      'Des Browne said the army would stay in Basra.',
      'Defence Secretary Des Browne visited the troops on Monday.',
      'Browne later flew home.',
    ]);
    expect(result.exact).toBe(3);
    expect(result.articles.map((a) => [a.articleId, a.count, a.exact])).toEqual([
      ['brown', 3, 3],
      ['browne', 3, 0],
    ]);
  });

  it('says how many sentences hold the exact word', () => {
    const reply = lookupReply('Brown', result, 1, (page) => `p${page}`);
    expect(reply.title).toBe('“Brown”: 6 sentences in 2 articles (3 with the exact word, the rest another form of it)');
    expect(reply.fields![0]!.value).toBe('Brown sets out the budget (brown): 3\nBrowne visits Basra (browne): 3 (0 exact)');
  });

  it('matches a phrase only as whole words', () => {
    const phrase = lookup(library.indexFor(null), 'des brown');
    expect(phrase.exact).toBe(0);
    expect(lookup(library.indexFor(null), 'gordon brown').exact).toBe(1);
  });

  it('counts a one-letter word of the term ("Plan B"), which the search itself does not index', () => {
    const plans = new Library(new SentenceIndex<Article>(), [
      makeArticle(
        'plans',
        'Ministers have a plan B for the railways. The plan was published on Monday. Plan C was dropped.',
        { title: 'Rail plans' },
        'test',
      ),
    ]);
    const found = lookup(plans.indexFor(null), 'Plan B');
    expect(found.matches).toHaveLength(3);
    expect(found.exact).toBe(1);
    expect(found.matches[0]!.text).toBe('Ministers have a plan B for the railways.');
  });

  it('keeps the plain title when every sentence is exact', () => {
    const reply = lookupReply('Basra', lookup(library.indexFor(null), 'Basra'), 1, (page) => `p${page}`);
    expect(reply.title).toBe('“Basra”: 1 sentence in 1 article');
  });
});
