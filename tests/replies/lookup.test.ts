import { describe, expect, it } from 'vitest';
import { lookup } from '../../src/answer/lookup';
import { renderText } from '../../src/console/renderText';
import type { Article } from '../../src/library/article';
import { Library } from '../../src/library/library';
import { makeArticle } from '../../src/library/makeArticle';
import { articlesReply, articleTextReply } from '../../src/replies/articles';
import { historyReply } from '../../src/replies/history';
import { lookupReply } from '../../src/replies/lookup';
import { SentenceIndex } from '../../src/search/sentenceIndex';

// Twelve sentences name council tax: three pages of five.
const sentences = Array.from({ length: 12 }, (_, i) => `Council tax in ward ${i + 1} rose by ${i + 2} percent this year.`);
const index = new Library(new SentenceIndex<Article>(), [
  makeArticle('tax', sentences.join(' '), { title: 'Council tax rises', date: '2005-03-16' }, 'test'),
]).indexFor(null);
const result = lookup(index, 'council tax');
const pageId = (page: number) => `lookup:page:${page}:council tax`;
const numbers = (text: string) => [...text.matchAll(/^ {2}(\d+)\. /gm)].map(([, n]) => Number(n));

describe('lookupReply numbering', () => {
  it('goes on from the page before: page 2 numbers its sentences 6 to 10, the last page 11 and 12', () => {
    expect(result.matches).toHaveLength(12);
    expect(numbers(renderText(lookupReply('council tax', result, 1, pageId)))).toEqual([1, 2, 3, 4, 5]);
    const second = renderText(lookupReply('council tax', result, 2, pageId));
    expect(numbers(second)).toEqual([6, 7, 8, 9, 10]);
    // Number 6 is the sixth sentence found, whatever page shows it.
    expect(second).toContain(`  6. “${result.matches[5]!.text}”`);
    expect(numbers(renderText(lookupReply('council tax', result, 3, pageId)))).toEqual([11, 12]);
    // A page past the end shows the last page, numbered as the last page.
    expect(numbers(renderText(lookupReply('council tax', result, 9, pageId)))).toEqual([11, 12]);
  });
});

describe('a page that does not exist', () => {
  it('is named as missing in the footer, on /lookup as on every paged list', () => {
    expect(lookupReply('council tax', result, 9, pageId).footer).toBe('There is no page 9: page 3 of 3');
    expect(lookupReply('council tax', result, 3, pageId).footer).toBe('Page 3 of 3');
    const article = makeArticle('tax', sentences.join(' '), { title: 'Council tax rises', date: '2005-03-16' }, 'test');
    expect(articlesReply([article], 5, pageId).footer).toBe('There is no page 5: page 1 of 1 · /article read id: shows one');
    expect(articleTextReply(article, 5, pageId).footer).toBe('There is no page 5: page 1 of 1');
    const entry = {
      id: 'e',
      userId: 'u',
      at: '2026-11-01T10:00:00.000Z',
      question: 'council tax?',
      answered: false,
      tier: 'none' as const,
      quotes: [],
    };
    expect(historyReply([entry], 10, 5, () => undefined, pageId).footer).toBe('There is no page 5: page 1 of 1');
  });
});
