import { describe, expect, it } from 'vitest';
import { MATCHES_PER_PAGE, previewMatchesReply } from '../../src/replies/previewMatches';
import { subscribedReply } from '../../src/replies/subscriptions';
import { defaultAlertLimits, type Preview } from '../../src/alerts/alertService';
import { makeArticle } from '../../src/library/makeArticle';
import { aSubscription } from '../helpers/subscription';

const subscription = aSubscription({ id: 'sub1' });
const example = (n: number) => ({
  article: makeArticle(`a${n}`, `Troops moved in Iraq on day ${n}.`, { title: `Iraq story ${n}` }, 'test'),
  reason: 'the topic is in the headline',
  quote: { sentence: 0, score: 1, coverage: 1 },
});
const preview = (n: number, shown = n): Preview => ({
  matchingArticles: n,
  totalArticles: 40,
  examples: Array.from({ length: shown }, (_, i) => example(i + 1)),
});
const pageId = (page: number) => `subscribe:page:sub1:${page}`;

describe('the /subscribe preview’s whole list', () => {
  it('is a button on the reply when more articles match than it quotes, and only then', () => {
    const quoteOf = () => 'Troops moved.';
    const many = subscribedReply(
      { subscription, resumed: false, preview: preview(11, 3) },
      null,
      defaultAlertLimits,
      quoteOf,
      'subscribe:all:sub1:1',
    );
    expect(many.buttons).toEqual([{ id: 'subscribe:all:sub1:1', label: 'All 11 matches' }]);
    const few = subscribedReply(
      { subscription, resumed: false, preview: preview(3, 3) },
      null,
      defaultAlertLimits,
      quoteOf,
      'subscribe:all:sub1:1',
    );
    expect(few.buttons).toBeUndefined();
  });

  it('lists every match by page, numbered across pages, with buttons to the pages around it', () => {
    const all = preview(MATCHES_PER_PAGE + 3);
    const first = previewMatchesReply(subscription, all, 1, pageId);
    expect(first.items).toHaveLength(MATCHES_PER_PAGE);
    expect(String(first.items![0])).toMatch(/^1\. Iraq story 1 — .* · the topic is in the headline$/);
    expect(first.footer).toMatch(/^Page 1 of 2 · strictness 70%/);
    expect(first.buttons).toEqual([{ id: pageId(2), label: 'Next' }]);
    expect(first.title).toContain(`${MATCHES_PER_PAGE + 3} of the 40 articles`);

    const second = previewMatchesReply(subscription, all, 2, pageId);
    expect(second.items).toHaveLength(3);
    expect(String(second.items![0])).toMatch(new RegExp(`^${MATCHES_PER_PAGE + 1}\\. Iraq story ${MATCHES_PER_PAGE + 1} `));
    expect(second.buttons).toEqual([{ id: pageId(1), label: 'Previous' }]);
    // A page past the end (the library shrank since the button was made) shows the last one.
    // A forged or stale page past the end says so, rather than showing the last page as if it were the one asked for.
    expect(previewMatchesReply(subscription, all, 9, pageId).footer).toMatch(/^There is no page 9: page 2 of 2/);
  });

  it('says so when nothing matches any more', () => {
    const reply = previewMatchesReply(subscription, preview(0), 1, pageId);
    expect(reply.items).toBeUndefined();
    expect(reply.text![0]).toContain('No article in the library matches “Iraq” now');
  });
});
