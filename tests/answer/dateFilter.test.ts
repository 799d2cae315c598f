import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/library/article';
import { ask } from '../../src/answer/ask';
import { lookup } from '../../src/answer/lookup';
import { withFollowUp } from '../../src/answer/followUp';
import { Library } from '../../src/library/library';
import { makeArticle } from '../../src/library/makeArticle';
import { inRange } from '../../src/library/dateRange';
import type { HistoryEntry } from '../../src/store/historyStore';
import { seedArticle } from '../helpers/seed';
import { SentenceIndex } from '../../src/search/sentenceIndex';

// Three articles on one subject, a year apart, and the undated seed article.
const budget = (year: number) =>
  makeArticle(
    `budget-${year}`,
    `The council approved the ${year} budget for harbour repairs on Monday. The harbour budget grew by ${year - 2000} million pounds, the treasurer said.`,
    { title: `Budget ${year}`, date: `${year}-03-05` },
    'test',
  );
const library = new Library(new SentenceIndex<Article>(), [seedArticle(), budget(2022), budget(2023), budget(2024)]);
const within = (since?: string, until?: string) => (article: { date: string | null }) =>
  inRange(article, { ...(since ? { since } : {}), ...(until ? { until } : {}) });

describe('a question limited to a date range', () => {
  it('quotes only articles dated in the range', () => {
    const all = ask(library.indexFor(null), 'How much did the harbour budget grow?', { limit: 5 });
    expect(new Set(all.quotes.map((q) => q.articleId)).size).toBeGreaterThan(1);
    const answer = ask(library.indexFor(null), 'How much did the harbour budget grow?', {
      limit: 5,
      allowArticle: within('2023-01-01', '2023-12-31'),
    });
    expect(answer.quotes.length).toBeGreaterThan(0);
    expect(answer.quotes.every((q) => q.articleId === 'budget-2023')).toBe(true);
    expect(answer.quotes[0]!.text).toContain('23 million');
  });

  it('leaves out the undated article, and an article asked for outside the range answers nothing', () => {
    const seedQuestion = 'Who chairs the CPTPP working group?';
    expect(ask(library.indexFor(null), seedQuestion).quotes[0]?.articleId).toBe('000_02b1b7e6bf94f65a');
    const dated = ask(library.indexFor(null), seedQuestion, { allowArticle: within('2000-01-01') });
    expect(dated.quotes.every((q) => q.articleId !== '000_02b1b7e6bf94f65a')).toBe(true);
    const outside = ask(library.indexFor(null), 'How much did the harbour budget grow?', {
      articleId: 'budget-2022',
      allowArticle: within('2024-01-01'),
    });
    expect(outside).toMatchObject({ tier: 'none', quotes: [] });
  });

  it('suggests only articles in the range when nothing matches', () => {
    const answer = ask(library.indexFor(null), 'What is the capital of Brazil?', { allowArticle: within('2024-01-01') });
    expect(answer.tier).toBe('none');
    for (const title of answer.suggestions) expect(title).toBe('Budget 2024');
  });

  it('limits the search the same way without the article prior (the restricted path)', () => {
    const hits = library.indexFor(null).search(SentenceIndex.queryTerms('harbour budget'), {
      limit: 10,
      scoring: { articlePrior: 0 },
      allowArticle: within(undefined, '2022-12-31'),
    });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => library.indexFor(null).sentence(h.sentence).article.id === 'budget-2022')).toBe(true);
  });

  it('/lookup counts only sentences of articles in the range', () => {
    const all = lookup(library.indexFor(null), 'harbour budget');
    expect(all.articles.length).toBe(3);
    const result = lookup(library.indexFor(null), 'harbour budget', within('2023-06-01'));
    expect(result.articles.map((a) => a.articleId)).toEqual(['budget-2024']);
    expect(result.matches.every((m) => m.articleId === 'budget-2024')).toBe(true);
  });

  it('a follow-up asked with a range reads within it, its subject article included', () => {
    const previous: HistoryEntry = {
      id: 'h1',
      userId: 'u',
      at: '2024-03-06T10:00:00Z',
      question: 'What did the council approve?',
      answered: true,
      quotes: [{ articleId: 'budget-2022', start: 0, end: 10 }],
    };
    const result = withFollowUp(
      library.indexFor(null),
      'and how much did it grow?',
      [previous],
      { allowArticle: within('2024-01-01') },
      new Date('2024-03-06T10:05:00Z'),
    );
    expect(result.answer.quotes.length).toBeGreaterThan(0);
    expect(result.answer.quotes.every((q) => q.articleId === 'budget-2024')).toBe(true);
  });
});
