import { describe, expect, it } from 'vitest';
import { FeedError } from '../../src/feeds/feedError';
import { applyPoll, delayAfter } from '../../src/feeds/feedSchedule';
import { seenHash } from '../../src/feeds/itemArticle';
import type { StoredFeed } from '../../src/feeds/state';
import { makeArticle } from '../../src/library/makeArticle';
import { storedFeed } from './helpers';

const MINUTE = 60_000;
const at = new Date('2026-03-02T10:00:00.000Z');
const later = (ms: number) => new Date(at.getTime() + ms).toISOString();

const feed = (fields: Partial<StoredFeed> = {}): StoredFeed =>
  storedFeed(at.toISOString(), { title: 'Old title', itemsSeen: 1, seen: [seenHash('old')], ...fields });
const entry = (key: string, index: number) => ({ item: { title: key } as never, key, hash: seenHash(key), index });
const item = (key: string) => ({
  article: makeArticle(key, 'Some text.', { title: key }, 'test'),
  owner: 'g',
  feedUrl: 'https://example.org/feed',
  itemKey: key,
});

describe('delayAfter: when a failing feed is fetched next', () => {
  it('doubles the interval per error in a row, capped at 24 intervals or 6 hours', () => {
    expect([0, 1, 2, 3].map((errors) => delayAfter(errors, null, 15 * MINUTE))).toEqual([
      15 * MINUTE,
      30 * MINUTE,
      60 * MINUTE,
      120 * MINUTE,
    ]);
    expect(delayAfter(10, null, 15 * MINUTE)).toBe(6 * 60 * MINUTE);
    expect(delayAfter(10, null, MINUTE)).toBe(24 * MINUTE);
  });

  it('waits at least what Retry-After asks, within the cap', () => {
    expect(delayAfter(1, 3600, 15 * MINUTE)).toBe(60 * MINUTE);
    expect(delayAfter(1, 10 * 3600, 15 * MINUTE)).toBe(6 * 60 * MINUTE);
    expect(delayAfter(3, 60, 15 * MINUTE)).toBe(120 * MINUTE);
  });
});

describe('applyPoll: what a poll leaves in the feed record', () => {
  it('an error counts, says why and backs off; nothing is handed on', () => {
    const record = feed({ consecutiveErrors: 1 });
    const result = applyPoll(
      record,
      {
        id: 'f1',
        url: record.url,
        outcome: { kind: 'error', error: new FeedError('http_status', 'The site answered 503.') },
        fresh: [],
        at,
      },
      15 * MINUTE,
      100,
    );
    expect(result).toEqual({ emitted: [], recoveredAfter: 0 });
    expect(record).toMatchObject({
      consecutiveErrors: 2,
      lastError: 'The site answered 503.',
      lastFetchAt: at.toISOString(),
      nextFetchAt: later(60 * MINUTE),
      lastOk: null,
    });
  });

  it('a document: hands on only the items not seen before, records every key seen, takes the title and validators, and ends a run of errors', () => {
    const record = feed({ consecutiveErrors: 3, lastError: 'timeout' });
    const outcome = {
      kind: 'ok' as const,
      title: 'New title',
      entries: [entry('old', 0), entry('new', 1)],
      etag: '"v2"',
      lastModified: null,
    };
    const result = applyPoll(record, { id: 'f1', url: record.url, outcome, fresh: [item('old'), item('new')], at }, 15 * MINUTE, 100);
    expect(result.emitted.map((i) => i.itemKey)).toEqual(['new']);
    expect(result.recoveredAfter).toBe(3);
    expect(record).toMatchObject({
      consecutiveErrors: 0,
      lastError: null,
      lastOk: at.toISOString(),
      nextFetchAt: later(15 * MINUTE),
      title: 'New title',
      etag: '"v2"',
      itemsSeen: 2,
      seen: [seenHash('old'), seenHash('new')],
    });
  });

  it('not modified: a success that changes neither the items nor the validators', () => {
    const record = feed({ etag: '"v1"' });
    expect(applyPoll(record, { id: 'f1', url: record.url, outcome: { kind: 'not-modified' }, fresh: [], at }, 15 * MINUTE, 100)).toEqual({
      emitted: [],
      recoveredAfter: 0,
    });
    expect(record).toMatchObject({ etag: '"v1"', itemsSeen: 1, lastOk: at.toISOString(), nextFetchAt: later(15 * MINUTE) });
  });
});
