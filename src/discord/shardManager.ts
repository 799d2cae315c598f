import type { ChildProcess } from 'node:child_process';
import { REST, Routes, ShardingManager, type Shard } from 'discord.js';
import type { Config } from '../config';
import type { Logger } from '../log';
import { childLockEnv, lockDataDir } from '../store/dataLock';
import { removeStrayTempFiles } from '../store/strayTempFiles';
import { startMetricsServer, type MetricsServer } from '../metrics/server';
import { ShardMetrics } from '../metrics/shardMetrics';
import { isProcessMessage, type ProcessMessage } from './shardProcess';

/** A child that is not ready this long after it was started is given up on (start-up reads the library and logs in). */
const CHILD_READY_MS = 120_000;
/** A child that has not stopped this long after SIGTERM is killed. */
const CHILD_STOP_MS = 30_000;

/**
 * SHARD_PROCESSES=N: discord.js's ShardingManager runs the bot in N child
 * processes and starts again one that dies (`respawn`). The manager holds the
 * data folder's lock and passes it on (childLockEnv); it removes the
 * temporary files a crash left before any child starts, since a child doing it
 * later could remove another child's write in flight.
 *
 * ShardingManager runs one shard per child. To spread more shards than
 * processes, child i is given shards i, i+N, i+2N… through discord.js's own
 * SHARDS variable, which the child's Client reads (see shardProcess.ts).
 * The child holding shard 0 polls the feeds; the manager routes the
 * children's messages (ProcessMessage) between them.
 */
export async function runShardManager(config: Config, log: Logger, processes: number): Promise<void> {
  const lock = await lockDataDir(config.dataDir);
  await removeStrayTempFiles(config.dataDir, log);
  const token = config.discordToken ?? '';
  let total: number;
  try {
    total = config.shardCount === 'auto' ? Math.max(processes, await recommendedShards(config.discordApiUrl, token)) : config.shardCount;
  } catch (error) {
    await lock.release();
    throw error;
  }
  const manager = new ShardingManager(process.argv[1]!, {
    token,
    totalShards: processes,
    shardList: [...Array(processes).keys()],
    mode: 'process',
    respawn: true,
    // Under development (npm start) the children run through tsx as the manager does; compiled, plainly.
    execArgv: process.execArgv,
  });
  const children: Shard[] = [];
  const metrics =
    config.metricsPort === null
      ? undefined
      : new ShardMetrics(
          () =>
            children.map((shard) => ({
              index: shard.id,
              connected: () => shard.process?.connected === true,
              send: (message) => shard.send(message),
            })),
          Math.round(config.metricsWaitSeconds * 1000),
          log,
        );
  for (let i = 0; i < processes; i++) {
    const shard = manager.createShard(i);
    const ids = [...Array(total).keys()].filter((id) => id % processes === i);
    const env = shard.env as Record<string, unknown>;
    // SHARD_PROCESS_INDEX: the child's `shard_process` label, the same the manager gives it (shardProcess.ts).
    Object.assign(env, childLockEnv(), { SHARDS: JSON.stringify(ids), SHARD_COUNT: String(total), SHARD_PROCESS_INDEX: String(i) });
    // A child is never a manager (SHARDING_MANAGER tells it, whatever .env says), and serves no health endpoint (runDiscord.ts).
    delete env.SHARD_PROCESSES;
    shard.on('death', (child) => {
      metrics?.stopped(i);
      log.warn('shard_process_died', {
        process: i,
        shards: ids,
        exitCode: (child as ChildProcess).exitCode ?? null,
        respawn: manager.respawn,
      });
    });
    let spawns = 0;
    shard.on('spawn', (child) => {
      metrics?.started(i, spawns++ > 0);
      log.info('shard_process_started', { process: i, shards: ids, pid: (child as ChildProcess).pid });
    });
    shard.on('message', (message: unknown) => {
      if (!metrics?.receive(i, message)) route(manager, shard, message, log);
    });
    children.push(shard);
  }

  // The endpoint is the manager's (the children serve none): /healthz is 200 while every child runs and its shards are connected;
  // /metrics gathers the children's metrics at each scrape (ShardMetrics).
  let server: MetricsServer | undefined;
  if (metrics && config.metricsPort !== null) {
    const up = () => children.every((shard) => shard.process?.connected === true);
    server = await startMetricsServer(config.metricsHost, config.metricsPort, metrics, () => ({
      library: up(),
      gateway: up() && children.every((shard) => shard.ready),
    })).catch(async (error: unknown) => {
      await lock.release();
      throw new Error(
        `the health endpoint could not listen on ${config.metricsHost}:${config.metricsPort} (${(error as Error).message}); check METRICS_PORT and METRICS_HOST`,
      );
    });
  }

  let stopping: Promise<void> | null = null;
  const stop = (signal: string) => {
    stopping ??= (async () => {
      log.info('shutdown', { signal, processes: children.length });
      manager.respawn = false;
      await Promise.all(children.map((shard) => stopChild(shard)));
      await server?.close();
      await lock.release();
      log.info('stopped', {});
    })();
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(signal).then(() => process.exit(0)));

  try {
    // One after another, the feed poller (shard 0) first: it migrates feeds.json before any other child reads it.
    for (const shard of children) {
      if (stopping) break;
      await shard.spawn(CHILD_READY_MS);
    }
  } catch (error) {
    log.error('shard_process_failed', { error: (error as Error).message });
    await stop('start_failed');
    throw error;
  }
  if (!stopping) log.info('shards_ready', { processes, shards: total, metrics: server?.url });
}

/** Discord's recommended shard count (GET /gateway/bot), asked of DISCORD_API_URL. */
async function recommendedShards(apiUrl: string, token: string): Promise<number> {
  const rest = new REST({ api: apiUrl }).setToken(token);
  const { shards } = (await rest.get(Routes.gatewayBot())) as { shards: number };
  return shards;
}

async function stopChild(shard: Shard): Promise<void> {
  const child = shard.process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_STOP_MS);
  await exited;
  clearTimeout(timer);
}

/** Passes a child's message on: a /feed call to the poller and its result back, new feed articles to every other child. */
function route(manager: ShardingManager, from: Shard, message: unknown, log: Logger): void {
  if (!isProcessMessage(message)) return;
  const deliver = (to: Shard | undefined, payload: ProcessMessage) => {
    if (!to?.process?.connected) return false;
    to.send(payload).catch((error: Error) => log.warn('shard_message_lost', { to: to.id, kind: payload.pd, error: error.message }));
    return true;
  };
  if (message.pd === 'feed-call') {
    if (!deliver(manager.shards.get(0), { ...message, from: from.id })) {
      deliver(from, {
        pd: 'feed-result',
        id: message.id,
        error: { code: 'stopped', message: 'The process that follows the feeds is restarting; try again in a moment.' },
      });
    }
  } else if (message.pd === 'feed-result' && message.to !== undefined) {
    deliver(manager.shards.get(message.to), message);
  } else if (message.pd === 'feed-articles') {
    // A child that is down reads them from DATA_DIR/feed-articles/ when it starts again.
    for (const shard of manager.shards.values()) if (shard !== from) deliver(shard, message);
  }
}
