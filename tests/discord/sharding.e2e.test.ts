import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FakeGuild } from '../fakeDiscord';
import { GENERAL, GUILD, startHarness, type Harness } from '../helpers/bot';
import { sleep, TAIWAN_ARTICLE } from '../faults/helpers';

let harness: Harness | undefined;
afterEach(async () => {
  const unhandled = harness?.fake.unhandled.map((r) => `${r.method} ${r.path}`) ?? [];
  await harness?.close();
  harness = undefined;
  expect(unhandled).toEqual([]);
});

const MANAGE_CHANNELS = (1n << 4n).toString();
// Discord routes a guild to shard (guild_id >> 22) % 2: the default guild to shard 1, this one to shard 0.
const OTHER_GUILD = '2000000000004194304';
const OTHER_CHANNEL = '3000000000000000101';
const shardOf = (guildId: string) => Number((BigInt(guildId) >> 22n) % 2n);
const guilds: FakeGuild[] = [
  { id: GUILD, name: 'Shard one', channels: [{ id: GENERAL, name: 'general' }] },
  { id: OTHER_GUILD, name: 'Shard zero', channels: [{ id: OTHER_CHANNEL, name: 'general' }] },
];
const places = [
  { guildId: GUILD, channelId: GENERAL },
  { guildId: OTHER_GUILD, channelId: OTHER_CHANNEL },
];

describe('sharding in one process (SHARD_COUNT)', () => {
  it('takes the shard count from Discord by default and answers commands in guilds on both shards', async () => {
    expect([shardOf(GUILD), shardOf(OTHER_GUILD)].sort()).toEqual([0, 1]);
    const h = (harness = await startHarness({}, undefined, { shards: 2, guilds }));
    expect(h.fake.identifies.map((d) => d.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(h.logs.find((l) => l.event === 'ready')).toMatchObject({ shards: 2, guilds: 2 });
    for (const place of places) {
      const reply = await h.fake.sendCommand('ask', { question: 'Who chairs the CPTPP working group?' }, place).waitForReply(10_000);
      expect(reply.ackAtMs).toBeLessThan(3000);
      expect(reply.data.embeds?.[0]?.description).toContain('Tokyo chairs the CPTPP London membership working group.');
    }
    // The log line follows the reply.
    await vi.waitFor(
      () =>
        expect(
          h.logs
            .filter((l) => l.event === 'interaction')
            .map((l) => l.guild)
            .sort(),
        ).toEqual([GUILD, OTHER_GUILD].sort()),
      { timeout: 5000 },
    );
  });

  it('alerts the subscribed channels in guilds on both shards once each for an article dropped into the folder', async () => {
    const h = (harness = await startHarness({ SHARD_COUNT: '2' }, undefined, { shards: 2, guilds }));
    for (const place of places) {
      const reply = await h.fake
        .sendCommand('subscribe', { topic: 'Taiwan Strait' }, { ...place, permissions: MANAGE_CHANNELS })
        .waitForReply(10_000);
      expect(reply.data.embeds?.[0]?.title).toBe('Subscribed: “Taiwan Strait”');
    }
    writeFileSync(join(h.config.articlesDir, 'strait.md'), TAIWAN_ARTICLE);
    for (const place of places) await h.fake.waitForChannelMessages(place.channelId, 1, 10_000);
    await h.bot.app.services.alerts.idle();
    // Room for a second post to show up, were there one.
    await sleep(500);
    for (const place of places) {
      const posts = h.fake.channelMessages(place.channelId);
      expect(posts).toHaveLength(1);
      expect(posts[0]!.embeds[0]!.title).toBe('Strait tensions rise');
    }
  });

  it('refuses a SHARD_COUNT that is not auto or a count', async () => {
    const { loadConfig } = await import('../../src/config');
    expect(loadConfig({}).shardCount).toBe('auto');
    expect(loadConfig({ SHARD_COUNT: '4' }).shardCount).toBe(4);
    expect(() => loadConfig({ SHARD_COUNT: 'many' })).toThrow('SHARD_COUNT must be auto or a whole number from 1 to 10000 (got "many")');
  });
});
