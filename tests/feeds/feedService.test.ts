import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedError } from '../../src/feeds';
import type { FeedArticle } from '../../src/feeds';
import { mergeSeen } from '../../src/feeds/feedService';
import { loadArticles } from '../../src/library/loadArticles';
import { silentLogger } from '../../src/log';
import { BY, OWNER, Clock, MINUTE, atom, capturingLogger, openFeeds, rss, serve, story, tempDir } from './helpers';
import type { Item, TestServer } from './helpers';

interface FeedHost {
  server: TestServer;
  url: string;
  body: string;
  status: number;
  etag: string | null;
  lastModified: string | null;
  contentType: string;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A feed on 127.0.0.1 that honours If-None-Match / If-Modified-Since like a real server. */
async function feedHost(body: string): Promise<FeedHost> {
  const host = { body, status: 200, etag: null, lastModified: null, contentType: 'application/rss+xml; charset=utf-8' } as FeedHost;
  host.server = await serve((req, res) => {
    if (host.status !== 200) {
      res.writeHead(host.status, { 'content-type': 'text/plain' });
      res.end('something broke');
      return;
    }
    const matches =
      (host.etag && req.headers['if-none-match'] === host.etag) ||
      (!host.etag && host.lastModified && req.headers['if-modified-since'] === host.lastModified);
    if (matches) {
      res.writeHead(304);
      res.end();
      return;
    }
    res.writeHead(200, {
      'content-type': host.contentType,
      ...(host.etag ? { etag: host.etag } : {}),
      ...(host.lastModified ? { 'last-modified': host.lastModified } : {}),
    });
    res.end(host.body);
  });
  host.url = `${host.server.base}/feed.xml`;
  cleanups.push(() => host.server.close());
  return host;
}

async function service(dataDir = tempDir(), clock = new Clock(), overrides = {}) {
  const feeds = await openFeeds(dataDir, { now: clock.now, ...overrides });
  cleanups.push(() => feeds.stop());
  return { feeds, clock, dataDir };
}

const ids = (items: FeedArticle[]) => items.map((item) => item.itemKey);

describe('FeedService: new items', () => {
  it('records the first fetch without emitting, then emits a new item once, and nothing for a re-sent or re-ordered item', async () => {
    const host = await feedHost(rss('Trade Wire', [story(2), story(1)]));
    const { feeds, clock, dataDir } = await service();
    const added = await feeds.add(host.url, BY, OWNER);
    expect(added.itemsSeen).toBe(2);
    expect(added.feed).toMatchObject({
      url: host.url,
      title: 'Trade Wire',
      addedBy: BY,
      itemsSeen: 2,
      lastError: null,
      consecutiveErrors: 0,
    });
    expect(await feeds.pollDue()).toEqual([]); // not due yet: nothing fetched
    expect(host.server.requests).toHaveLength(1);
    expect(readdirSync(join(dataDir, 'feed-articles'))).toEqual([]); // no backfill

    clock.advance(15 * MINUTE);
    expect(await feeds.pollDue()).toEqual([]); // due, same items: nothing new
    expect(host.server.requests).toHaveLength(2);

    host.body = rss('Trade Wire', [story(4), story(3), story(2), story(1)]);
    clock.advance(15 * MINUTE);
    const fresh = await feeds.pollDue();
    expect(ids(fresh)).toEqual(['story-3', 'story-4']); // oldest first
    const [first] = fresh;
    expect(first!.feedUrl).toBe(host.url);
    expect(first!.article).toMatchObject({
      title: 'Story number 3 about the trade talks',
      date: '2024-03-13',
      source: 'Trade Wire',
      url: 'https://news.example.org/stories/3',
      origin: host.url,
    });
    expect(first!.article.id).toMatch(/^feed-127-0-0-1-[0-9a-f]{12}$/);
    expect(feeds.list(OWNER)[0]!.itemsSeen).toBe(4);

    // Re-sent and re-ordered: the same items in a new order, one dropped and coming back later.
    host.body = rss('Trade Wire', [story(1), story(3), story(4)]);
    clock.advance(15 * MINUTE);
    expect(await feeds.pollDue()).toEqual([]);
    host.body = rss('Trade Wire', [story(2), story(4), story(3), story(1), story(4)]);
    clock.advance(15 * MINUTE);
    expect(await feeds.pollDue()).toEqual([]);
    expect(feeds.list(OWNER)[0]!.itemsSeen).toBe(4);
  });

  it('identifies items by guid, else link, else title and date', async () => {
    const noGuid = (n: number): Item => ({ ...story(n), guid: undefined });
    const bare = (n: number): Item => ({
      title: `Bare item ${n} with enough words`,
      date: `2024-04-0${n}T00:00:00Z`,
      description: `<p>Bare item ${n} has some text in it.</p>`,
    });
    const host = await feedHost(rss('Wire', [noGuid(1), bare(1)]));
    const { feeds, clock } = await service();
    await feeds.add(host.url, BY, OWNER);
    host.body = rss('Wire', [bare(2), noGuid(2), bare(1), noGuid(1)]);
    clock.advance(15 * MINUTE);
    const fresh = await feeds.pollDue();
    const keys = fresh.map((item) => item.itemKey);
    expect(keys).toHaveLength(2);
    expect(keys).toContain('https://news.example.org/stories/2');
    expect(keys.find((key) => key.startsWith('sha1:'))).toMatch(/^sha1:[0-9a-f]{40}$/);
    clock.advance(15 * MINUTE);
    expect(await feeds.pollDue()).toEqual([]);
  });

  it('reads Atom, reduces HTML content to text with paragraphs and no link or image clutter', async () => {
    const entry = (n: number): Item => ({
      guid: `urn:entry:${n}`,
      title: `Atom entry ${n} &amp; friends`,
      link: `https://atom.example.org/${n}`,
      date: `2024-05-0${n}T08:00:00Z`,
      content: `<h2>Summit opens</h2><p>Leaders <a href="https://x.example/track">met in Hiroshima</a> on Friday.<img src="https://x.example/pixel.gif" alt="tracking pixel"></p><p>They issued a joint statement.<br>It covered trade.</p><script>alert(1)</script>`,
    });
    const host = await feedHost(atom('Atom Desk', [entry(1)]));
    host.contentType = 'application/atom+xml';
    const { feeds, clock } = await service();
    await feeds.add(host.url, BY, OWNER);
    host.body = atom('Atom Desk', [entry(2), entry(1)]);
    clock.advance(15 * MINUTE);
    const [item] = await feeds.pollDue();
    expect(item!.itemKey).toBe('urn:entry:2');
    const { article } = item!;
    expect(article.text).toBe('Summit opens\n\nLeaders met in Hiroshima on Friday.\n\nThey issued a joint statement.\nIt covered trade.');
    expect(article).toMatchObject({
      title: 'Atom entry 2 & friends',
      date: '2024-05-02',
      source: 'Atom Desk',
      url: 'https://atom.example.org/2',
    });
    const sentences = article.sentences.map((span) => article.text.slice(span.start, span.end));
    expect(sentences).toContain('Leaders met in Hiroshima on Friday.');
    expect(sentences.some((sentence) => sentence.includes('Summit opens') && sentence.includes('Leaders'))).toBe(false);
  });

  it('keeps the paragraphs of a plain-text summary', async () => {
    const host = await feedHost(rss('Wire', []));
    const { feeds, clock } = await service();
    await feeds.add(host.url, BY, OWNER);
    host.body = rss('Wire', [
      { guid: 'p', title: 'Plain summary item here', description: 'First paragraph ends here.\n\nSecond paragraph starts here.' },
    ]);
    clock.advance(15 * MINUTE);
    const [item] = await feeds.pollDue();
    expect(item!.article.text).toBe('First paragraph ends here.\n\nSecond paragraph starts here.');
    expect(item!.article.sentences).toHaveLength(2);
  });

  it('makes an article from a title of 4 words or more when there is no text, skips shorter ones with a log line', async () => {
    const { log, lines } = capturingLogger();
    const host = await feedHost(rss('Wire', []));
    const { feeds, clock } = await service(tempDir(), new Clock(), { log });
    await feeds.add(host.url, BY, OWNER);
    host.body = rss('Wire', [
      { guid: 'long', title: 'Parliament passes the climate bill', link: 'https://w.example/long' },
      { guid: 'short', title: 'Breaking news', link: 'https://w.example/short' },
    ]);
    clock.advance(15 * MINUTE);
    const fresh = await feeds.pollDue();
    expect(fresh.map((item) => [item.itemKey, item.article.text, item.article.date])).toEqual([
      ['long', 'Parliament passes the climate bill', null],
    ]);
    expect(lines.filter((line) => line.event === 'feed_item_skipped')).toEqual([
      expect.objectContaining({ itemKey: 'short', reason: expect.stringContaining('fewer than 4 words') }),
    ]);
    clock.advance(15 * MINUTE);
    expect(await feeds.pollDue()).toEqual([]); // the skipped item is seen too: not logged again
    expect(lines.filter((line) => line.event === 'feed_item_skipped')).toHaveLength(1);
  });
});

describe('FeedService: conditional requests, errors and backoff', () => {
  it('sends If-None-Match and If-Modified-Since; a 304 is a success with nothing new', async () => {
    const host = await feedHost(rss('Wire', [story(1)]));
    host.etag = '"v1"';
    host.lastModified = 'Mon, 01 Jan 2024 00:00:00 GMT';
    const { feeds, clock } = await service();
    await feeds.add(host.url, BY, OWNER);
    expect(host.server.requests[0]!.headers['if-none-match']).toBeUndefined();
    clock.advance(15 * MINUTE);
    expect(await feeds.pollDue()).toEqual([]);
    expect(host.server.requests[1]!.headers).toMatchObject({
      'if-none-match': '"v1"',
      'if-modified-since': 'Mon, 01 Jan 2024 00:00:00 GMT',
    });
    expect(feeds.list(OWNER)[0]).toMatchObject({
      lastOk: clock.now().toISOString(),
      lastError: null,
      consecutiveErrors: 0,
      nextFetchAt: new Date(clock.time + 15 * MINUTE).toISOString(),
    });

    // Only Last-Modified known: If-Modified-Since alone, and the server's 304 on it.
    host.etag = null;
    host.lastModified = 'Tue, 02 Jan 2024 00:00:00 GMT';
    host.body = rss('Wire', [story(2), story(1)]);
    clock.advance(15 * MINUTE);
    expect(ids(await feeds.pollDue())).toEqual(['story-2']);
    clock.advance(15 * MINUTE);
    expect(await feeds.pollDue()).toEqual([]);
    const last = host.server.requests.at(-1)!.headers;
    expect(last['if-none-match']).toBeUndefined();
    expect(last['if-modified-since']).toBe('Tue, 02 Jan 2024 00:00:00 GMT');
  });

  it('records a 500 as lastError, doubles the interval per error, and recovers', async () => {
    const host = await feedHost(rss('Wire', [story(1)]));
    const { log, lines } = capturingLogger();
    const { feeds, clock } = await service(tempDir(), new Clock(), { log });
    await feeds.add(host.url, BY, OWNER);
    host.status = 500;
    clock.advance(15 * MINUTE);
    expect(await feeds.pollDue()).toEqual([]);
    expect(feeds.list(OWNER)[0]).toMatchObject({
      consecutiveErrors: 1,
      lastError: expect.stringContaining('HTTP 500'),
      nextFetchAt: new Date(clock.time + 30 * MINUTE).toISOString(),
    });
    expect(lines.some((line) => line.event === 'feed_poll_failed' && line.code === 'http_status')).toBe(true);
    expect(feeds.list(OWNER)[0]!.lastError).toBe('The site had a server error (HTTP 500); it will be tried again later.');
    clock.advance(30 * MINUTE);
    await feeds.pollDue();
    expect(feeds.list(OWNER)[0]).toMatchObject({ consecutiveErrors: 2, nextFetchAt: new Date(clock.time + 60 * MINUTE).toISOString() });
    clock.advance(30 * MINUTE); // not due yet
    await feeds.pollDue();
    expect(host.server.requests).toHaveLength(3);
    for (let i = 0; i < 6; i++) {
      clock.advance(6 * 60 * MINUTE);
      await feeds.pollDue();
    }
    // capped at 6 h (24 × 15 min)
    expect(feeds.list(OWNER)[0]).toMatchObject({ consecutiveErrors: 8, nextFetchAt: new Date(clock.time + 6 * 60 * MINUTE).toISOString() });

    host.status = 200;
    host.body = rss('Wire', [story(2), story(1)]);
    clock.advance(6 * 60 * MINUTE);
    expect(ids(await feeds.pollDue())).toEqual(['story-2']);
    expect(feeds.list(OWNER)[0]).toMatchObject({
      consecutiveErrors: 0,
      lastError: null,
      lastOk: clock.now().toISOString(),
      nextFetchAt: new Date(clock.time + 15 * MINUTE).toISOString(),
    });
    expect(lines.filter((line) => line.event === 'feed_recovered')).toEqual([expect.objectContaining({ afterErrors: 8 })]);
  });

  it('a feed that turns into broken XML or an HTML page is an error on that feed, not a crash', async () => {
    const host = await feedHost(rss('Wire', [story(1)]));
    const { feeds, clock } = await service();
    await feeds.add(host.url, BY, OWNER);
    host.body = rss('Wire', [story(2), story(1)]).slice(0, -40);
    clock.advance(15 * MINUTE);
    expect(await feeds.pollDue()).toEqual([]);
    expect(feeds.list(OWNER)[0]!.lastError).toMatch(/XML is broken .*cut off/);
    host.body = '<!DOCTYPE html><html><body><p>Maintenance</p></body></html>';
    clock.advance(30 * MINUTE);
    expect(await feeds.pollDue()).toEqual([]);
    expect(feeds.list(OWNER)[0]).toMatchObject({ consecutiveErrors: 2, lastError: expect.stringContaining('web page') });
    host.body = rss('Wire', [story(2), story(1)]);
    clock.advance(60 * MINUTE);
    expect(ids(await feeds.pollDue())).toEqual(['story-2']);
  });
});

describe('FeedService: add refuses what is not a feed, politely', () => {
  it('HTML page (naming the feed it advertises), malformed XML, XML that is not a feed, 404, duplicates', async () => {
    const pages: Record<string, [number, string]> = {
      '/page': [
        200,
        '<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/real.xml"></head><body>Hi</body></html>',
      ],
      '/plain-page': [200, '<html><body>Hi</body></html>'],
      '/broken': [200, '<rss version="2.0"><channel><title>x</title><item><title>a</item></channel></rss>'],
      '/svg': [200, '<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'],
      '/json': [200, '{"version":"https://jsonfeed.org/version/1.1"}'],
      '/empty': [200, ''],
      '/gone': [404, 'not here'],
      '/ok': [200, rss('Fine', [story(1)])],
    };
    const server = await serve((req, res) => {
      const [status, body] = pages[req.url ?? ''] ?? [404, ''];
      res.writeHead(status, { 'content-type': 'text/html' });
      res.end(body);
    });
    cleanups.push(() => server.close());
    const { feeds } = await service();
    const refusal = (path: string) =>
      feeds.add(server.base + path, BY, OWNER).then(
        () => null,
        (error: unknown) => error as FeedError,
      );
    expect(await refusal('/page')).toMatchObject({
      code: 'not_a_feed',
      message: `That address is a web page, not an RSS or Atom feed. The page names a feed at ${server.base}/real.xml: try adding that address.`,
    });
    expect(await refusal('/plain-page')).toMatchObject({ code: 'not_a_feed', message: expect.stringContaining('web page') });
    expect(await refusal('/broken')).toMatchObject({ code: 'malformed', message: expect.stringContaining('</item> closes <title>') });
    expect(await refusal('/svg')).toMatchObject({ code: 'not_a_feed', message: 'That address returned XML, but not an RSS or Atom feed.' });
    expect(await refusal('/json')).toMatchObject({ code: 'not_a_feed', message: expect.stringContaining('JSON') });
    expect(await refusal('/empty')).toMatchObject({ code: 'not_a_feed' });
    expect(await refusal('/gone')).toMatchObject({ code: 'http_status', message: expect.stringContaining('HTTP 404') });
    expect(feeds.list(OWNER)).toEqual([]);
    await feeds.add(`${server.base}/ok`, BY, OWNER);
    expect(await refusal('/ok#top')).toMatchObject({ code: 'already_followed', message: expect.stringContaining('already followed') });
    expect(feeds.list(OWNER)).toHaveLength(1);
    expect(await refusal('/ok')).toBeInstanceOf(FeedError);
  });

  it('remove stops following a feed; removing an unknown one says false', async () => {
    const host = await feedHost(rss('Wire', [story(1)]));
    const { feeds } = await service();
    await feeds.add(host.url, BY, OWNER);
    expect(await feeds.remove(`<${host.url}>`, OWNER)).toBe(true);
    expect(await feeds.remove(host.url, OWNER)).toBe(false);
    expect(await feeds.remove('not a url', OWNER)).toBe(false);
    expect(feeds.list(OWNER)).toEqual([]);
  });

  it('takes an address back as a reply showed it: with a zero-width space after the scheme, or percent-encoded as a link', async () => {
    const host = await feedHost(rss('Wire', [story(1)]));
    const { feeds } = await service();
    const address = host.url.replace(/\/?$/, '/wire_(all).xml');
    await feeds.add(address.replace('://', ':\u200b//'), BY, OWNER);
    expect(feeds.list(OWNER).map((f) => f.url)).toEqual([address]);
    const asLink = address.replace('_', '%5F').replace('(', '%28').replace(')', '%29');
    await expect(feeds.add(asLink, BY, OWNER)).rejects.toMatchObject({ code: 'already_followed' });
    expect(await feeds.remove(asLink, OWNER)).toBe(true);
    await feeds.add(address, BY, OWNER);
    expect(await feeds.remove(`\ufeff${address.replace('://', ':\u2060//')}`, OWNER)).toBe(true);
    expect(feeds.list(OWNER)).toEqual([]);
  });
});

describe('FeedService: fetchText (an article added by its address)', () => {
  it('names the limit that stopped a file too large, in words about an article rather than a feed', async () => {
    const host = await feedHost('The council voted. '.repeat(1_000));
    host.contentType = 'text/plain';
    const { feeds } = await service(tempDir(), new Clock(), { maxBytes: 15_000 });
    const refusal = (articleLimit: number) =>
      feeds.fetchText(host.url, articleLimit, { noun: 'article', sizeSetting: 'MAX_ARTICLE_BYTES' }).catch((error: FeedError) => error);
    expect(await refusal(10_000)).toMatchObject({
      code: 'too_big',
      message: expect.stringMatching(/^The article is larger than 10 KB, the most the bot reads \(MAX_ARTICLE_BYTES\)/),
    });
    expect(await refusal(50_000)).toMatchObject({
      code: 'too_big',
      message: expect.stringMatching(/^The article is larger than 15 KB, the most the bot reads \(FEED_MAX_BYTES\)/),
    });
  });
});

describe('FeedService: state on disk', () => {
  it('gives feeds stored before owners the guild that added them (the console when none), and files their loose articles by owner', async () => {
    const dataDir = tempDir();
    const feed = (id: string, url: string, guildId: string | null) => ({
      id,
      url,
      title: null,
      addedBy: { userId: '1', guildId, channelId: 'c' },
      addedAt: '2026-01-01T00:00:00.000Z',
      etag: null,
      lastModified: null,
      lastFetchAt: null,
      lastOk: null,
      lastError: null,
      consecutiveErrors: 0,
      nextFetchAt: '2026-01-01T00:00:00.000Z',
      itemsSeen: 0,
      seen: [],
    });
    writeFileSync(
      join(dataDir, 'feeds.json'),
      JSON.stringify({
        version: 1,
        feeds: [feed('a', 'https://one.example/feed', '200000000000000002'), feed('b', 'https://two.example/feed', null)],
      }),
    );
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dataDir, 'feed-articles'));
    for (const name of ['feed-one-example-0123456789ab.md', 'feed-two-example-0123456789ab.md', 'feed-gone-example-0123456789ab.md'])
      writeFileSync(join(dataDir, 'feed-articles', name), '---\ntitle: T\n---\nA sentence that is long enough here.');
    const { feeds } = await service(dataDir);
    expect(feeds.list('200000000000000002').map((f) => f.url)).toEqual(['https://one.example/feed']);
    expect(feeds.list('console').map((f) => f.url)).toEqual(['https://two.example/feed']);
    expect(feeds.list(null)).toEqual([]);
    expect(readdirSync(join(dataDir, 'feed-articles', '200000000000000002'))).toEqual(['feed-one-example-0123456789ab.md']);
    expect(readdirSync(join(dataDir, 'feed-articles', 'console')).sort()).toEqual([
      'feed-gone-example-0123456789ab.md',
      'feed-two-example-0123456789ab.md',
    ]);
    expect((await feeds.articleFolders()).map((f) => f.owner).sort()).toEqual(['200000000000000002', 'console']);
    expect(JSON.parse(readFileSync(join(dataDir, 'feeds.json'), 'utf8')).feeds.map((f: { owner: string }) => f.owner)).toEqual([
      '200000000000000002',
      'console',
    ]);
  });

