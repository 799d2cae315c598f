/**
 * npm run deploy-commands: registers the slash commands with Discord, to one
 * guild when DISCORD_GUILD_ID is set (instant, for testing), globally otherwise.
 * Run it when command definitions change, not on every start.
 */
import { REST, Routes, type RESTGetCurrentApplicationResult, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import { loadCommands } from '../command/load';
import { ConfigError, loadConfig, loadDotEnv, type Config } from '../config';
import { createLogger } from '../log';

export async function deployCommands(config: Config): Promise<{ scope: string; count: number }> {
  if (!config.discordToken) throw new ConfigError('DISCORD_TOKEN is not set; deploy-commands needs the bot token');
  const rest = new REST({ api: config.discordApiUrl }).setToken(config.discordToken);
  const applicationId =
    config.discordApplicationId ?? ((await rest.get(Routes.currentApplication())) as RESTGetCurrentApplicationResult).id;
  const body = (await loadCommands(createLogger('warn'))).map((command) => command.data.toJSON());
  const route = config.discordGuildId
    ? Routes.applicationGuildCommands(applicationId, config.discordGuildId)
    : Routes.applicationCommands(applicationId);
  const result = (await rest.put(route, { body })) as RESTPutAPIApplicationCommandsResult;
  return {
    scope: config.discordGuildId ? `guild ${config.discordGuildId}` : 'all guilds (global; may take up to an hour to appear)',
    count: result.length,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    loadDotEnv();
    const { scope, count } = await deployCommands(loadConfig());
    process.stdout.write(`Registered ${count} commands for ${scope}.\n`);
  } catch (error) {
    process.stderr.write(`deploy-commands failed: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
