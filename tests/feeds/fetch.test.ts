import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FeedError } from '../../src/feeds';
import { guardedLookup, refusalReason } from '../../src/feeds/addressGuard';
import { fetchDocument } from '../../src/feeds/fetchDocument';
import type { FetchLimits } from '../../src/feeds/fetchDocument';
import { BY, openFeeds, rss, serve, story, tempDir } from './helpers';
import type { TestServer } from './helpers';

const servers: TestServer[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

async function server(handler: Parameters<typeof serve>[0]) {
  const started = await serve(handler);
  servers.push(started);
  return started;
}

const limits = (overrides: Partial<FetchLimits> = {}): FetchLimits => ({
  allowPrivate: true,
  maxBytes: 5_000_000,
  timeoutMs: 5_000,
  maxRedirects: 5,
  ...overrides,
});
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as FeedError,
  );
const none = { etag: null, lastModified: null };
const FEED = rss('Wire', [story(1)]);

describe('fetch limits', () => {
  it('aborts a body past maxBytes while it streams (no Content-Length), and refuses a declared one at once', async () => {
    let closedEarly = false;
    const endless = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = `<!-- ${'x'.repeat(1000)} -->\n`;
      let sent = 0;
      const pump = () => {
        while (sent < 10_000 && res.write(chunk)) sent++;
        if (sent < 10_000) res.once('drain', pump);
        else res.end();
      };
      res.on('close', () => {
        closedEarly = !res.writableFinished;
      });
      res.write('<rss version="2.0"><channel>');
      pump();
    });
    const error = await failure(fetchDocument(`${endless.base}/big`, none, limits({ maxBytes: 50_000 })));
    expect(error).toMatchObject({
      code: 'too_big',
      message: expect.stringContaining('The feed is larger than 50 KB, the most the bot reads (FEED_MAX_BYTES)'),
    });
    // The server sees the close a little later; waited for, not slept on, so a loaded machine does not fail it.
    await vi.waitFor(() => expect(closedEarly).toBe(true));

    const declared = await server((_req, res) => {
      res.writeHead(200, { 'content-length': '60000000' });
      res.write('<rss>');
    });
    expect(await failure(fetchDocument(`${declared.base}/big`, none, limits()))).toMatchObject({
      code: 'too_big',
      message: expect.stringContaining('The feed is 60 MB, over 5 MB, the most the bot reads (FEED_MAX_BYTES)'),
    });
  });

  it('counts bytes after decompression (a gzip bomb is too big), and reads a normal gzipped feed', async () => {
    const bomb = gzipSync(Buffer.alloc(5_000_000, 0x20));
    const gz = await server((req, res) => {
      const body = req.url === '/bomb' ? bomb : gzipSync(FEED);
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/rss+xml' });
      res.end(body);
    });
    expect(bomb.length).toBeLessThan(50_000);
    expect(await failure(fetchDocument(`${gz.base}/bomb`, none, limits({ maxBytes: 1_000_000 })))).toMatchObject({ code: 'too_big' });
    const ok = await fetchDocument(`${gz.base}/feed`, none, limits());
    expect(ok).toMatchObject({ kind: 'ok', text: FEED });
    expect(gz.requests[0]!.headers['accept-encoding']).toContain('gzip');
  });

  it('gives up on a server that trickles bytes past timeoutMs, and on one that never answers', async () => {
    const trickle = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<rss version="2.0"><channel>');
      const timer = setInterval(() => res.write(' '), 20);
      res.on('close', () => clearInterval(timer));
    });
    const silent = await server(() => {
      // headers never come
    });
    for (const base of [trickle.base, silent.base]) {
      const started = Date.now();
      const error = await failure(fetchDocument(`${base}/slow`, none, limits({ timeoutMs: 300 })));
      const took = Date.now() - started;
      expect(error).toMatchObject({ code: 'timeout', message: expect.stringContaining('longer than 0.3 s') });
      expect(took).toBeGreaterThanOrEqual(250);
      expect(took).toBeLessThan(2_000);
    }
  });

  it('follows redirects (relative too), refuses a loop and too many hops', async () => {
    const hops = await server((req, res) => {
      const url = req.url ?? '';
      if (url === '/start') res.writeHead(301, { location: '/middle' }).end();
      else if (url === '/middle') res.writeHead(307, { location: `http://127.0.0.1:${(req.socket.localPort ?? 0).toString()}/feed` }).end();
      else if (url === '/feed') res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED);
      else if (url === '/a') res.writeHead(302, { location: '/b' }).end();
      else if (url === '/b') res.writeHead(302, { location: '/a' }).end();
      else if (url.startsWith('/chain/')) res.writeHead(302, { location: `/chain/${Number(url.slice(7)) + 1}` }).end();
      else if (url === '/nowhere') res.writeHead(302).end();
      else res.writeHead(404).end();
    });
    expect(await fetchDocument(`${hops.base}/start`, none, limits())).toMatchObject({ kind: 'ok', url: `${hops.base}/feed`, text: FEED });
    expect(await failure(fetchDocument(`${hops.base}/a`, none, limits()))).toMatchObject({
      code: 'redirect_loop',
      message: expect.stringContaining('loop'),
    });
    expect(await failure(fetchDocument(`${hops.base}/chain/0`, none, limits({ maxRedirects: 3 })))).toMatchObject({
      code: 'too_many_redirects',
    });
    expect(hops.requests.filter((r) => r.url.startsWith('/chain/'))).toHaveLength(4); // the first request and 3 redirects
    expect(await failure(fetchDocument(`${hops.base}/nowhere`, none, limits()))).toMatchObject({ code: 'http_status' });
    const feeds = await openFeeds(tempDir());
    expect(await failure(feeds.add(`${hops.base}/a`, BY, BY.guildId))).toMatchObject({ code: 'redirect_loop' });
    await feeds.stop();
  });

  it('decodes the charset the server or the XML declaration names', async () => {
    const latin = Buffer.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Caf\xe9 news</title></channel></rss>',
      'latin1',
    );
    const charsets = await server((req, res) => {
      res.writeHead(200, { 'content-type': req.url === '/header' ? 'text/xml; charset=iso-8859-1' : 'text/xml' });
      res.end(latin);
    });
    for (const path of ['/header', '/declaration']) {
      const result = await fetchDocument(`${charsets.base}${path}`, none, limits());
      expect(result.kind === 'ok' && result.text).toContain('Café news');
    }
  });
});

