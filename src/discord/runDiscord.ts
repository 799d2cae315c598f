import { Events, Status, type Client } from 'discord.js';
import { createApp, type App, type AppOptions } from '../app';
import type { Config } from '../config';
import type { Logger } from '../log';
import { DataDirLockedError } from '../store/dataLock';
import { StartupError } from '../startupFolders';
import { createClient } from './client';
import { handleInteraction } from './handleInteraction';
import { discordPoster } from './postAlert';
import { Metrics } from '../metrics/metrics';
import { startMetricsServer, type MetricsServer } from '../metrics/server';
import { answerMetricsRequests } from '../metrics/shardMetrics';
import { linkShardProcess, logWithShards, shardAssignmentFromEnv } from './shardProcess';

/** Discord refused or could not be reached at login; every other start-up failure is the bot's own. */
export class LoginError extends Error {}

export interface RunningBot {
  app: App;
  /** The health and metrics endpoint (http://host:port), when METRICS_PORT is set. */
  metricsUrl?: string;
  /** Stops taking interactions, finishes the ones in flight and the writes, logs out. */
  stop(): Promise<void>;
}

/** Logs in and serves; returns once the gateway is ready. */
export async function startDiscord(config: Config, processLog: Logger, options: AppOptions = {}): Promise<RunningBot> {
  // A child of the sharding manager (SHARD_PROCESSES) owns only its shards' guilds: see shardProcess.ts.
  const assignment = shardAssignmentFromEnv();
  const baseLog = assignment ? logWithShards(processLog, assignment) : processLog;
  const metrics = config.metricsPort === null ? undefined : new Metrics(assignment ? { shardProcess: String(assignment.process) } : {});
  const log = metrics ? metrics.observe(baseLog) : baseLog;
  // Up before the library loads, so a health check sees "loading" rather than nothing.
  const live: { app?: App; client?: Client } = {};
  const health = () => ({ library: live.app !== undefined, gateway: live.client !== undefined && gatewayConnected(live.client) });
  // One port cannot be served by several processes: a child's metrics go to the manager, which serves them with the others'.
  const server = metrics && !assignment ? await listen(config, metrics, health) : undefined;
  const stopAnswering = metrics && assignment ? answerMetricsRequests(metrics.registry) : undefined;
  const link = assignment ? linkShardProcess(assignment, config, log) : undefined;
  const app = await createApp(config, log, link ? { ...options, share: link.share } : options).catch(async (error: unknown) => {
    link?.close();
    stopAnswering?.();
    await server?.close();
    throw error;
  });
  const client = createClient(config.discordApiUrl, assignment ?? config.shardCount);
  Object.assign(live, { app, client });
  metrics?.measure({
    articles: () => app.services.library.size().articles,
    sentences: () => app.services.library.size().sentences,
    alertsWaiting: () => app.services.alerts.waiting(),
    gatewayConnected: () => gatewayConnected(client),
  });
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
  await client.login(config.discordToken ?? '').catch((error: unknown) => {
    throw new LoginError((error as Error).message);
  });
  await ready;
  // /help mentions commands by their registered ids; without them it names them as plain text.
  await Promise.allSettled([
    client.application?.commands.fetch(),
    ...(config.discordGuildId ? [client.guilds.cache.get(config.discordGuildId)?.commands.fetch()] : []),
  ]);
  await app.startAlerts(discordPoster(client));
  link?.attach(app);
  log.info('ready', {
    user: client.user?.tag,
    guilds: client.guilds.cache.size,
    shards: client.ws.shards.size,
    articles: app.services.library.sharedCount,
    topics: app.services.alerts.topicCount,
    metrics: server?.url,
  });

  return {
    app,
    metricsUrl: server?.url,
    stop: async () => {
      stopping = true;
      await Promise.allSettled([...inFlight]);
      link?.close();
      stopAnswering?.();
      await app.close();
      await client.destroy();
      await server?.close();
      log.info('stopped', {});
    },
  };
}

/** Every shard of this process is connected (and has had its guilds), as discord.js tracks it. */
function gatewayConnected(client: Client): boolean {
  return client.ws.shards.size > 0 && client.ws.shards.every((shard) => shard.status === Status.Ready);
}

async function listen(config: Config, metrics: Metrics, health: () => { library: boolean; gateway: boolean }): Promise<MetricsServer> {
  try {
    const server = await startMetricsServer(config.metricsHost, config.metricsPort ?? 0, metrics.registry, health);
    return server;
  } catch (error) {
    throw new StartupError(
      `the health and metrics endpoint could not listen on ${config.metricsHost}:${config.metricsPort} (${(error as Error).message}); check METRICS_PORT and METRICS_HOST`,
    );
  }
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
  // A child of the sharding manager stops with it, even when the manager was killed without passing a signal on.
  if (shardAssignmentFromEnv()) {
    process.once('disconnect', () => {
      signalled ??= 'disconnect';
      stop();
    });
  }
  try {
    bot = await startDiscord(config, log);
  } catch (error) {
    const message = (error as Error).message;
    if (!(error instanceof LoginError)) {
      // A folder, the lock, the metrics port: named as what it is, not as a login failure. A bug keeps its stack.
      const known =
        error instanceof DataDirLockedError || error instanceof StartupError || (error as NodeJS.ErrnoException).code !== undefined;
      process.stderr.write(`Policy Desk cannot start: ${known ? message : ((error as Error).stack ?? message)}\n`);
      process.exit(1);
    }
    // discord.js says "An invalid token was provided." for a 401; say what to do about it.
    process.stderr.write(
      `Policy Desk could not log in to Discord: ${message}${/token/i.test(message) ? ' Check DISCORD_TOKEN (Bot page of the developer portal).' : ''}\n`,
    );
    process.exit(1);
  }
  if (signalled) stop();
}
