import { describe, expect, it } from 'vitest';
import { subscribedReply } from '../../src/replies/subscriptions';
import { defaultAlertLimits } from '../../src/alerts/alertService';
import { makeArticle } from '../../src/library/makeArticle';
import { aSubscription } from '../helpers/subscription';

const subscription = aSubscription({ id: 's', topic: 'Europe' });
const quoted = makeArticle('a', 'French voters will decide in May.', { title: 'France sets date for vote' }, 'test');
const bare = makeArticle('b', 'Ministers met.', { title: 'EU summit in Brussels' }, 'test');

describe('the /subscribe preview', () => {
  it('quotes body sentences and lists an example with nothing to quote by its title, never as a quote', () => {
    const reply = subscribedReply(
      {
        subscription,
        resumed: false,
        preview: {
          matchingArticles: 2,
          totalArticles: 10,
          examples: [
            { article: quoted, reason: 'France is in Europe', quote: { sentence: 0, score: 1, coverage: 1 } },
            { article: bare, reason: 'Belgium is in Europe', quote: undefined },
          ],
        },
      },
      null,
      defaultAlertLimits,
      ({ article, quote }) => (quote ? article.text : undefined),
    );
    expect(reply.quotes!.map((q) => q.text)).toEqual(['French voters will decide in May.']);
    expect(reply.quotes!.some((q) => q.text === bare.title)).toBe(false);
    expect(reply.items).toEqual([expect.stringContaining('EU summit in Brussels')]);
    expect(String(reply.items![0])).toContain('Belgium is in Europe');
  });
});
