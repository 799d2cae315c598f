import { randomBytes } from 'node:crypto';
import { ShardClientUtil } from 'discord.js';
import type { App, AppShare, FeedArticleRef } from '../app';
import type { Config } from '../config';
import { FeedError, type FeedErrorCode } from '../feeds';
import type { FeedForward } from '../feeds/feedFollower';
import type { Logger } from '../log';

/**
 * The child side of SHARD_PROCESSES (the manager is shardManager.ts). The
 * manager starts each child with discord.js's SHARDING_MANAGER, SHARDS (this
 * child's shard ids) and SHARD_COUNT, and SHARD_PROCESS_INDEX (its process
 * number, which names its metrics); from them the child knows which guilds
 * it owns, and whether it is the feed poller (the child holding shard 0, which
 * also holds the DMs). Messages between children go through the manager
 * (`pd` messages, routed in shardManager.ts):
 *  - `feed-call` / `feed-result`: /feed add and remove, run by the poller;
 *  - `feed-articles`: the poller's new feed articles, for every other child.
 * With METRICS_PORT, the manager's scrape of /metrics asks each child for its
 * metrics the same way (`metrics-request` / `metrics-result`, in
 * src/metrics/shardMetrics.ts, answered from runDiscord.ts).
 */
export interface ShardAssignment {
  ids: number[];
  count: number;
  /** The child's process number (0…N-1) as the manager counts them (SHARD_PROCESS_INDEX): its metrics' `shard_process`. */
  process: number;
}

/** This process's shards when a sharding manager started it, else null. */
export function shardAssignmentFromEnv(env: NodeJS.ProcessEnv = process.env): ShardAssignment | null {
  if (!env.SHARDING_MANAGER || env.SHARDS === undefined || !env.SHARD_COUNT || !process.send) return null;
  const parsed: unknown = JSON.parse(env.SHARDS);
  const ids = (Array.isArray(parsed) ? parsed : [parsed]).map(Number);
  const count = Number(env.SHARD_COUNT);
  if (ids.length === 0 || !ids.every((id) => Number.isInteger(id) && id >= 0 && id < count))
    throw new Error(`SHARDS ${env.SHARDS} does not fit SHARD_COUNT ${env.SHARD_COUNT}`);
  const index = Number(env.SHARD_PROCESS_INDEX);
  if (env.SHARD_PROCESS_INDEX === undefined || !Number.isInteger(index) || index < 0)
    throw new Error(`SHARD_PROCESS_INDEX must be the process number the sharding manager gives (got ${env.SHARD_PROCESS_INDEX})`);
  return { ids, count, process: index };
}

/** Every log line of a child says which shards it runs: the children of one manager write to one stderr. */
export function logWithShards(log: Logger, { ids }: ShardAssignment): Logger {
  const tag = (fields: Record<string, unknown> = {}) => ({ shardIds: ids, ...fields });
  return {
    debug: (event, fields) => log.debug(event, tag(fields)),
    info: (event, fields) => log.info(event, tag(fields)),
    warn: (event, fields) => log.warn(event, tag(fields)),
    error: (event, fields) => log.error(event, tag(fields)),
  };
}

export type ProcessMessage =
  | { pd: 'feed-call'; id: string; from?: number; method: 'add' | 'remove'; args: unknown[] }
  | { pd: 'feed-result'; id: string; to?: number; result?: unknown; error?: { code: FeedErrorCode | null; message: string } }
  | { pd: 'feed-articles'; items: FeedArticleRef[]; alert: boolean };

export const isProcessMessage = (message: unknown): message is ProcessMessage =>
  typeof message === 'object' && message !== null && typeof (message as { pd?: unknown }).pd === 'string';

export interface ShardLink {
  share: AppShare;
  /** Called once the app is up (alerts started): runs what arrived before. */
  attach(app: App): void;
  close(): void;
}

