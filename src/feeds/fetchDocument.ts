import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream';
import { TextDecoder } from 'node:util';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { checkUrlTarget, guardedLookup, parseFeedUrl, type PrivatePolicy } from './addressGuard';
import { readableSize } from '../readableSize';
import { FeedError } from './feedError';

/**
 * What is fetched, for the messages: a feed (polled again later) or a single
 * document a command asked for once (an article, an OPML file), whose size
 * limit is a setting of its own.
 */
export interface FetchSubject {
  /** "feed", "article", "file". */
  noun: string;
  /** The setting that sets maxBytes, named when the body is too big. */
  sizeSetting: string;
  /** Polled again on a schedule, so a server error or a 429 is retried without anyone asking. */
  polled: boolean;
}

export const FEED_SUBJECT: FetchSubject = { noun: 'feed', sizeSetting: 'FEED_MAX_BYTES', polled: true };

export interface FetchLimits {
  allowPrivate: boolean;
  /** Hosts that may be private although allowPrivate is off (FEEDS_ALLOW_HOSTS). */
  allowHosts?: readonly string[];
  /** Largest body accepted, counted as it streams in (after decompression). */
  maxBytes: number;
  /** Total time for the whole fetch: DNS, connects, every redirect hop and the body. */
  timeoutMs: number;
  maxRedirects: number;
  /** Used instead of node:http when given; then host names are checked by a DNS lookup before the request (not pinned). */
  fetchImpl?: typeof fetch;
  /** Aborts the fetch from outside (the service stopping). */
  signal?: AbortSignal;
  userAgent?: string;
  /** A feed when absent. */
  subject?: FetchSubject;
}

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export type FetchResult =
  | { kind: 'not-modified'; url: string }
  | { kind: 'ok'; url: string; text: string; contentType: string | null; etag: string | null; lastModified: string | null };

/** The fetch was cancelled from outside (the service is stopping); not the feed's fault. */
export class FetchCancelled extends Error {}

interface RawResponse {
  status: number;
  header(name: string): string | null;
  body: AsyncIterable<Uint8Array>;
  discard(): void;
}

type Transport = (url: URL, headers: Record<string, string>, signal: AbortSignal) => Promise<RawResponse>;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const DEFAULT_AGENT = 'PolicyDesk-FeedReader/1.0 (+RSS/Atom poller)';

function decompress(response: IncomingMessage): AsyncIterable<Uint8Array> {
  const encoding = (response.headers['content-encoding'] ?? '').toLowerCase().trim();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : null;
  if (!decoder) return response;
  return pipeline(response, decoder, () => undefined) as Readable;
}

/** node:http(s) with the guarded lookup: the connection goes to the address that was checked. */
function nodeTransport(policy: PrivatePolicy, userAgent: string): Transport {
  const lookup = guardedLookup(policy);
  return (url, headers, signal) =>
    new Promise((resolve, reject) => {
      const request = (url.protocol === 'https:' ? https : http).request(
        url,
        {
          method: 'GET',
          agent: false,
          lookup,
          signal,
          headers: { 'user-agent': userAgent, 'accept-encoding': 'gzip, deflate, br', ...headers },
        },
        (response) => {
          // Errors surface where the body is read; this only keeps one that comes while nobody reads from crashing the process.
          response.on('error', () => undefined);
          resolve({
            status: response.statusCode ?? 0,
            header: (name) => {
              const value = response.headers[name.toLowerCase()];
              return Array.isArray(value) ? value.join(', ') : (value ?? null);
            },
            body: decompress(response),
            discard: () => response.destroy(),
          });
        },
      );
      request.on('error', reject);
      request.end();
    });
}

function fetchTransport(fetchImpl: typeof fetch, userAgent: string): Transport {
  return async (url, headers, signal) => {
    const response = await fetchImpl(url.href, {
      method: 'GET',
      redirect: 'manual',
      signal,
      headers: { 'user-agent': userAgent, ...headers },
    });
    const body = response.body;
    return {
      status: response.status,
      header: (name) => response.headers.get(name),
      body: body ?? (async function* () {})(),
      discard: () => void body?.cancel().catch(() => undefined),
    };
  };
}

