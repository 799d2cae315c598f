import { mkdtempSync, watch } from 'node:fs';
import type { Article } from '../../src/library/article';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AlertService, defaultAlertLimits } from '../../src/alerts/alertService';
import { AlertStore } from '../../src/alerts/alertStore';
import { Library } from '../../src/library/library';
import { makeArticle } from '../../src/library/makeArticle';
import { silentLogger } from '../../src/log';

const GUILD = '2000000000000000001';
const OTHER = '2000000000000000009';
const article = (n: number) =>
  makeArticle(
    `strait-${n}`,
    `Warships crossed the Taiwan Strait for the ${n}th time on Monday, the ministry said.`,
    { title: `Strait report ${n}` },
    'test',
  );

describe('matching a poll’s articles together', () => {
  it('writes each alert file and processed.json once for a batch, not once per article, and a server’s own article alerts only there', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pd-alerts-'));
    const library = new Library(new SentenceIndex<Article>(), [
      makeArticle('seed', 'The council met on Monday to discuss the budget.', {}, 'test'),
    ]);
    const store = new AlertStore(dataDir, silentLogger);
    const alerts = await AlertService.open(store, library, defaultAlertLimits, silentLogger);
    await alerts.subscribe({ guildId: GUILD, channelId: 'c1' }, 'Taiwan Strait', undefined, 'u');
    await alerts.subscribe({ guildId: OTHER, channelId: 'c2' }, 'Taiwan Strait', undefined, 'u');
    await alerts.catchUp([]);
    const items = Array.from({ length: 40 }, (_, i) => ({ article: article(i), owner: i < 20 ? null : GUILD }));
    for (const { article: a, owner } of items) library.add(a, owner);

    const writes = new Map<string, number>();
    const watcher = watch(
      join(dataDir, 'alerts'),
      (_event, name) => void (name && !name.includes('.tmp') && writes.set(name, (writes.get(name) ?? 0) + 1)),
    );
    const queued = await alerts.onArticles(items);
    await store.flush();
    await new Promise((resolve) => setTimeout(resolve, 300));
    watcher.close();

    // 20 shared articles alert in both servers; the guild's own 20 only in that guild.
    expect(queued).toBe(60);
    expect((await alerts.list({ guildId: GUILD, channelId: 'c1' }))[0]!.waiting).toBe(40);
    expect((await alerts.list({ guildId: OTHER, channelId: 'c2' }))[0]!.waiting).toBe(20);
    // One write each (a write may show as up to two events: the rename and a change).
    for (const name of ['processed.json', `guild-${GUILD}.json`, `guild-${OTHER}.json`])
      expect(writes.get(name) ?? 0, name).toBeLessThanOrEqual(2);
    expect(writes.get('processed.json') ?? 0).toBeGreaterThan(0);
  });
});