  it('a 6,000-item feed (past the 5,000 items read): at most FEED_MAX_ITEMS articles per poll, a bounded seen-set, and one write of feeds.json per poll', async () => {
    const many = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({
        guid: `bulk-${from + i}`,
        title: `Bulk item number ${from + i} today`,
        date: new Date(Date.UTC(2024, 0, 1) + (from + i) * 60_000).toISOString(),
      }));
    const host = await feedHost(rss('Bulk', []));
    const dataDir = tempDir();
    const { feeds, clock } = await service(dataDir, new Clock(), { maxItemsPerPoll: 20, maxBytes: 20_000_000 });
    await feeds.add(host.url, BY, OWNER);
    const other = await feedHost(rss('Other', []));
    await feeds.add(other.url, BY, OWNER);
    host.body = rss('Bulk', many(0, 6_000).reverse());
    other.body = rss('Other', [story(2)]);
    const { watch } = await import('node:fs');
    let writes = 0;
    const watcher = watch(dataDir, (_event, name) => void (name === 'feeds.json' && writes++));
    clock.advance(15 * MINUTE);
    const fresh = await feeds.pollDue();
    await new Promise((resolve) => setTimeout(resolve, 300));
    watcher.close();
    expect(fresh.filter((item) => item.feedUrl === host.url)).toHaveLength(20);
    // The newest 20, oldest first.
    expect(fresh.filter((item) => item.feedUrl === host.url).map((item) => item.itemKey)).toEqual(
      Array.from({ length: 20 }, (_, i) => `bulk-${5_980 + i}`),
    );
    expect(fresh.filter((item) => item.feedUrl === other.url)).toHaveLength(1);
    expect(readdirSync(join(dataDir, 'feed-articles', OWNER))).toHaveLength(21);
    const stored = JSON.parse(readFileSync(join(dataDir, 'feeds.json'), 'utf8'));
    expect(stored.feeds[0].seen.length).toBeLessThanOrEqual(5_000);
    expect(readFileSync(join(dataDir, 'feeds.json')).length).toBeLessThan(200_000);
    // One rename of the file per write; two feeds polled, one write.
    expect(writes).toBeGreaterThan(0);
    expect(writes).toBeLessThanOrEqual(2);
    clock.advance(15 * MINUTE);
    expect(await feeds.pollDue()).toEqual([]);
  }, 60_000);

  it('a restart on the same data folder keeps the feed list, seen items and ETag', async () => {
    const host = await feedHost(rss('Wire', [story(1)]));
    host.etag = '"e1"';
    const dataDir = tempDir();
    const clock = new Clock();
    const before = await service(dataDir, clock);
    await before.feeds.add(host.url, BY, OWNER);
    host.body = rss('Wire', [story(2), story(1)]);
    host.etag = '"e2"';
    clock.advance(15 * MINUTE);
    expect(ids(await before.feeds.pollDue())).toEqual(['story-2']);
    await before.feeds.stop();

    const after = await service(dataDir, clock);
    expect(after.feeds.list(OWNER)).toEqual(before.feeds.list(OWNER));
    clock.advance(15 * MINUTE);
    expect(await after.feeds.pollDue()).toEqual([]);
    expect(host.server.requests.at(-1)!.headers['if-none-match']).toBe('"e2"');
    host.etag = '"e3"';
    clock.advance(15 * MINUTE);
    expect(await after.feeds.pollDue()).toEqual([]); // a full 200 with the same items: still nothing new
    const onDisk = JSON.parse(readFileSync(join(dataDir, 'feeds.json'), 'utf8'));
    expect(onDisk.feeds[0]).toMatchObject({ url: host.url, etag: '"e3"', itemsSeen: 2 });
    expect(onDisk.feeds[0].seen).toHaveLength(2);
  });

  it('writes new items as .md files that load back through loadArticles with the same ids, titles, dates, urls and text', async () => {
    const tricky: Item[] = [
      {
        guid: 'a',
        title: 'Quote: "Yes" — or no? #1 & more',
        link: 'https://news.example.org/a?x=1&y=2',
        date: '2024-06-01T10:00:00Z',
        description: '<p>First paragraph of the story.</p><p>Second paragraph: with a colon.</p>',
      },
      {
        guid: 'b',
        title: '- 2024: yes',
        link: 'https://news.example.org/b path',
        date: '2024-06-02T10:00:00Z',
        description: 'Plain text summary with no markup at all.',
      },
      { guid: 'c', link: 'https://news.example.org/c', description: '<p>An item without a title still has a sentence here.</p>' },
      { guid: 'd', title: "It's 'quoted' --- and: [bracketed] {braced}", description: '<p>---</p><p>Text after a line of dashes.</p>' },
    ];
    const host = await feedHost(rss("O'Brien: Daily #News", []));
    const { feeds, clock, dataDir } = await service();
    await feeds.add(host.url, BY, OWNER);
    host.body = rss("O'Brien: Daily #News", tricky);
    clock.advance(15 * MINUTE);
    const fresh = await feeds.pollDue();
    expect(fresh).toHaveLength(4);
    expect(readdirSync(join(dataDir, 'feed-articles', OWNER)).sort()).toEqual(fresh.map((item) => `${item.article.id}.md`).sort());
    const { articles, skipped } = await loadArticles(join(dataDir, 'feed-articles', OWNER), 5_000_000, silentLogger);
    expect(skipped).toEqual([]);
    const loaded = new Map(articles.map((article) => [article.id, article]));
    for (const { article } of fresh) {
      const back = loaded.get(article.id);
      expect(back, article.id).toBeDefined();
      expect({ ...back!, origin: '' }).toEqual({ ...article, origin: '' });
    }
    const byKey = Object.fromEntries(fresh.map((item) => [item.itemKey, item.article]));
    expect([byKey.a?.url, byKey.b?.url, byKey.c?.url, byKey.d?.url]).toEqual([
      'https://news.example.org/a?x=1&y=2',
      'https://news.example.org/b%20path',
      'https://news.example.org/c',
      null,
    ]);
    expect(byKey.a).toMatchObject({ title: 'Quote: "Yes" — or no? #1 & more', date: '2024-06-01', source: "O'Brien: Daily #News" });
    expect(byKey.b).toMatchObject({ title: '- 2024: yes', date: '2024-06-02' });
    expect(byKey.c).toMatchObject({ title: 'An item without a title still has a sentence here', date: null });
    expect(byKey.d!.title).toBe("It's 'quoted' --- and: [bracketed] {braced}");
  });

  it('writes only front matter the loader accepts: a 3,009-character title with line breaks and control characters, dates out of range, a NUL in the text', async () => {
    const longTitle = `Council\nvotes\u0007 ${'on the housing bill '.repeat(149)}end of the day`;
    expect(longTitle.length).toBe(3_009);
    const items: Item[] = [
      {
        guid: 'long',
        title: longTitle,
        link: 'https://news.example.org/long',
        date: '2024-06-01T10:00:00Z',
        description: 'The council voted.',
      },
      { guid: 'future', title: 'A story from the future', date: '2999-01-01T00:00:00Z', description: 'It has not happened yet.' },
      { guid: 'old', title: 'A story from long ago', date: '1500-06-01T00:00:00Z', description: 'It happened long ago.' },
      { guid: 'nul', title: 'A story with a NUL', description: 'Some feeds send a NUL\u0000 byte in the text.' },
    ];
    const host = await feedHost(rss('Wire\u0001 Desk', []));
    const { feeds, clock, dataDir } = await service();
    await feeds.add(host.url, BY, OWNER);
    host.body = rss('Wire\u0001 Desk', items);
    clock.advance(15 * MINUTE);
    const fresh = await feeds.pollDue();
    expect(fresh).toHaveLength(4);
    const { articles, skipped } = await loadArticles(join(dataDir, 'feed-articles', OWNER), 5_000_000, silentLogger);
    expect(skipped).toEqual([]);
    const loaded = new Map(articles.map((article) => [article.id, article]));
    for (const { article } of fresh) expect({ ...loaded.get(article.id)!, origin: '' }).toEqual({ ...article, origin: '' });
    const byKey = Object.fromEntries(fresh.map((item) => [item.itemKey, item.article]));
    expect(byKey.long!.title.length).toBeLessThanOrEqual(300);
    // Cut at a word: the line-broken title made one line, up to a space.
    expect(byKey.long!.title).toMatch(/^Council votes on the housing bill .*[a-z]…$/);
    expect(`${longTitle.replace(/[\s\u0007]+/g, ' ')} `.startsWith(`${byKey.long!.title.slice(0, -1)} `)).toBe(true);
    expect(byKey.long!.source).toBe('Wire Desk');
    expect([byKey.future!.date, byKey.old!.date]).toEqual([null, null]);
    expect(byKey.nul!.text).toBe('Some feeds send a NUL byte in the text.');
  });

  it('cuts an item whose file would be over MAX_ARTICLE_BYTES at a sentence, with a log line, so the restart loads what was indexed', async () => {
    const limit = 20_000;
    // Multi-byte letters: the limit counts the file's bytes, not its characters.
    const sentence = (i: number) => `Ministers in Zürich debated clause ${i} of the budget bill for an hour.`;
    const long = Array.from({ length: 600 }, (_, i) => sentence(i)).join(' ');
    const first = `${'Vorläufige '.repeat(2_500)}end.`;
    const items: Item[] = [
      { guid: 'long', title: 'The long budget debate', date: '2024-06-01T10:00:00Z', description: long },
      { guid: 'short', title: 'A short story', date: '2024-06-02T10:00:00Z', description: 'The council voted.' },
      { guid: 'huge-first', title: 'One endless sentence', date: '2024-06-03T10:00:00Z', description: first },
    ];
    const host = await feedHost(rss('Wire', []));
    const { log, lines } = capturingLogger();
    const { feeds, clock, dataDir } = await service(tempDir(), new Clock(), { log, maxArticleBytes: limit, maxBytes: 5_000_000 });
    await feeds.add(host.url, BY, OWNER);
    host.body = rss('Wire', items);
    clock.advance(15 * MINUTE);
    const fresh = await feeds.pollDue();
    const byKey = Object.fromEntries(fresh.map((item) => [item.itemKey, item.article]));
    expect(Object.keys(byKey).sort()).toEqual(['long', 'short']);
    const cut = byKey.long!;
    expect(Buffer.byteLength(long)).toBeGreaterThan(limit);
    expect(long.startsWith(cut.text)).toBe(true);
    expect(cut.text).toMatch(/for an hour\.$/);
    expect(cut.text.length).toBeGreaterThan(limit * 0.8);
    expect(byKey.short!.text).toBe('The council voted.');
    const { articles, skipped } = await loadArticles(join(dataDir, 'feed-articles', OWNER), limit, silentLogger);
    expect(skipped).toEqual([]);
    const loaded = new Map(articles.map((article) => [article.id, article]));
    for (const { article } of fresh) expect({ ...loaded.get(article.id)!, origin: '' }).toEqual({ ...article, origin: '' });
    expect(lines.find((line) => line.event === 'feed_item_cut')).toMatchObject({
      itemKey: 'long',
      id: cut.id,
      limit,
      setting: 'MAX_ARTICLE_BYTES',
    });
    expect(lines.find((line) => line.event === 'feed_item_skipped' && line.itemKey === 'huge-first')?.reason).toMatch(
      /not even its first sentence fits .*MAX_ARTICLE_BYTES/,
    );
  });

  it('moves a broken feeds.json aside and starts afresh', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'feeds.json'), '{"version":1,"feeds":[{"url":"ftp://x"}]}');
    const { log, lines } = capturingLogger();
    const { feeds } = await service(dataDir, new Clock(), { log });
    expect(feeds.list(OWNER)).toEqual([]);
    expect(lines.some((line) => line.event === 'store_file_moved_aside')).toBe(true);
    expect(readdirSync(dataDir).some((name) => name.startsWith('feeds.json.broken-'))).toBe(true);
  });

  it('keeps the seen-set bounded but never forgets an item still in the feed', () => {
    expect(mergeSeen(['a', 'b', 'c'], ['d', 'b'], 3)).toEqual(['c', 'd', 'b']);
    expect(mergeSeen([], ['a', 'b', 'c', 'd'], 2)).toEqual(['a', 'b', 'c', 'd']);
    expect(mergeSeen(['x', 'y'], ['a', 'b', 'c'], 2)).toEqual(['a', 'b', 'c']);
  });

  it('with a small seen limit, state stays bounded and a long feed still emits nothing twice', async () => {
    const host = await feedHost(rss('Wire', [story(3), story(2), story(1)]));
    const dataDir = tempDir();
    const { feeds, clock } = await service(dataDir, new Clock(), { seenLimit: 2 });
    await feeds.add(host.url, BY, OWNER);
    host.body = rss('Wire', [story(5), story(4), story(3), story(2), story(1)]);
    clock.advance(15 * MINUTE);
    expect(ids(await feeds.pollDue())).toEqual(['story-4', 'story-5']);
    clock.advance(15 * MINUTE);
    expect(await feeds.pollDue()).toEqual([]);
    host.body = rss('Wire', [story(6)]);
    clock.advance(15 * MINUTE);
    expect(ids(await feeds.pollDue())).toEqual(['story-6']);
    const onDisk = JSON.parse(readFileSync(join(dataDir, 'feeds.json'), 'utf8'));
    expect(onDisk.feeds[0].seen).toHaveLength(2);
  });
});

