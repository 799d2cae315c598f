import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import type { AppOptions } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { startDiscord, type RunningBot } from '../../src/discord/runDiscord';
import { createLogger } from '../../src/log';
import {
  DEFAULT_CHANNEL_IDS,
  DEFAULT_GUILD_ID,
  startFakeDiscord,
  type FakeDiscord,
  type FakeDiscordOptions,
  type FakeGuild,
} from '../fakeDiscord';
import { closeAfterTest } from './closeAfterTest';
import { shippedSeedsDir } from './seed';

/** Shaped like a real bot token, so the settings check accepts it. */
export const TEST_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAwMQ.GfakeX.fakefakefakefakefakefakefakefakefake12';
export const GENERAL = DEFAULT_CHANNEL_IDS.general;
export const NEWS = DEFAULT_CHANNEL_IDS.news;
export const GUILD = DEFAULT_GUILD_ID;
/** A second server, for checking that nothing one server sets up reaches another. */
export const OTHER_GUILD = '2000000000000000009';
export const OTHER_CHANNEL = '3000000000000000009';

/** The default server (channels general and news) and the other one (channel lobby), under the names a test gives them. */
export function twoServers(ours = 'Newsroom', theirs = 'Other'): FakeGuild[] {
  return [
    {
      id: GUILD,
      name: ours,
      channels: [
        { id: DEFAULT_CHANNEL_IDS.general, name: 'general' },
        { id: DEFAULT_CHANNEL_IDS.news, name: 'news' },
      ],
    },
    { id: OTHER_GUILD, name: theirs, channels: [{ id: OTHER_CHANNEL, name: 'lobby' }] },
  ];
}

/** Member permissions as an interaction carries them (a decimal string), for the commands that need one. */
export const MANAGE_CHANNELS = PermissionFlagsBits.ManageChannels.toString();
export const MANAGE_GUILD = PermissionFlagsBits.ManageGuild.toString();
export const MANAGE_MESSAGES = PermissionFlagsBits.ManageMessages.toString();

export interface Harness {
  fake: FakeDiscord;
  bot: RunningBot;
  config: Config;
  logs: Record<string, unknown>[];
  restart(): Promise<RunningBot>;
  close(): Promise<void>;
}

/** A temporary articles folder holding the shipped seed article (not whatever else seeds/ holds) plus any extra files. */
export function articlesDir(extra: Record<string, string> = {}): string {
  const dir = shippedSeedsDir();
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  return dir;
}

/** The real bot (discord.js client and all) against a fake Discord on 127.0.0.1, with fresh folders; closed after the test. */
export async function startHarness(
  env: Record<string, string> = {},
  options: AppOptions = { alertRetryBaseMs: 200, alertTickMs: 100, watchStabilityMs: 100 },
  fakeOptions: FakeDiscordOptions = {},
): Promise<Harness> {
  const fake = await startFakeDiscord({ token: TEST_TOKEN, heartbeatIntervalMs: 500, ...fakeOptions });
  const config = loadConfig({
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_API_URL: fake.apiUrl,
    ARTICLES_DIR: env.ARTICLES_DIR ?? articlesDir(),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'pd-data-')),
    ASK_COOLDOWN_SECONDS: '0',
    ...env,
  });
  const logs: Record<string, unknown>[] = [];
  const log = createLogger('info', (line) => logs.push(JSON.parse(line) as Record<string, unknown>));
  let bot = await startDiscord(config, log, options);
  const harness: Harness = {
    fake,
    get bot() {
      return bot;
    },
    config,
    logs,
    restart: async () => {
      await bot.stop();
      bot = await startDiscord(config, log, options);
      return bot;
    },
    close: async () => {
      // The fake Discord closes even when the bot fails to stop, so a failing test leaks no port.
      try {
        await bot.stop();
      } finally {
        await fake.close();
      }
    },
  };
  return closeAfterTest(harness);
}
