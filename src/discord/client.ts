import { Client, GatewayIntentBits, Options } from 'discord.js';

/**
 * Slash commands arrive as interactions, which need no privileged intent:
 * Guilds is enough to know the channels alerts are posted to. Caches of
 * things the bot never reads are turned off.
 */
export function createClient(apiUrl: string): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: apiUrl },
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0, ReactionManager: 0, GuildMemberManager: 0, PresenceManager: 0 }),
  });
}