/** Joins the other children through the manager. Listens at once, so no message is lost while the app loads. */
export function linkShardProcess(assignment: Pick<ShardAssignment, 'ids' | 'count'>, config: Config, log: Logger): ShardLink {
  const { ids, count } = assignment;
  const feedPoller = ids.includes(0);
  // The channel can close (the manager is going) while a feed call runs: without a callback, Node raises the failed
  // send as an 'error' on process, which would crash the child.
  const send = (message: ProcessMessage) => {
    const lost = (error: Error) => log.warn('shard_message_lost', { kind: message.pd, error: error.message });
    if (!process.connected) lost(new Error('the channel to the sharding manager is closed'));
    else process.send!(message, (error: Error | null) => error && lost(error));
  };
  let app: App | null = null;
  const waiting: { items: FeedArticleRef[]; alert: boolean }[] = [];
  const calls = new Map<string, { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  // The poller fetches the feed once (FEED_TIMEOUT_SECONDS at most) and writes a few files.
  const callTimeoutMs = config.feedTimeoutSeconds * 1000 + 30_000;

  const receive = (items: FeedArticleRef[], alert: boolean) =>
    app!
      .receiveFeedArticles(items, alert)
      .catch((error: unknown) => log.error('feed_articles_not_received', { error: (error as Error).message }));

  const onMessage = (message: unknown) => {
    if (!isProcessMessage(message)) return;
    if (message.pd === 'feed-articles') {
      if (app) void receive(message.items, message.alert);
      else waiting.push(message);
    } else if (message.pd === 'feed-result') {
      const call = calls.get(message.id);
      if (!call) return;
      calls.delete(message.id);
      clearTimeout(call.timer);
      if (message.error)
        call.reject(message.error.code ? new FeedError(message.error.code, message.error.message) : new Error(message.error.message));
      else call.resolve(message.result);
    } else if (message.pd === 'feed-call' && feedPoller) {
      void runCall(message).then(send);
    }
  };

  /** In the poller: a /feed add or remove from a guild of another child. */
  const runCall = async (call: Extract<ProcessMessage, { pd: 'feed-call' }>): Promise<ProcessMessage> => {
    const reply = { pd: 'feed-result' as const, id: call.id, to: call.from };
    if (!app) return { ...reply, error: { code: 'stopped', message: 'The bot is starting; try again in a moment.' } };
    const feeds = app.services.feeds;
    try {
      const result =
        call.method === 'add'
          ? await feeds.add(...(call.args as Parameters<typeof feeds.add>))
          : await feeds.remove(...(call.args as Parameters<typeof feeds.remove>));
      return { ...reply, result };
    } catch (error) {
      return { ...reply, error: { code: error instanceof FeedError ? error.code : null, message: (error as Error).message } };
    }
  };

  const call = <T>(method: 'add' | 'remove', args: unknown[]): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = randomBytes(8).toString('hex');
      const timer = setTimeout(() => {
        calls.delete(id);
        reject(new FeedError('timeout', 'The process that follows the feeds did not answer in time; try again in a moment.'));
      }, callTimeoutMs);
      calls.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      send({ pd: 'feed-call', id, method, args });
    });

  const forwardFeeds: FeedForward = {
    add: (url, addedBy, owner, options) => call('add', [url, addedBy, owner, options]),
    remove: (ref, owner) => call('remove', [ref, owner]),
  };

  process.on('message', onMessage);
  return {
    share: {
      name: `shard-${Math.min(...ids)}`,
      // DMs arrive on shard 0 (Discord's rule), so the DMs' files are the poller's.
      ownsGuild: (guildId) => ids.includes(guildId === null ? 0 : ShardClientUtil.shardIdForGuildId(guildId, count)),
      feedPoller,
      forwardFeeds: feedPoller ? undefined : forwardFeeds,
      announceFeedArticles: feedPoller ? (items, alert) => void send({ pd: 'feed-articles', items, alert }) : undefined,
    },
    attach: (attached) => {
      app = attached;
      for (const { items, alert } of waiting.splice(0)) void receive(items, alert);
    },
    close: () => {
      process.off('message', onMessage);
      for (const [id, pending] of calls) {
        clearTimeout(pending.timer);
        pending.reject(new FeedError('stopped', 'The bot is shutting down; try again in a moment.'));
        calls.delete(id);
      }
    },
  };
}
