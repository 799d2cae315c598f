import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src/log';
import type { Logger } from '../../src/log';
import { FeedService } from '../../src/feeds';
import type { FeedOptions } from '../../src/feeds';
import type { StoredFeed } from '../../src/feeds/state';
import { closeAfterTest } from '../helpers/closeAfterTest';

export const tempDir = () => mkdtempSync(join(tmpdir(), 'pd-feeds-'));

export interface TestServer {
  /** Base address, e.g. http://127.0.0.1:PORT */
  base: string;
  requests: { url: string; headers: IncomingHttpHeaders }[];
  /** TCP connections accepted so far. */
  connections: number;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 with a handler per test, closed after the test. */
export async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestServer> {
  const sockets = new Set<Socket>();
  const requests: TestServer['requests'] = [];
  const server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  const state: TestServer = {
    base: '',
    requests,
    connections: 0,
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
  server.on('connection', (socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  state.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return closeAfterTest(state);
}

export interface Item {
  guid?: string;
  title?: string;
  link?: string;
  date?: string;
  description?: string;
  content?: string;
}

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function rss(title: string, items: Item[]): string {
  const body = items
    .map(
      (item) =>
        `<item>${item.guid ? `<guid isPermaLink="false">${esc(item.guid)}</guid>` : ''}${item.title ? `<title>${esc(item.title)}</title>` : ''}${item.link ? `<link>${esc(item.link)}</link>` : ''}${item.date ? `<pubDate>${new Date(item.date).toUTCString()}</pubDate>` : ''}${item.description ? `<description>${esc(item.description)}</description>` : ''}${item.content ? `<content:encoded><![CDATA[${item.content}]]></content:encoded>` : ''}</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>${esc(title)}</title><link>https://news.example.org/</link>\n${body}\n</channel></rss>`;
}

export function atom(title: string, entries: Item[]): string {
  const body = entries
    .map(
      (entry) =>
        `<entry>${entry.guid ? `<id>${esc(entry.guid)}</id>` : ''}${entry.title ? `<title>${esc(entry.title)}</title>` : ''}${entry.link ? `<link rel="alternate" href="${esc(entry.link)}"/>` : ''}${entry.date ? `<updated>${new Date(entry.date).toISOString()}</updated>` : ''}${entry.description ? `<summary>${esc(entry.description)}</summary>` : ''}${entry.content ? `<content type="html">${esc(entry.content)}</content>` : ''}</entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>${esc(title)}</title><id>urn:feed</id><updated>2024-01-01T00:00:00Z</updated>\n${body}\n</feed>`;
}

/** Sentences long enough to be articles. */
export const story = (n: number) => ({
  guid: `story-${n}`,
  title: `Story number ${n} about the trade talks`,
  link: `https://news.example.org/stories/${n}`,
  date: `2024-03-${String(10 + n).padStart(2, '0')}T12:00:00Z`,
  description: `<p>Officials met for round ${n} of the trade talks on Monday.</p><p>They agreed to meet again next month.</p>`,
});

export class Clock {
  constructor(public time = Date.parse('2026-01-01T00:00:00Z')) {}
  now = () => new Date(this.time);
  advance(ms: number) {
    this.time += ms;
  }
}

export function capturingLogger(): { log: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  return { lines, log: createLogger('info', (line) => lines.push(JSON.parse(line) as Record<string, unknown>)) };
}

export const MINUTE = 60_000;
export const BY = { userId: '100000000000000001', guildId: '200000000000000002', channelId: '300000000000000003' };
/** The guild that owns the feeds in these tests. */
export const OWNER = BY.guildId;

export function openFeeds(dataDir: string, overrides: Partial<FeedOptions> = {}): Promise<FeedService> {
  return FeedService.open({
    dataDir,
    intervalMs: 15 * MINUTE,
    allowPrivate: true,
    maxBytes: 5_000_000,
    timeoutMs: 5_000,
    maxRedirects: 5,
    log: capturingLogger().log,
    ...overrides,
  });
}

/** A feed as stored, never fetched yet and due at `due`, with any fields a test sets. */
export function storedFeed(due: string, fields: Partial<StoredFeed> = {}): StoredFeed {
  return {
    id: 'f1',
    owner: 'g',
    url: 'https://example.org/feed',
    title: null,
    addedBy: { userId: 'u', guildId: 'g', channelId: 'c' },
    addedAt: due,
    etag: null,
    lastModified: null,
    lastFetchAt: null,
    lastOk: null,
    lastError: null,
    consecutiveErrors: 0,
    nextFetchAt: due,
    itemsSeen: 0,
    seen: [],
    ...fields,
  };
}
