import { describe, expect, it } from 'vitest';
import { splitButtonId, type ButtonIds } from '../../src/command/buttonIds';
import { packDay } from '../../src/command/dateRange';
import { articleIds } from '../../commands/article';
import { articlesIds } from '../../commands/articles';
import { askIds } from '../../commands/ask';
import { historyIds } from '../../commands/history';
import { lookupIds } from '../../commands/lookup';
import { subscribeIds } from '../../commands/subscribe';

/** What a press reads back as from the id its command wrote. */
function roundTrip<T>(ids: ButtonIds<T>, press: T): T | undefined {
  const { command, parts } = splitButtonId(ids.encode(press));
  expect(command).toBe(ids.command);
  return ids.decode(parts);
}

const read = <T>(ids: ButtonIds<T>, id: string) => ids.decode(splitButtonId(id).parts);

describe('each command’s button ids', () => {
  it('read back what they wrote', () => {
    expect(roundTrip(articleIds, { action: 'page', articleId: '000_02b1b7e6bf94f65a', page: 3 })).toEqual({
      action: 'page',
      articleId: '000_02b1b7e6bf94f65a',
      page: 3,
    });
    expect(roundTrip(articlesIds, { page: 2, since: '2024-03-01' })).toEqual({ page: 2, since: '2024-03-01' });
    expect(roundTrip(askIds, { action: 'vote', entryId: 'ab12cd34', vote: 'down' })).toEqual({
      action: 'vote',
      entryId: 'ab12cd34',
      vote: 'down',
    });
    expect(roundTrip(historyIds, { action: 'page', perPage: 20, page: 2 })).toEqual({ action: 'page', perPage: 20, page: 2 });
    expect(roundTrip(historyIds, { action: 'confirm-clear' })).toEqual({ action: 'confirm-clear' });
    // A term may hold the separator itself; it goes last and is read whole.
    expect(roundTrip(lookupIds, { page: 2, term: 'Article 5: defence', range: { since: '2024-01-01', until: '2024-06-30' } })).toEqual({
      page: 2,
      term: 'Article 5: defence',
      range: { since: '2024-01-01', until: '2024-06-30' },
    });
    expect(roundTrip(lookupIds, { page: 1, term: 'tariffs' })).toEqual({ page: 1, term: 'tariffs' });
    expect(roundTrip(subscribeIds, { action: 'all', subscriptionId: 'Ab3_-x9Q', page: 1 })).toEqual({
      action: 'all',
      subscriptionId: 'Ab3_-x9Q',
      page: 1,
    });
    expect(roundTrip(subscribeIds, { action: 'page', subscriptionId: 'Ab3_-x9Q', page: 4 })).toEqual({
      action: 'page',
      subscriptionId: 'Ab3_-x9Q',
      page: 4,
    });
  });

  it('fit Discord’s 100 characters with the longest /lookup term (80), a range and a far page', () => {
    const term = 'x'.repeat(80);
    for (const press of [
      { page: 1_295, term, range: { since: '1970-01-01', until: '2097-09-30' } },
      { page: 999, term },
    ]) {
      expect(lookupIds.encode(press).length).toBeLessThanOrEqual(100);
      expect(roundTrip(lookupIds, press)).toEqual(press);
    }
  });

  it('still read the ids of buttons posted before the codecs existed', () => {
    expect(articleIds.encode({ action: 'read', articleId: 'a1', page: 1 })).toBe('article:read:a1:1');
    expect(read(askIds, 'ask:more:ab12cd34')).toEqual({ action: 'more', entryId: 'ab12cd34' });
    expect(read(askIds, 'ask:vote:ab12cd34:up')).toEqual({ action: 'vote', entryId: 'ab12cd34', vote: 'up' });
    expect(read(historyIds, 'history:page:10:2')).toEqual({ action: 'page', perPage: 10, page: 2 });
    expect(read(lookupIds, `lookup:dated:12:${packDay('2024-03-05')}::Taiwan`)).toEqual({
      page: 12,
      term: 'Taiwan',
      range: { since: '2024-03-05' },
    });
    expect(read(articlesIds, 'articles:page:3')).toEqual({ page: 3 });
  });

  it('read a forged id as nothing, or a damaged page as the first', () => {
    expect(read(askIds, 'ask:vote:ab12cd34:sideways')).toBeUndefined();
    expect(read(askIds, 'ask:more:')).toBeUndefined();
    expect(read(historyIds, 'history:wipe-everything')).toBeUndefined();
    expect(read(articleIds, 'article:delete:a1:1')).toBeUndefined();
    expect(read(subscribeIds, 'subscribe:delete:Ab3_-x9Q:1')).toBeUndefined();
    expect(read(subscribeIds, 'subscribe:page::2')).toBeUndefined();
    expect(read(subscribeIds, 'subscribe:page:Ab3_-x9Q:zz')).toEqual({ action: 'page', subscriptionId: 'Ab3_-x9Q', page: 1 });
    expect(read(articleIds, 'article:page:a1:zz')).toEqual({ action: 'page', articleId: 'a1', page: 1 });
    expect(read(historyIds, 'history:page:-5:1e309')).toEqual({ action: 'page', perPage: 1, page: 1 });
    expect(read(historyIds, 'history:page:500:1')).toEqual({ action: 'page', perPage: 50, page: 1 });
  });
});
