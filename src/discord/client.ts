import { Client, GatewayIntentBits, Options } from 'discord.js';
import type { ShardAssignment } from './shardProcess';

/**
 * Slash commands arrive as interactions, which need no privileged intent:
 * Guilds is enough to know the channels alerts are posted to. Caches of
 * things the bot never reads are turned off.
 *
 * Discord's global limit of 50 requests a second does not apply to
 * interaction endpoints (replies, edits, follow-ups), but discord.js counts
 * them against it, which queues replies behind each other under load. The
 * bot's only other requests are alert posts, which the alert service paces
 * well under 50 a second itself (ALERT_POSTS_PER_SECOND), so discord.js's
 * own global cap is raised; real 429s from Discord are still obeyed.
 */
export const GLOBAL_REQUESTS_PER_SECOND = 500;

/**
 * Shards run inside this one process (discord.js's internal sharding). 'auto'
 * takes the count Discord recommends (GET /gateway/bot), which is what
 * Discord requires from 2,500 guilds; Discord then routes each guild's events,
 * interactions included, to shard (guild_id >> 22) % count.
 */
export function createClient(apiUrl: string, shards: number | 'auto' | ShardAssignment = 'auto'): Client {
  // discord.js reads SHARD_COUNT as a number of shards whenever it is set; this bot's SHARD_COUNT, already read, may be
  // "auto" or empty (both meaning auto), which discord.js took as NaN or 0 shards and refused, stopping the start.
  if (shards === 'auto') delete process.env.SHARD_COUNT;
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    // A child of the sharding manager (SHARD_PROCESSES) runs only its own shards of the whole count.
    ...(shards === 'auto'
      ? { shards: 'auto' as const }
      : typeof shards === 'number'
        ? { shards: [...Array(shards).keys()], shardCount: shards }
        : { shards: shards.ids, shardCount: shards.count }),
    rest: { api: apiUrl, globalRequestsPerSecond: GLOBAL_REQUESTS_PER_SECOND },
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      ReactionManager: 0,
      GuildMemberManager: 0,
      PresenceManager: 0,
    }),
  });
}
