import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AlertFile } from '../../src/alerts/types';
import { startConsole, type ConsoleProcess } from '../helpers/consoleProcess';
import { seedArticle } from '../helpers/seed';

let started: ConsoleProcess | undefined;
afterEach(() => {
  if (started?.child.exitCode === null) started.child.kill('SIGKILL');
  started = undefined;
});

describe('digests in the console', () => {
  it('prints a digest that fell due while it was not running between replies, once, and lists the topic with its mode', async () => {
    const article = await seedArticle();
    const quote = 'Tokyo chairs the CPTPP London membership working group.';
    const start = article.text.indexOf(quote);
    expect(start).toBeGreaterThan(0);
    // The console's topics as an earlier run left them: a daily topic with one match collected long ago.
    const dataDir = mkdtempSync(join(tmpdir(), 'pd-console-digest-'));
    const file: AlertFile = {
      version: 1,
      subscriptions: [
        {
          id: 'sub1',
          guildId: null,
          channelId: 'console',
          topic: 'CPTPP',
          minScore: 0.7,
          createdBy: 'console',
          createdAt: '2020-01-01T00:00:00.000Z',
          lastFiredAt: null,
          alertsSent: 0,
          paused: null,
          mode: 'daily',
        },
      ],
      deliveries: [
        {
          key: `sub1:${article.id}`,
          subscriptionId: 'sub1',
          channelId: 'console',
          articleId: article.id,
          nonce: 'n0nce',
          status: 'collected',
          score: 0.9,
          quotes: [{ articleId: article.id, start, end: start + quote.length }],
          createdAt: '2020-01-01T09:00:00.000Z',
          attempts: 0,
          nextAttemptAt: '2020-01-01T09:00:00.000Z',
        },
      ],
    };
    mkdirSync(join(dataDir, 'console', 'alerts'), { recursive: true });
    writeFileSync(join(dataDir, 'console', 'alerts', 'dm.json'), JSON.stringify(file));
    started = startConsole({ DATA_DIR: dataDir });
    await started.ready;
    await vi.waitFor(() => expect(started!.stdout()).toContain('[alert] Daily digest: “CPTPP”'), { timeout: 15_000 });
    expect(started.stdout()).toContain(`1. “${quote}”`);
    // The digest is marked sent just after it prints: ask until the list shows it (a reply per ask).
    let asked = 0;
    await vi.waitFor(
      () => {
        const lists = started!.stdout().split('Topics followed here').length - 1;
        if (lists === asked) {
          started!.child.stdin!.write('/subscriptions\n');
          asked++;
        }
        expect(started!.stdout().split('Topics followed here').at(-1)!.replace(/\s+/g, ' ')).toContain('1 digest sent');
      },
      { timeout: 20_000, interval: 300 },
    );
    expect(started.stdout().replace(/\s+/g, ' ')).toMatch(
      /• “CPTPP” \(min 70%, daily digest at 08:00 UTC\) · next digest \d{4}-\d\d-\d\d 08:00 UTC · 1 digest sent · 0 articles collected/,
    );
    started.child.stdin!.end();
    expect(await started.exited).toBe(0);
    expect(started.stdout().match(/\[alert\]/g)).toHaveLength(1);
  });
});