describe('FeedService: the loop', () => {
  it('start polls due feeds and hands new items on; a failing handler is logged; stop waits and ends the loop', async () => {
    const host = await feedHost(rss('Wire', [story(1)]));
    const { log, lines } = capturingLogger();
    const { feeds, clock } = await service(tempDir(), new Clock(), { log, tickMs: 5 });
    await feeds.add(host.url, BY, OWNER);
    host.body = rss('Wire', [story(2), story(1)]);
    clock.advance(15 * MINUTE);
    const got: string[] = [];
    let calls = 0;
    await new Promise<void>((done) => {
      feeds.start(async (items) => {
        calls++;
        got.push(...ids(items));
        if (calls === 1) {
          host.body = rss('Wire', [story(3), story(2), story(1)]);
          clock.advance(15 * MINUTE);
          throw new Error('alert side failed');
        }
        done();
      });
    });
    await feeds.stop();
    expect(got).toEqual(['story-2', 'story-3']);
    expect(lines.filter((line) => line.event === 'feed_loop_failed')).toEqual([expect.objectContaining({ reason: 'alert side failed' })]);
    const requests = host.server.requests.length;
    clock.advance(15 * MINUTE);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(host.server.requests.length).toBe(requests);
    expect(await feeds.pollDue()).toEqual([]);
  });

  it('stop cancels a fetch in flight without counting it as an error', async () => {
    const server = await serve(() => {
      // never answers
    });
    cleanups.push(() => server.close());
    const host = await feedHost(rss('Wire', [story(1)]));
    const dataDir = tempDir();
    const { feeds, clock } = await service(dataDir);
    await feeds.add(host.url, BY, OWNER);
    // Point the stored feed at the silent server, as if it had gone quiet.
    await feeds.stop();
    const file = join(dataDir, 'feeds.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace(host.url, `${server.base}/feed.xml`));
    const again = await service(dataDir, clock);
    clock.advance(15 * MINUTE);
    const poll = again.feeds.pollDue();
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = Date.now();
    await again.feeds.stop();
    expect(await poll).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(again.feeds.list(OWNER)[0]).toMatchObject({ consecutiveErrors: 0, lastError: null });
    expect(existsSync(file)).toBe(true);
  });
});
