import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/library/article';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { Library } from '../../src/library/library';
import { makeArticle } from '../../src/library/makeArticle';
import { articleReply, articleTextReply } from '../../src/replies/articles';

const paragraphs =
  'The council met on Monday. It argued for hours.\n\nThe budget passed on Tuesday.\n\nCritics said the tram was forgotten.';
// Paragraph breaks and indents shrink when the opening is shown on one line; the cut must still be marked.
const long = `${'The council argued about the harbour budget for many hours on Monday.\n\n      '.repeat(12)}The end.`;
const library = new Library(new SentenceIndex<Article>(), [
  makeArticle('paras', paragraphs, { title: 'Paragraphs' }, 'test'),
  makeArticle('long', long, { title: 'Long' }, 'test'),
]);
const article = (id: string) => library.get(id, null)!;
const pageId = (n: number) => `page:${n}`;

describe('reading an article', () => {
  it('keeps paragraphs in "Whole article"', () => {
    expect(articleTextReply(article('paras'), 1, pageId).text).toEqual([
      'The council met on Monday. It argued for hours.\n\nThe budget passed on Tuesday.\n\nCritics said the tram was forgotten.',
    ]);
  });

  it('marks a cut opening with "…", at a word, and a whole one without', () => {
    const opening = articleReply(article('long'), [], 'read').text![0]!;
    expect(opening).toMatch(/ \S+…$/u);
    expect(opening).not.toMatch(/\s\s/);
    expect(opening.length).toBeLessThanOrEqual(401);
    expect(articleReply(article('paras'), [], 'read').text![0]).not.toContain('…');
  });
});

describe('counts on the card', () => {
  it('says "1 sentence", not "1 sentences"', () => {
    const one = makeArticle('one', 'The council met.', { title: 'One' }, 'test');
    expect(articleReply(one, [], 'read').fields!.find((f) => f.name === 'Length')!.value).toBe('3 words, 1 sentence');
    expect(articleReply(article('paras'), [], 'read').fields!.find((f) => f.name === 'Length')!.value).toBe('20 words, 4 sentences');
  });
});
