import { describe, expect, it } from 'vitest';
import { makeArticle } from '../../src/library/makeArticle';
import { alertReply } from '../../src/replies/alert';
import { aSubscription } from '../helpers/subscription';

const article = makeArticle(
  'strait',
  'Chinese warships sailed through the Taiwan Strait on Monday.',
  { title: 'Strait tensions rise' },
  'test',
);
const subscription = aSubscription({ topic: 'Taiwan Strait', createdAt: '2024-05-01T00:00:00.000Z' });
const quotes = [{ start: 0, end: article.text.length }];

describe('the alert reply', () => {
  it('names why the article matched in one line', () => {
    const reply = alertReply(
      { subscription, article, quotes, score: 1, reason: 'the topic is in the lead, in 1 of 1 sentence' },
      'article:read:x:1',
    );
    expect(reply.text).toEqual(['New article on “Taiwan Strait”: the topic is in the lead, in 1 of 1 sentence']);
    expect(reply.quotes![0]!.text).toBe(article.text);
  });

  it('falls back to the score for a delivery recorded before reasons existed', () => {
    const reply = alertReply({ subscription, article, quotes, score: 0.84 }, 'article:read:x:1');
    expect(reply.text).toEqual(['New article on “Taiwan Strait”: match 84%']);
  });
});
