import { describe, expect, it } from 'vitest';
import { lookup } from '../../src/answer/lookup';
import { renderText } from '../../src/console/renderText';
import type { Article } from '../../src/library/article';
import { Library } from '../../src/library/library';
import { makeArticle } from '../../src/library/makeArticle';
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
