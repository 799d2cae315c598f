import { describe, expect, it } from 'vitest';
import { previewOrder } from '../../src/alerts/previewOrder';
import { TopicMatcher } from '../../src/alerts/topicMatcher';
import type { Article } from '../../src/library/article';
import { Library } from '../../src/library/library';
import { makeArticle } from '../../src/library/makeArticle';
import { SentenceIndex } from '../../src/search/sentenceIndex';

const filler = [
  'Ministers met on Tuesday.',
  'The vote is due next month.',
  'Officials declined to comment.',
  'Talks will resume in spring.',
];
const story = (id: string, title: string, date: string, lines: string[]) =>
  makeArticle(id, [...lines, ...filler].join(' '), { title, date }, 'test');

// Each scores 1 for "Iraq war" (in the headline or the lead), so only the tie-break tells them apart;
// the ids run in the order the old tie-break (by id) showed them.
const articles = [
  story('a-passing', 'Budget row in the Commons', '2004-01-01', ['Opponents of the Iraq war protested outside as MPs debated the budget.']),
  story('b-headline', 'Iraq war inquiry opens', '2004-06-01', ['The inquiry into the Iraq war opened in London.']),
  story('c-headline-more', 'Iraq war costs rise', '2004-03-01', [
    'The cost of the Iraq war rose again, the Treasury said.',
    'Critics of the Iraq war called for a vote.',
    'The Iraq war has cost more than planned, the report found.',
  ]),
  story('d-headline-newer', 'Iraq war inquiry hears first witness', '2004-09-01', ['The Iraq war inquiry heard its first witness.']),
];
const index = new Library(new SentenceIndex<Article>(), articles).indexFor(null);

describe('the /subscribe preview’s order among equal scores', () => {
  it('puts the topic in the headline first, then more sentences holding it, then the newest, not the oldest ids', () => {
    const preview = TopicMatcher.preview(index, 'Iraq war', 0.7);
    expect(preview.map((m) => m.score)).toEqual([1, 1, 1, 1]);
    expect(preview.map((m) => m.article.id)).toEqual(['c-headline-more', 'd-headline-newer', 'b-headline', 'a-passing']);
  });

  it('orders by headline share, then sentences holding the topic, then newest, and falls back on the id so every run shows the same order', () => {
    const article = articles[0]!;
    const ranked = (headline: number, carrying: number, date: string | null, id: string) => ({
      score: 1,
      headline,
      carrying,
      article: { ...article, date, id },
    });
    const whole = ranked(1, 1, '2004-01-01', 'z');
    const most = ranked(0.6, 3, '2004-01-01', 'y');
    const many = ranked(0, 4, '2004-01-01', 'w');
    const few = ranked(0, 2, '2005-01-01', 'v');
    const undated = ranked(0, 2, null, 'u');
    const twinA = ranked(0, 2, null, 'a');
    const sorted = [undated, few, many, most, whole, twinA].sort(previewOrder);
    expect(sorted).toEqual([whole, most, many, few, twinA, undated]);
    // A higher score still comes first, whatever the rest.
    const lower = { ...whole, score: 0.9 };
    expect([lower, many].sort(previewOrder)).toEqual([many, lower]);
  });
});
