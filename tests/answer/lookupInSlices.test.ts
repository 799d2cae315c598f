import { describe, expect, it } from 'vitest';
import { lookup, lookupInSlices } from '../../src/answer/lookup';
import type { Article } from '../../src/library/article';
import { Library } from '../../src/library/library';
import { makeArticle } from '../../src/library/makeArticle';
import { SentenceIndex } from '../../src/search/sentenceIndex';

/** Enough sentences holding "government" that one pass over them outlasts a slice on any machine. */
function bigIndex(): SentenceIndex<Article> {
  const articles = Array.from({ length: 150 }, (_, i) =>
    makeArticle(
      `a${i}`,
      Array.from(
        { length: 40 },
        (_, s) => `The government ${s % 2 ? 'Government' : 'governments'} plan ${i}-${s} was read out in the council.`,
      ).join(' '),
      { title: `Plan ${i}`, date: '2024-03-05' },
      'test',
    ),
  );
  return new Library(new SentenceIndex<Article>(), articles).indexFor(null);
}

describe('/lookup of a common word on a large library', () => {
  it('lets a timer run before it is done, and finds what one pass finds', async () => {
    const index = bigIndex();
    const order: string[] = [];
    const timer = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => order.push('timer'));
    const sliced = lookupInSlices(index, 'Government').then((result) => {
      order.push('lookup');
      return result;
    });
    const [result] = await Promise.all([sliced, timer]);
    expect(order).toEqual(['timer', 'lookup']);
    const whole = lookup(index, 'Government');
    expect(result.matches).toHaveLength(6_000);
    expect(result).toEqual(whole);
  });

  it('leaves out an article removed while it paused, instead of reading a stale sentence', async () => {
    const index = bigIndex();
    const pending = lookupInSlices(index, 'government');
    // Runs at the look-up's first pause, once it holds every sentence id and before it reads the last article's.
    setTimeout(() => index.remove('a149'), 0);
    const result = await pending;
    expect(result.articles.map((a) => a.articleId)).not.toContain('a149');
    expect(result.articles).toHaveLength(149);
  });
});
