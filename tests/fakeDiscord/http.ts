import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeState, PendingFailure } from './state';
import type { RecordedFile, RecordedRequest } from './types';
import { isRecord, nowMs, sleep } from './util';

export interface RouteContext {
  state: FakeState;
  request: RecordedRequest;
  params: Record<string, string>;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: string;
  /** Express-style pattern below /api/v10, e.g. "/channels/:channelId/messages". */
  pattern: string;
  /** Whether the route needs `Authorization: Bot <token>` (webhook/interaction routes use the token in the URL instead). */
  auth: boolean;
  handle(ctx: RouteContext): RouteResult;
}

interface CompiledRoute extends Route {
  regex: RegExp;
  keys: string[];
}

export function compileRoutes(routes: Route[]): CompiledRoute[] {
  return routes.map((route) => {
    const keys: string[] = [];
    const source = route.pattern
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        keys.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    return { ...route, regex: new RegExp(`^${source}$`), keys };
  });
}

const API_PREFIX = '/api/v10';

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

class BadJson extends Error {}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** discord.js sends JSON, or multipart with the JSON in `payload_json` and files as `files[n]`. */
async function parseBody(raw: Buffer, contentType: string): Promise<{ body: unknown; files: RecordedFile[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType.startsWith('application/json')) {
    try {
      return { body: JSON.parse(raw.toString('utf8')) as unknown, files: [] };
    } catch {
      throw new BadJson();
    }
  }
  if (contentType.startsWith('multipart/form-data')) {
    // Node's fetch Response already implements a spec-compliant multipart parser.
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
    let body: unknown;
    const files: RecordedFile[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') {
          try {
            body = JSON.parse(value) as unknown;
          } catch {
            throw new BadJson();
          }
        }
        continue;
      }
      const data = Buffer.from(await value.arrayBuffer());
      files.push({ field, filename: value.name, contentType: value.type, size: data.length, data });
    }
    return { body, files };
  }
  return { body: raw.toString('utf8'), files: [] };
}

function send(res: ServerResponse, request: RecordedRequest | null, result: RouteResult): void {
  if (request) request.status = result.status;
  if (res.writableEnded || res.destroyed) return;
  const headers: Record<string, string> = { ...result.headers };
  if (result.status === 204 || result.body === undefined) {
    res.writeHead(result.status, headers);
    res.end();
    return;
  }
  const payload = Buffer.isBuffer(result.body) ? result.body : Buffer.from(JSON.stringify(result.body));
  headers['content-type'] ??= 'application/json';
  headers['content-length'] = String(payload.length);
  res.writeHead(result.status, headers);
  res.end(payload);
}

function takeFailure(state: FakeState, method: string, path: string): PendingFailure | undefined {
  const index = state.failures.findIndex(
    (f) => (f.matcher.method === undefined || f.matcher.method.toUpperCase() === method) && f.matcher.path.test(path),
  );
  if (index === -1) return undefined;
  const failure = state.failures[index];
  if (!failure) return undefined;
  failure.remaining -= 1;
  if (failure.remaining <= 0) state.failures.splice(index, 1);
  return failure;
}

/** Fills in the bodies/headers Discord would send so a test only has to say `{ status: 429 }`. */
function injectedResult(failure: PendingFailure, status: number): RouteResult {
  const headers: Record<string, string> = { ...failure.response.headers };
  let body = failure.response.body;
  if (status === 429) {
    const retryHeader = Object.entries(headers).find(([k]) => k.toLowerCase() === 'retry-after')?.[1];
    const bodyRetry = isRecord(body) && typeof body.retry_after === 'number' ? body.retry_after : undefined;
    const retryAfter = retryHeader !== undefined ? Number(retryHeader) : (bodyRetry ?? 0.05);
    if (retryHeader === undefined) headers['retry-after'] = String(retryAfter);
    headers['x-ratelimit-scope'] ??= 'user';
    body ??= { message: 'You are being rate limited.', retry_after: retryAfter, global: false };
  } else if (status >= 500) {
    body ??= { message: `${status}: Internal Server Error`, code: 0 };
  }
  return { status, body, headers };
}

export function createRequestHandler(state: FakeState, routes: Route[]): (req: IncomingMessage, res: ServerResponse) => void {
  const compiled = compileRoutes(routes);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();

    if (method === 'GET' && url.pathname.startsWith('/attachments/')) {
      const id = url.pathname.split('/')[2] ?? '';
      const file = state.attachments.get(id);
      if (file) {
        send(res, null, { status: 200, body: file.data, headers: { 'content-type': file.contentType } });
        return;
      }
    }

    const raw = await readBody(req);
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    const pathname = safeDecode(url.pathname);
    // discord.js percent-encodes "@original" (%40original); record the decoded form so matchers read naturally.
    const path = pathname.startsWith(`${API_PREFIX}/`) ? pathname.slice(API_PREFIX.length) : pathname;
    const request: RecordedRequest = {
      method,
      path,
      query: Object.fromEntries(url.searchParams.entries()),
      headers,
      body: undefined,
      files: [],
      atMs: nowMs(),
      status: null,
      injected: false,
    };
    state.requests.push(request);

    try {
      const parsed = await parseBody(raw, headers['content-type'] ?? '');
      request.body = parsed.body;
      request.files = parsed.files;
    } catch (error) {
      const message = error instanceof BadJson ? 'The request body contains invalid JSON.' : `Unparseable request body: ${String(error)}`;
      send(res, request, { status: 400, body: { code: 50109, message } });
      state.changed();
      return;
    }
    state.changed();

    const failure = takeFailure(state, method, path);
    if (failure) {
      if (failure.response.delayMs) await sleep(failure.response.delayMs);
      if (failure.response.networkError) {
        request.injected = true;
        request.status = 0;
        req.socket.destroy();
        state.changed();
        return;
      }
      if (failure.response.status !== undefined) {
        request.injected = true;
        send(res, request, injectedResult(failure, failure.response.status));
        state.changed();
        return;
      }
    }

    const unhandled = (status: number, message: string): void => {
      state.unhandled.push(request);
      send(res, request, { status, body: { message, code: 0 } });
      state.changed();
    };

    if (!pathname.startsWith(`${API_PREFIX}/`)) {
      unhandled(404, '404: Not Found');
      return;
    }
    const pathMatches = compiled.filter((route) => route.regex.test(path));
    const route = pathMatches.find((r) => r.method === method);
    if (!route) {
      unhandled(pathMatches.length > 0 ? 405 : 404, pathMatches.length > 0 ? '405: Method Not Allowed' : '404: Not Found');
      return;
    }
    if (route.auth && headers.authorization !== `Bot ${state.token}`) {
      send(res, request, { status: 401, body: { message: '401: Unauthorized', code: 0 } });
      state.changed();
      return;
    }
    const match = route.regex.exec(path);
    const params: Record<string, string> = {};
    route.keys.forEach((key, i) => {
      params[key] = match?.[i + 1] ?? '';
    });
    let result: RouteResult;
    try {
      result = route.handle({ state, request, params });
    } catch (error) {
      // A crash in the fake is a bug in the fake; make it visible to the test via `unhandled`.
      state.unhandled.push(request);
      result = { status: 500, body: { message: `fake Discord handler crashed: ${String(error)}`, code: 0 } };
    }
    if (failure?.response.holdAnswerMs) {
      state.changed();
      await sleep(failure.response.holdAnswerMs);
    }
    send(res, request, result);
    state.changed();
  }

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      send(res, null, { status: 500, body: { message: `fake Discord crashed: ${String(error)}`, code: 0 } });
    });
  };
}
