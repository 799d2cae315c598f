import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serve } from '../feeds/helpers';
import { runScript } from '../helpers/runScript';

describe('/article add url: when the fetch fails', () => {
  it('names the article and MAX_ARTICLE_BYTES in readable units, and promises no retry that /article add never makes', async () => {
    const body = `${'The council met on Tuesday and approved the budget. '.repeat(56)}\n`;
    const server = await serve((req, res) => {
      if (req.url === '/long.txt') res.writeHead(200, { 'content-type': 'text/plain' }).end(body);
      else if (req.url === '/busy.txt') res.writeHead(503).end();
      else if (req.url === '/often.txt') res.writeHead(429).end();
      else res.writeHead(404).end();
    });
    const dir = mkdtempSync(join(tmpdir(), 'pd-console-add-fetch-'));
    const input = ['long.txt', 'gone.txt', 'busy.txt', 'often.txt'].map((name) => `/article add url:${server.base}/${name}`);
    const { code, stdout } = await runScript('src/main.ts', [], {
      input: `${input.join('\n')}\n`,
      env: { DATA_DIR: join(dir, 'data'), MAX_ARTICLE_BYTES: '1000', FEEDS_ALLOW_PRIVATE: 'true' },
    });
    expect(code).toBe(0);
    const replies = stdout
      .trim()
      .split('\n\n')
      .map((reply) => reply.replace(/\s+/g, ' '));
    expect(replies).toHaveLength(4);
    expect(body.length).toBeGreaterThan(2900);
    expect(replies[0]).toContain('The article is larger than 1 KB, the most the bot reads (MAX_ARTICLE_BYTES), so it was not read.');
    expect(replies[1]).toContain('The article was not found there (HTTP 404).');
    expect(replies[2]).toContain('server error (HTTP 503); try again later.');
    expect(replies[3]).toContain('asking too often (HTTP 429); try again later.');
    expect(stdout).not.toMatch(/feed|FEED_MAX_BYTES|will be tried|will try/i);
  });
});