function tooBig(maxBytes: number, subject: FetchSubject, declared?: number): FeedError {
  const size =
    declared === undefined ? `larger than ${readableSize(maxBytes)}` : `${readableSize(declared)}, over ${readableSize(maxBytes)}`;
  return new FeedError('too_big', `The ${subject.noun} is ${size}, the most the bot reads (${subject.sizeSetting}), so it was not read.`);
}

async function readCapped(response: RawResponse, maxBytes: number, subject: FetchSubject): Promise<Uint8Array> {
  const declared = Number(response.header('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.discard();
    throw tooBig(maxBytes, subject, declared);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      response.discard();
      throw tooBig(maxBytes, subject);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

function textDecoder(label: string | undefined): TextDecoder {
  try {
    return new TextDecoder(label ?? 'utf-8');
  } catch {
    return new TextDecoder('utf-8');
  }
}

/** Bytes to text: byte-order mark, then the Content-Type charset, then the XML declaration, else UTF-8. */
export function decodeBody(bytes: Uint8Array, contentType: string | null): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return textDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return textDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return textDecoder('utf-8').decode(bytes.subarray(3));
  const fromHeader = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1');
  const fromDeclaration = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
  return textDecoder(fromHeader ?? fromDeclaration).decode(bytes);
}

function retryAfterSeconds(value: string | null, now: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - now) / 1000));
}

function statusError(status: number, retryAfter: number | null, subject: FetchSubject): FeedError {
  const { noun, polled } = subject;
  const what =
    status === 404 || status === 410
      ? `The ${noun} was not found there (HTTP ${status}). Check the address.`
      : status === 401 || status === 403
        ? `The site refused access to the ${noun} (HTTP ${status}).`
        : status === 429
          ? `The site says the bot is asking too often (HTTP 429); ${polled ? 'it will try again later' : 'try again later'}.`
          : status >= 500
            ? `The site had a server error (HTTP ${status}); ${polled ? 'it will be tried again later' : 'try again later'}.`
            : `The site answered with HTTP ${status} instead of the ${noun}.`;
  return new FeedError('http_status', what, retryAfter);
}

function redirectRefused(target: string, problem: FeedError): FeedError {
  return new FeedError(problem.code, `The address redirects to ${target.slice(0, 200)}, which the bot will not follow. ${problem.message}`);
}

function networkError(error: unknown, url: URL, subject: FetchSubject): FeedError {
  if (error instanceof FeedError) return error;
  const code = (error as NodeJS.ErrnoException)?.code ?? (error as { cause?: NodeJS.ErrnoException })?.cause?.code;
  const host = url.host;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new FeedError('network', `The host ${host} could not be found. Check the address.`);
  if (code === 'ECONNREFUSED') return new FeedError('network', `${host} refused the connection.`);
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET')
    return new FeedError('network', `The connection to ${host} was cut off.`);
  if (code === 'Z_DATA_ERROR' || code === 'ERR_BROTLI_DECOMPRESSION_FAILED' || code === 'Z_BUF_ERROR')
    return new FeedError('malformed', `${host} sent a compressed response that could not be unpacked.`);
  if (typeof code === 'string' && /CERT|SSL|TLS/.test(code))
    return new FeedError('network', `The secure connection to ${host} failed (${code}).`);
  return new FeedError('network', `Could not fetch the ${subject.noun} from ${host}${code ? ` (${code})` : ''}.`);
}

/**
 * Fetches one feed document within the limits. Redirects are followed by hand
 * (each hop checked again, a loop refused); a 304 to our validators is
 * "not modified". Every failure is a FeedError with a plain message, except a
 * cancellation from `limits.signal` (FetchCancelled).
 */
