import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript } from '../helpers/runScript';
import { rss, serve, story } from '../feeds/helpers';

describe('dates and OPML in the console', () => {
  it('/feed import reads a local OPML file, /feed export writes one, and since: refuses a bad date', async () => {
    const server = await serve((req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(`Feed ${req.url}`, [story(1)])),
    );
    const dir = mkdtempSync(join(tmpdir(), 'pd-console-opml-'));
    const file = join(dir, 'reader.opml');
    writeFileSync(
      file,
      `<opml version="2.0"><body><outline text="One" xmlUrl="${server.base}/one.xml"/><outline text="Two" xmlUrl="${server.base}/two.xml"/><outline xmlUrl="gopher://old.example/"/></body></opml>`,
    );
    const input = [
      `/feed import file:${file}`,
      '/feed export',
      '/ask question:"Who chairs the CPTPP working group?" since:yesterday',
      '/articles since:2024-01-01',
      '',
    ].join('\n');
    const { code, stdout } = await runScript('src/main.ts', [], {
      input,
      env: { DATA_DIR: join(dir, 'data'), FEEDS_ALLOW_PRIVATE: 'true' },
    });
    expect(code).toBe(0);
    expect(stdout).toContain('2 feeds added, 0 already followed, 1 refused.');
    expect(stdout).toMatch(/gopher:\/\/old\.example\/: Only http and https/);
    const exported = /policy-desk-feeds\.opml written to (\S+)$/m.exec(stdout)![1]!;
    expect(readFileSync(exported, 'utf8')).toContain(`xmlUrl="${server.base}/one.xml"`);
    expect(stdout).toMatch(/“yesterday” is not a date I can read for since:\. Write a date as YYYY-MM-DD/);
    // The shipped article has no date; the feed articles were not imported (no backfill).
    expect(stdout).toContain('No article is dated since 2024-01-01');
  });
});
