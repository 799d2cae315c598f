import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { Article } from '../../src/library/article';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AlertService, defaultAlertLimits } from '../../src/alerts/alertService';
import { AlertStore, type StoreShare } from '../../src/alerts/alertStore';
import type { Config } from '../../src/config';
import { linkShardProcess } from '../../src/discord/shardProcess';
import { Library } from '../../src/library/library';
import { makeArticle } from '../../src/library/makeArticle';
import { silentLogger } from '../../src/log';

// Discord routes a guild to shard (guild_id >> 22) % 2: this one to shard 1, the other to shard 0.
const ON_ONE = '2000000000000000001';
const ON_ZERO = '2000000000004194304';
const article = (id: string) =>
  makeArticle(id, 'Warships crossed the Taiwan Strait on Monday, the ministry said.', { title: `Strait ${id}` }, 'test');

describe('alert files shared by several processes (SHARD_PROCESSES)', () => {
  it('each process opens and alerts only its own guilds, and keeps its own record of matched articles, started from the single-process one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pd-share-'));
    // Before: one process, subscriptions in both guilds, 'old' already matched.
    const library = new Library(new SentenceIndex<Article>(), [
      makeArticle('seed', 'The council met on Monday to discuss the budget.', {}, 'test'),
    ]);
    library.add(article('old'));
    const single = await AlertService.open(new AlertStore(dataDir, silentLogger), library, defaultAlertLimits, silentLogger);
    await single.catchUp([{ article: article('old'), owner: null }]);
    await single.subscribe({ guildId: ON_ONE, channelId: 'c1' }, 'Taiwan Strait', undefined, 'u');
    await single.subscribe({ guildId: ON_ZERO, channelId: 'c0' }, 'Taiwan Strait', undefined, 'u');
    await single.stop();
    const legacy = readFileSync(join(dataDir, 'alerts', 'processed.json'), 'utf8');

    library.add(article('new'));
    const shares: StoreShare[] = [
      { name: 'shard-0', ownsGuild: (guildId) => guildId === ON_ZERO },
      { name: 'shard-1', ownsGuild: (guildId) => guildId === ON_ONE },
    ];
    const services = await Promise.all(
      shares.map((share) => AlertService.open(new AlertStore(dataDir, silentLogger, share), library, defaultAlertLimits, silentLogger)),
    );
    expect(services.map((s) => s.topicCount)).toEqual([1, 1]);
    // 'old' was matched before: only 'new' alerts, once in each guild, queued by the process that owns it.
    const queued = await Promise.all(
      services.map((s) =>
        s.catchUp([
          { article: article('old'), owner: null },
          { article: article('new'), owner: null },
        ]),
      ),
    );
    expect(queued).toEqual([1, 1]);
    expect(await Promise.all(services.map((s) => s.waiting()))).toEqual([1, 1]);
    expect((await services[0]!.list({ guildId: ON_ZERO, channelId: 'c0' }))[0]!.waiting).toBe(1);
    expect((await services[1]!.list({ guildId: ON_ONE, channelId: 'c1' }))[0]!.waiting).toBe(1);
    await Promise.all(services.map((s) => s.stop()));

    for (const name of ['shard-0', 'shard-1']) {
      const ids = (JSON.parse(readFileSync(join(dataDir, 'alerts', `processed-${name}.json`), 'utf8')) as { ids: string[] }).ids;
      expect(ids.sort()).toEqual(['new', 'old']);
    }
    // The single-process record is read, never written, while processes share the folder.
    expect(readFileSync(join(dataDir, 'alerts', 'processed.json'), 'utf8')).toBe(legacy);
  });

  it('a process starting on a new folder has no record and floods nothing; a guild file it does not own is never opened', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pd-share-'));
    const library = new Library(new SentenceIndex<Article>(), [article('first')]);
    const other = await AlertService.open(
      new AlertStore(dataDir, silentLogger, { name: 'shard-1', ownsGuild: (g) => g === ON_ONE }),
      library,
      defaultAlertLimits,
      silentLogger,
    );
    await other.subscribe({ guildId: ON_ONE, channelId: 'c1' }, 'Taiwan Strait', undefined, 'u');
    await other.stop();
    // A hand-broken file of a guild on the other process: this process must not open it (opening moves a broken file aside).
    writeFileSync(join(dataDir, 'alerts', `guild-${ON_ZERO}.json`), '{ broken');
    const mine = await AlertService.open(
      new AlertStore(dataDir, silentLogger, { name: 'shard-1', ownsGuild: (g) => g === ON_ONE }),
      library,
      defaultAlertLimits,
      silentLogger,
    );
    expect(mine.topicCount).toBe(1);
    expect(readFileSync(join(dataDir, 'alerts', `guild-${ON_ZERO}.json`), 'utf8')).toBe('{ broken');
    const zero = new AlertStore(dataDir, silentLogger, { name: 'shard-0', ownsGuild: (g) => g === ON_ZERO });
    const fresh = await AlertService.open(zero, library, defaultAlertLimits, silentLogger);
    expect(await fresh.catchUp([{ article: article('first'), owner: null }])).toBe(0);
    await fresh.stop();
    expect(existsSync(join(dataDir, 'alerts', 'processed-shard-0.json'))).toBe(true);
  });

  it('a child of the sharding manager owns the guilds on its shards, and the DMs when it holds shard 0', () => {
    const config = { feedTimeoutSeconds: 15 } as Config;
    const one = linkShardProcess({ ids: [1], count: 2 }, config, silentLogger);
    const zero = linkShardProcess({ ids: [0], count: 2 }, config, silentLogger);
    try {
      expect([one.share.ownsGuild(ON_ONE), one.share.ownsGuild(ON_ZERO), one.share.ownsGuild(null)]).toEqual([true, false, false]);
      expect([zero.share.ownsGuild(ON_ONE), zero.share.ownsGuild(ON_ZERO), zero.share.ownsGuild(null)]).toEqual([false, true, true]);
      expect([one.share.name, one.share.feedPoller, zero.share.name, zero.share.feedPoller]).toEqual(['shard-1', false, 'shard-0', true]);
      expect(one.share.forwardFeeds).toBeDefined();
      expect(zero.share.announceFeedArticles).toBeDefined();
    } finally {
      one.close();
      zero.close();
    }
  });
});