export async function fetchDocument(address: string, validators: Validators, limits: FetchLimits): Promise<FetchResult> {
  const userAgent = limits.userAgent ?? DEFAULT_AGENT;
  const subject = limits.subject ?? FEED_SUBJECT;
  const transport = limits.fetchImpl ? fetchTransport(limits.fetchImpl, userAgent) : nodeTransport(limits, userAgent);
  const controller = new AbortController();
  const timeout = new FeedError(
    'timeout',
    `The ${subject.noun} took longer than ${Math.round(limits.timeoutMs / 100) / 10} s to arrive (FEED_TIMEOUT_SECONDS), so it was not read.`,
  );
  const timer = setTimeout(() => controller.abort(timeout), limits.timeoutMs);
  const cancelled = new FetchCancelled('the fetch was cancelled');
  const onCancel = () => controller.abort(cancelled);
  if (limits.signal?.aborted) onCancel();
  limits.signal?.addEventListener('abort', onCancel, { once: true });
  const aborted = new Promise<never>((_, reject) => {
    const fail = () => reject(controller.signal.reason);
    if (controller.signal.aborted) fail();
    else controller.signal.addEventListener('abort', fail, { once: true });
  });
  aborted.catch(() => undefined);

  const headers: Record<string, string> = {
    accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
  };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;

  const visited: string[] = [];
  let url = parseFeedUrl(address);
  try {
    for (;;) {
      if (visited.includes(url.href)) {
        throw new FeedError(
          'redirect_loop',
          `The address redirects in a loop (${[...visited, url.href].join(' → ').slice(0, 300)}), so there is no ${subject.noun} to read.`,
        );
      }
      visited.push(url.href);
      const hop = url;
      let response: RawResponse;
      try {
        // Racing `aborted` keeps a stalled DNS lookup or connect inside the time limit too.
        await Promise.race([checkUrlTarget(hop, limits, Boolean(limits.fetchImpl)), aborted]);
        response = await Promise.race([transport(hop, headers, controller.signal), aborted]);
      } catch (error) {
        if (controller.signal.aborted) throw controller.signal.reason;
        const problem = networkError(error, hop, subject);
        if (visited.length > 1 && problem.code === 'refused_address') throw redirectRefused(hop.href, problem);
        throw problem;
      }
      if (REDIRECTS.has(response.status)) {
        response.discard();
        const location = response.header('location');
        if (!location)
          throw new FeedError('http_status', `The site answered with a redirect (HTTP ${response.status}) but did not say where to.`);
        if (visited.length > limits.maxRedirects) {
          throw new FeedError(
            'too_many_redirects',
            `The address redirects more than ${limits.maxRedirects} times, so the bot gave up following it.`,
          );
        }
        let target: string;
        try {
          target = new URL(location, hop).href;
        } catch {
          throw new FeedError('http_status', `The site redirects to "${location.slice(0, 100)}", which is not an address.`);
        }
        try {
          url = parseFeedUrl(target);
        } catch (error) {
          throw error instanceof FeedError ? redirectRefused(target, error) : error;
        }
        continue;
      }
      if (response.status === 304) {
        response.discard();
        if (!validators.etag && !validators.lastModified)
          throw new FeedError(
            'http_status',
            `The site answered "not modified" (HTTP 304) to a first request, so there is no ${subject.noun} to read.`,
          );
        return { kind: 'not-modified', url: hop.href };
      }
      if (response.status < 200 || response.status >= 300) {
        response.discard();
        throw statusError(response.status, retryAfterSeconds(response.header('retry-after'), Date.now()), subject);
      }
      let bytes: Uint8Array;
      try {
        bytes = await Promise.race([readCapped(response, limits.maxBytes, subject), aborted]);
      } catch (error) {
        response.discard();
        throw controller.signal.aborted ? controller.signal.reason : networkError(error, hop, subject);
      }
      const contentType = response.header('content-type');
      return {
        kind: 'ok',
        url: hop.href,
        text: decodeBody(bytes, contentType),
        contentType,
        etag: response.header('etag'),
        lastModified: response.header('last-modified'),
      };
    }
  } finally {
    clearTimeout(timer);
    limits.signal?.removeEventListener('abort', onCancel);
    // Anything still open (a body we stopped reading) is torn down with the request.
    if (!controller.signal.aborted) controller.abort(cancelled);
  }
}