describe('address guard (SSRF)', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fd12:3456::1', 'private'],
    ['fc00::1', 'private'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::127.0.0.1', 'loopback'],
    ['::7f00:1', 'loopback'],
    ['::a00:1', 'private'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['2002:c0a8:0101::1', 'private'],
    ['2001:db8::1', 'reserved'],
  ])('refuses %s (%s)', (address, kind) => {
    expect(refusalReason(address)).toContain(kind);
  });

  it.each(['93.184.215.14', '8.8.8.8', '2606:4700::6810:85e5', '::ffff:8.8.8.8'])('allows the public address %s', (address) => {
    expect(refusalReason(address)).toBeNull();
  });

  it('refuses private and loopback literals before connecting when allowPrivate is off', async () => {
    const local = await server((_req, res) => res.end(FEED));
    const port = new URL(local.base).port;
    const feeds = await openFeeds(tempDir(), { allowPrivate: false });
    for (const url of [
      `${local.base}/feed`,
      `http://10.0.0.1:${port}/feed`,
      `http://[::1]:${port}/feed`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      `http://[::127.0.0.1]:${port}/`,
      'http://169.254.169.254/latest/meta-data/',
      'http://2130706433/',
      'http://0x7f.1/',
    ]) {
      expect(await failure(feeds.add(url, BY, BY.guildId)), url).toMatchObject({
        code: 'refused_address',
        message: expect.stringContaining('public internet addresses'),
      });
    }
    // A host name that resolves to loopback is refused by the connection's own lookup: the checked address is the one connected to.
    // The refusal names the settings that would allow it, and not what the name resolved to.
    const byName = await failure(feeds.add(`http://localhost:${port}/feed`, BY, BY.guildId));
    expect(byName).toMatchObject({
      code: 'refused_address',
      message: expect.stringContaining('loopback address (this machine): localhost.'),
    });
    expect(byName!.message).toContain('FEEDS_ALLOW_HOSTS');
    expect(byName!.message).toContain('FEEDS_ALLOW_PRIVATE');
    expect(byName!.message).not.toMatch(/127\.0\.0\.1|::1/);
    expect(local.connections).toBe(0);
    expect(feeds.list(BY.guildId)).toEqual([]);
    await feeds.stop();
  });

  it('refuses other schemes and credentials', async () => {
    const feeds = await openFeeds(tempDir(), { allowPrivate: true });
    for (const url of [
      'file:///etc/passwd',
      'ftp://example.org/feed.xml',
      'javascript:alert(1)',
      'gopher://example.org/',
      'data:text/xml,<rss/>',
    ]) {
      expect(await failure(feeds.add(url, BY, BY.guildId)), url).toMatchObject({
        code: 'invalid_url',
        message: expect.stringContaining('Only http and https'),
      });
    }
    expect(await failure(feeds.add('not even a url', BY, BY.guildId))).toMatchObject({
      code: 'invalid_url',
      message: expect.stringContaining('not a web address'),
    });
    expect(await failure(feeds.add('https://user:secret@example.org/feed', BY, BY.guildId))).toMatchObject({ code: 'invalid_url' });
    await feeds.stop();
  });

  it('checks every redirect hop: a public address redirecting to a private one is refused before the second request', async () => {
    const local = await server((req, res) => {
      if (req.url === '/feed') res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      else if (req.url === '/to-localhost') res.writeHead(302, { location: 'http://localhost/admin' }).end();
      else if (req.url === '/to-file') res.writeHead(302, { location: 'file:///etc/passwd' }).end();
      else res.writeHead(404).end();
    });
    // Stands in for the internet: whatever public address is asked for, the local server answers.
    const asked: string[] = [];
    const fetchImpl: typeof fetch = (input, init) => {
      const url = new URL(String(input));
      asked.push(url.href);
      return fetch(`${local.base}${url.pathname}`, init);
    };
    const feeds = await openFeeds(tempDir(), { allowPrivate: false, fetchImpl });
    expect(await failure(feeds.add('http://93.184.215.14/feed', BY, BY.guildId))).toMatchObject({
      code: 'refused_address',
      message: expect.stringMatching(
        /^The address redirects to http:\/\/169\.254\.169\.254\/latest\/meta-data\/, which the bot will not follow\. That address points to a link-local address/,
      ),
    });
    expect(await failure(feeds.add('http://93.184.215.14/to-localhost', BY, BY.guildId))).toMatchObject({
      code: 'refused_address',
      message: expect.stringContaining('loopback'),
    });
    expect(await failure(feeds.add('http://93.184.215.14/to-file', BY, BY.guildId))).toMatchObject({
      code: 'invalid_url',
      message: expect.stringContaining('redirects to file:///etc/passwd, which the bot will not follow. Only http and https'),
    });
    expect(asked).toEqual(['http://93.184.215.14/feed', 'http://93.184.215.14/to-localhost', 'http://93.184.215.14/to-file']);
    await feeds.stop();
  });

  it('the pinned lookup refuses a name that resolves to a private address, and passes public ones through', async () => {
    const lookup = guardedLookup({ allowPrivate: false });
    const result = await new Promise<{ error: Error | null; address: unknown }>((done) =>
      lookup('localhost', { all: true }, (error, address) => done({ error, address })),
    );
    expect(result.error).toMatchObject({ code: 'refused_address' });
    const open = guardedLookup({ allowPrivate: true });
    const allowed = await new Promise<{ error: Error | null; address: unknown }>((done) =>
      open('localhost', {}, (error, address) => done({ error, address })),
    );
    expect(allowed.error).toBeNull();
    expect(String(allowed.address)).toMatch(/^(127\.0\.0\.1|::1)$/);
  });

  it('FEEDS_ALLOW_HOSTS lets the listed hosts be private and no other', async () => {
    const local = await server((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED));
    const port = new URL(local.base).port;
    const feeds = await openFeeds(tempDir(), { allowPrivate: false, allowHosts: ['localhost'] });
    expect((await feeds.add(`http://localhost:${port}/feed`, BY, BY.guildId)).itemsSeen).toBe(1);
    expect(await failure(feeds.add(`http://127.0.0.1:${port}/feed`, BY, BY.guildId))).toMatchObject({ code: 'refused_address' });
    expect(await failure(feeds.add(`http://[::1]:${port}/feed`, BY, BY.guildId))).toMatchObject({ code: 'refused_address' });
    await feeds.stop();
    const literal = await openFeeds(tempDir(), { allowPrivate: false, allowHosts: ['127.0.0.1'] });
    expect((await literal.add(`http://127.0.0.1:${port}/feed`, BY, BY.guildId)).itemsSeen).toBe(1);
    await literal.stop();
  });

  it('with allowPrivate (tests, FEEDS_ALLOW_PRIVATE=true) a local feed is fetched by host name through the pinned lookup, and through an injected fetch', async () => {
    const local = await server((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED));
    const port = new URL(local.base).port;
    const pinned = await openFeeds(tempDir(), { allowPrivate: true });
    expect((await pinned.add(`http://localhost:${port}/feed`, BY, BY.guildId)).itemsSeen).toBe(1);
    await pinned.stop();
    const injected = await openFeeds(tempDir(), { allowPrivate: true, fetchImpl: fetch });
    expect((await injected.add(`${local.base}/feed`, BY, BY.guildId)).itemsSeen).toBe(1);
    await injected.stop();
  });
});
