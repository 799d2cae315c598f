import { Events } from 'discord.js';
import { createApp, type App, type AppOptions } from '../app';
import type { Config } from '../config';
import type { Logger } from '../log';
import { DataDirLockedError } from '../store/dataLock';
import { createClient } from './client';
import { handleInteraction } from './handleInteraction';
import { discordPoster } from './postAlert';

export interface RunningBot {
  app: App;
  /** Stops taking interactions, finishes the ones in flight and the writes, logs out. */
  stop(): Promise<void>;
}

/** Logs in and serves; returns once the gateway is ready. */
export async function startDiscord(config: Config, log: Logger, options: AppOptions = {}): Promise<RunningBot> {
  const app = await createApp(config, log, options);
  const client = createClient(config.discordApiUrl);
  const inFlight = new Set<Promise<void>>();
  let stopping = false;

  client.on(Events.InteractionCreate, (interaction) => {
    if (stopping) return;
    const work = handleInteraction(interaction, app.runner, log).finally(() => inFlight.delete(work));
    inFlight.add(work);
  });
  client.on(Events.Error, (error) => log.error('gateway_error', { error: error.message }));
  client.on(Events.ShardDisconnect, (event, shard) => log.warn('gateway_disconnected', { shard, code: event.code }));
  client.on(Events.ShardResume, (shard, replayed) => log.info('gateway_resumed', { shard, replayed }));
  client.on(Events.ShardReconnecting, (shard) => log.info('gateway_reconnecting', { shard }));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(config.discordToken ?? '');
  await ready;
  await app.startAlerts(discordPoster(client));
  log.info('ready', { user: client.user?.tag, guilds: client.guilds.cache.size, articles: app.services.library.index.articleCount, topics: app.services.alerts.topicCount });

  return {
    app,
    stop: async () => {
      stopping = true;
      await Promise.allSettled([...inFlight]);
      await app.close();
      await client.destroy();
      log.info('stopped', {});
    },
  };
}

/** npm start with a token: serve until SIGINT or SIGTERM, then stop cleanly and exit 0. */
export async function runDiscord(config: Config, log: Logger): Promise<void> {
  // Signals are caught from the first moment: one that arrives during start-up stops the bot once it is up.
  let signalled: string | null = null;
  let bot: RunningBot | undefined;
  const stop = () => {
    if (!bot) return;
    const running = bot;
    bot = undefined;
    log.info('shutdown', { signal: signalled });
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('shutdown_failed', { error: (error as Error).message });
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      signalled ??= signal;
      stop();
    });
  }
  try {
    bot = await startDiscord(config, log);
  } catch (error) {
    const message = (error as Error).message;
    if (error instanceof DataDirLockedError) {
      process.stderr.write(`Policy Desk cannot start: ${message}\n`);
      process.exit(1);
    }
    // discord.js says "An invalid token was provided." for a 401; say what to do about it.
    process.stderr.write(`Policy Desk could not log in to Discord: ${message}${/token/i.test(message) ? ' Check DISCORD_TOKEN (Bot page of the developer portal).' : ''}\n`);
    process.exit(1);
  }
  if (signalled) stop();
}
