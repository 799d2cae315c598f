import { describe, expect, it } from 'vitest';
import { advance, afterFailure, enqueue, limitReached, nextDeliveries, plannedPosts } from '../../src/alerts/outbox';
import type { AlertFile, Delivery, Subscription } from '../../src/alerts/types';
import { aSubscription } from '../helpers/subscription';

const policy = { retryBaseMs: 30_000, maxAttempts: 5 };
const T = Date.parse('2026-03-02T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3_600_000;

function row(key: string, fields: Partial<Delivery> = {}): Delivery {
  return {
    key,
    subscriptionId: 's1',
    channelId: 'c1',
    articleId: key,
    nonce: `n-${key}`,
    status: 'pending',
    score: 0.9,
    quotes: [],
    createdAt: iso(T - HOUR),
    attempts: 0,
    nextAttemptAt: iso(T - HOUR),
    ...fields,
  };
}

function subscription(id: string, fields: Partial<Subscription> = {}): Subscription {
  return aSubscription({ id, channelId: 'c1', topic: id, createdAt: iso(T - 24 * HOUR), ...fields });
}

describe('afterFailure: retry, back off, give up', () => {
  it('doubles the wait from retryBaseMs per attempt, up to an hour', () => {
    expect([0, 1, 2, 3].map((before) => afterFailure(before, { retryBaseMs: 30_000, maxAttempts: 99 }).delayMs)).toEqual([
      30_000, 60_000, 120_000, 240_000,
    ]);
    expect(afterFailure(10, { retryBaseMs: 30_000, maxAttempts: 99 }).delayMs).toBe(HOUR);
  });

  it('gives up on the attempt that reaches maxAttempts, not before', () => {
    expect(afterFailure(3, policy)).toMatchObject({ attempts: 4, giveUp: false });
    expect(afterFailure(4, policy)).toMatchObject({ attempts: 5, giveUp: true });
  });
});

describe('nextDeliveries: the next state of a row from (row, outcome, time)', () => {
  it('a failure that may pass: one more attempt, the next one after the backoff, with the reason', () => {
    const [next] = nextDeliveries([row('a', { attempts: 2 })], { kind: 'failed', reason: 'HTTP 503' }, T, policy);
    expect(next).toMatchObject({ status: 'pending', attempts: 3, nextAttemptAt: iso(T + 120_000), note: 'retrying: HTTP 503' });
  });

  it('the last allowed failure: failed for good, saying after how many attempts', () => {
    const [next] = nextDeliveries([row('a', { attempts: 4 })], { kind: 'failed', reason: 'HTTP 503' }, T, policy);
    expect(next).toMatchObject({ status: 'failed', attempts: 5, note: 'gave up after 5 attempts: HTTP 503' });
    expect(next!.nextAttemptAt).toBe(iso(T - HOUR));
  });

  it('the rows of one burst digest share one count: the most any of them had', () => {
    const next = nextDeliveries([row('a', { attempts: 1 }), row('b', { attempts: 3 })], { kind: 'failed', reason: 'timeout' }, T, policy);
    expect(next.map((d) => [d.key, d.attempts, d.nextAttemptAt])).toEqual([
      ['a', 4, iso(T + 240_000)],
      ['b', 4, iso(T + 240_000)],
    ]);
  });

  it('refused for good (channel gone): failed at once, whatever the attempts, with the reason', () => {
    const [next] = nextDeliveries([row('a')], { kind: 'refused', reason: 'Missing Access' }, T, policy);
    expect(next).toMatchObject({ status: 'failed', attempts: 0, note: 'Missing Access' });
  });

  it('over a channel limit: still pending, tried when the window frees, with why it waits', () => {
    const [next] = nextDeliveries(
      [row('a')],
      { kind: 'limited', until: T + 600_000, note: 'waiting for the hourly alert limit (10) of this channel' },
      T,
      policy,
    );
    expect(next).toMatchObject({
      status: 'pending',
      attempts: 0,
      nextAttemptAt: iso(T + 600_000),
      note: 'waiting for the hourly alert limit (10) of this channel',
    });
  });

  it('sent: the time, the message, the thread opened on it; a burst digest marks each row with its nonce', () => {
    const [one] = nextDeliveries(
      [row('a', { note: 'retrying: HTTP 503', attempts: 1 })],
      { kind: 'sent', messageId: 'm1', threadId: 't1' },
      T,
      policy,
    );
    expect(one).toMatchObject({ status: 'sent', sentAt: iso(T), messageId: 'm1', threadId: 't1', attempts: 1 });
    expect(one!.note).toBeUndefined();
    expect(one!.digest).toBeUndefined();
    const both = nextDeliveries(
      [row('a'), row('b')],
      { kind: 'sent', messageId: 'm2', digest: 'n-a', note: 'in a digest of 2 alerts' },
      T,
      policy,
    );
    expect(both.map((d) => [d.status, d.messageId, d.digest, d.note])).toEqual([
      ['sent', 'm2', 'n-a', 'in a digest of 2 alerts'],
      ['sent', 'm2', 'n-a', 'in a digest of 2 alerts'],
    ]);
  });

  it('skipped and released: a removed subscription ends a row; a digest no longer wanted sends its match now', () => {
    expect(nextDeliveries([row('a')], { kind: 'skipped', note: 'unsubscribed' }, T, policy)[0]).toMatchObject({
      status: 'skipped',
      note: 'unsubscribed',
    });
    expect(
      nextDeliveries([row('a', { status: 'collected', nextAttemptAt: iso(T - 5 * HOUR) })], { kind: 'released' }, T, policy)[0],
    ).toMatchObject({ status: 'pending', nextAttemptAt: iso(T) });
  });

  it('never changes the rows it is given', () => {
    const before = row('a', { attempts: 1 });
    const copy = structuredClone(before);
    nextDeliveries([before], { kind: 'failed', reason: 'x' }, T, policy);
    nextDeliveries([before], { kind: 'sent', messageId: 'm' }, T, policy);
    expect(before).toEqual(copy);
  });
});

describe('advance: rows moved on in a draft of the file', () => {
  it('applies the outcome to each row as the file holds it now, found by key, and refuses a row no longer there', () => {
    // Read before the post: pending. Unsubscribed while the post was in flight: skipped, which a limit must not undo.
    const read = row('a');
    const data: AlertFile = {
      version: 1,
      subscriptions: [],
      deliveries: [row('a', { status: 'skipped', note: 'unsubscribed' }), row('b')],
    };
    advance(data, [read], { kind: 'limited', until: T + HOUR, note: 'waiting' }, T, policy);
    expect(data.deliveries.map((d) => [d.key, d.status, d.nextAttemptAt])).toEqual([
      ['a', 'skipped', iso(T + HOUR)],
      ['b', 'pending', iso(T - HOUR)],
    ]);
    expect(advance(data, [row('b')], { kind: 'sent', messageId: 'm' }, T, policy)).toMatchObject([{ key: 'b', status: 'sent' }]);
    expect(data.deliveries[1]).toMatchObject({ status: 'sent', messageId: 'm' });
    expect(() => advance(data, [row('gone')], { kind: 'failed', reason: 'x' }, T, policy)).toThrow(/no longer in the file/);
  });
});

describe('limitReached: the hourly and daily limits of a channel', () => {
  const sentAt = (key: string, ms: number, fields: Partial<Delivery> = {}) => row(key, { status: 'sent', sentAt: iso(ms), ...fields });

  it('frees when the oldest post in the window leaves it', () => {
    const data: AlertFile = { version: 1, subscriptions: [], deliveries: [sentAt('a', T - 50 * 60_000), sentAt('b', T - 10 * 60_000)] };
    expect(limitReached(data, 'c1', T, { perHour: 3, perDay: 50 })).toBeNull();
    expect(limitReached(data, 'c1', T, { perHour: 2, perDay: 50 })).toEqual({
      frees: T + 10 * 60_000,
      note: 'waiting for the hourly alert limit (2) of this channel',
    });
  });

  it('counts a burst digest as one post, and only the channel asked about', () => {
    const data: AlertFile = {
      version: 1,
      subscriptions: [],
      deliveries: [
        sentAt('a', T - 60_000, { digest: 'n1' }),
        sentAt('b', T - 60_000, { digest: 'n1' }),
        sentAt('c', T - 60_000, { channelId: 'other' }),
      ],
    };
    expect(limitReached(data, 'c1', T, { perHour: 2, perDay: 50 })).toBeNull();
    expect(limitReached(data, 'c1', T, { perHour: 1, perDay: 50 })).not.toBeNull();
  });

  it('the daily limit holds when the hourly one does not', () => {
    const data: AlertFile = { version: 1, subscriptions: [], deliveries: [sentAt('a', T - 5 * HOUR), sentAt('b', T - 3 * HOUR)] };
    expect(limitReached(data, 'c1', T, { perHour: 10, perDay: 2 })).toEqual({
      frees: T - 5 * HOUR + 24 * HOUR,
      note: 'waiting for the daily alert limit (2) of this channel',
    });
  });
});

describe('enqueue: one row per (subscription, article), ever', () => {
  const match = (subscriptionId: string, articleId: string) => ({
    subscriptionId,
    articleId,
    score: 0.8,
    reason: 'the topic is in the headline',
    quotes: [{ articleId, start: 0, end: 10 }],
  });

  it('adds a pending row for an instant subscription and a collected one for a digest subscription, none twice', () => {
    const data: AlertFile = {
      version: 1,
      subscriptions: [subscription('now'), subscription('daily', { mode: 'daily', channelId: 'c2' })],
      deliveries: [],
    };
    expect(enqueue(data, [match('now', 'x'), match('daily', 'x'), match('now', 'x')], T)).toBe(2);
    expect(data.deliveries.map((d) => [d.key, d.status, d.channelId, d.createdAt, d.attempts])).toEqual([
      ['now:x', 'pending', 'c1', iso(T), 0],
      ['daily:x', 'collected', 'c2', iso(T), 0],
    ]);
    expect(enqueue(data, [match('now', 'x')], T + 1000)).toBe(0);
    expect(new Set(data.deliveries.map((d) => d.nonce)).size).toBe(2);
  });

  it('skips a paused or removed subscription', () => {
    const data: AlertFile = {
      version: 1,
      subscriptions: [subscription('p', { paused: { reason: 'Missing Access', at: iso(T) } })],
      deliveries: [],
    };
    expect(enqueue(data, [match('p', 'x'), match('gone', 'x')], T)).toBe(0);
    expect(data.deliveries).toEqual([]);
  });

  it('forgets finished rows after 180 days, never waiting ones', () => {
    const old = T - 181 * 24 * HOUR;
    const data: AlertFile = {
      version: 1,
      subscriptions: [subscription('s1')],
      deliveries: [
        row('sent-old', { status: 'sent', createdAt: iso(old) }),
        row('waiting-old', { createdAt: iso(old) }),
        row('sent-new', { status: 'sent', createdAt: iso(T - HOUR) }),
      ],
    };
    enqueue(data, [], T);
    expect(data.deliveries.map((d) => d.key)).toEqual(['waiting-old', 'sent-new']);
  });

  it('keeps the quotes’ texts of waiting rows, and drops them from finished ones (never posted again)', () => {
    const quotes = [{ articleId: 'x', start: 0, end: 5, text: 'Hello' }];
    const data: AlertFile = {
      version: 1,
      subscriptions: [subscription('s1')],
      deliveries: [row('sent', { status: 'sent', quotes }), row('waiting', { quotes }), row('collected', { status: 'collected', quotes })],
    };
    enqueue(data, [], T);
    expect(data.deliveries.map((d) => [d.key, d.quotes])).toEqual([
      ['sent', [{ articleId: 'x', start: 0, end: 5 }]],
      ['waiting', quotes],
      ['collected', quotes],
    ]);
  });
});

describe('plannedPosts: a channel’s due rows as posts, a retry always the post first tried', () => {
  const fresh = (key: string, minute: number) => row(key, { createdAt: iso(T + minute * 60_000) });
  const shape = (posts: ReturnType<typeof plannedPosts>) => posts.map((p) => [p.rows.map((r) => r.key), p.burst, p.recorded]);

  it('up to DIGEST_AFTER (3) new rows: one post each, with the row’s own nonce', () => {
    const posts = plannedPosts([fresh('a', 1), fresh('b', 2), fresh('c', 3)]);
    expect(shape(posts)).toEqual([
      [['a'], false, false],
      [['b'], false, false],
      [['c'], false, false],
    ]);
    expect(posts.map((p) => p.nonce)).toEqual(['n-a', 'n-b', 'n-c']);
  });

  it('more new rows: one burst digest with a nonce of its own, none of its rows’', () => {
    const [post, ...rest] = plannedPosts(['a', 'b', 'c', 'd'].map((key, i) => fresh(key, i)));
    expect(rest).toEqual([]);
    expect([post!.rows.length, post!.burst, post!.recorded]).toEqual([4, true, false]);
    expect(['n-a', 'n-b', 'n-c', 'n-d']).not.toContain(post!.nonce);
    expect(post!.nonce).toHaveLength(16);
  });

  it('a row tried alone is tried alone again, and never counts toward a burst of the new rows', () => {
    const tried = row('a', { postNonce: 'n-a', attempts: 1, createdAt: iso(T) });
    const posts = plannedPosts([tried, fresh('b', 1), fresh('c', 2), fresh('d', 3)]);
    expect(shape(posts)).toEqual([
      [['a'], false, true],
      [['b'], false, false],
      [['c'], false, false],
      [['d'], false, false],
    ]);
    expect(posts[0]!.nonce).toBe('n-a');
  });

  it('a burst tried before is tried again as its rows with its nonce, even one row, apart from new rows', () => {
    const burst = (key: string) => row(key, { postNonce: 'burst-1', attempts: 2, createdAt: iso(T) });
    const posts = plannedPosts([burst('b'), fresh('e', 1), fresh('f', 2), fresh('g', 3), fresh('h', 4)]);
    expect(shape(posts)).toEqual([
      [['b'], true, true],
      [['e', 'f', 'g', 'h'], true, false],
    ]);
    expect(posts[0]!.nonce).toBe('burst-1');
  });

  it('a row tried before postNonce was recorded is tried alone with its own nonce', () => {
    const posts = plannedPosts([row('a', { attempts: 1, createdAt: iso(T) }), ...['b', 'c', 'd', 'e'].map((key, i) => fresh(key, i + 1))]);
    expect(shape(posts)).toEqual([
      [['a'], false, true],
      [['b', 'c', 'd', 'e'], true, false],
    ]);
    expect(posts[0]!.nonce).toBe('n-a');
  });

  it('rows of a burst digest that failed before postNonce was recorded are retried together under its oldest row’s nonce', () => {
    const failed = { attempts: 1, nextAttemptAt: iso(T), note: 'retrying: Discord did not answer in time' };
    const old = ['a', 'b', 'c', 'd'].map((key, i) => row(key, { ...failed, createdAt: iso(T - HOUR + i) }));
    // A row tried alone before, failing at another time, stays alone.
    const alone = row('z', { attempts: 1, nextAttemptAt: iso(T - 5_000), note: failed.note, createdAt: iso(T - 2 * HOUR) });
    const posts = plannedPosts([alone, ...old, fresh('e', 1)]);
    expect(shape(posts)).toEqual([
      [['z'], false, true],
      [['a', 'b', 'c', 'd'], true, true],
      [['e'], false, false],
    ]);
    expect(posts.map((p) => p.nonce)).toEqual(['n-z', 'n-a', 'n-e']);
  });

  it('rows tried alone before postNonce, then held by the limit until one time, stay apart', () => {
    const held = { attempts: 1, nextAttemptAt: iso(T), note: 'waiting for the hourly alert limit (5) of this channel' };
    const posts = plannedPosts(['a', 'b'].map((key, i) => row(key, { ...held, createdAt: iso(T - HOUR + i) })));
    expect(shape(posts)).toEqual([
      [['a'], false, true],
      [['b'], false, true],
    ]);
  });

  it('limited: a post recorded in this run but never tried lets go of its nonce; one tried before keeps it', () => {
    const recorded = row('a', { postNonce: 'burst-1' });
    const until = T + HOUR;
    const [untried] = nextDeliveries([recorded], { kind: 'limited', until, note: 'waiting', untried: true }, T, policy);
    const [tried] = nextDeliveries([recorded], { kind: 'limited', until, note: 'waiting' }, T, policy);
    expect(untried).toEqual({ ...row('a'), nextAttemptAt: iso(until), note: 'waiting' });
    expect(tried!.postNonce).toBe('burst-1');
  });

  it('posting: records the nonce on the rows, changing nothing else', () => {
    const [next] = nextDeliveries([row('a')], { kind: 'posting', nonce: 'burst-1' }, T, policy);
    expect(next).toEqual({ ...row('a'), postNonce: 'burst-1' });
  });
});
