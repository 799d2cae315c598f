import { join } from 'node:path';
import { CONSOLE_DATA_SUBDIR, createApp } from './app';
import { type Config, ConfigError, limitWarnings, loadConfig, loadDotEnv, unknownSettings } from './config';
import { runConsole } from './console/runConsole';
import { renderText } from './console/renderText';
import { CONSOLE_SCOPE, type Library } from './library/library';
import { createLogger } from './log';
import { counted } from './replies/format';
import { DataDirLockedError } from './store/dataLock';
import { checkFolders, StartupError } from './startupFolders';

function cannotStart(message: string): never {
  process.stderr.write(`Policy Desk cannot start: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config: Config;
  let fromDotEnv: string[];
  try {
    fromDotEnv = loadDotEnv();
    config = loadConfig();
    // Before Discord's login or the console: a wrong folder is named as such, not blamed on Discord.
    await checkFolders(config);
  } catch (error) {
    if (!(error instanceof ConfigError) && !(error instanceof StartupError) && !(error as NodeJS.ErrnoException).code) throw error;
    cannotStart((error as Error).message);
  }
  // A misspelt setting (QUOTA for QUOTES) would otherwise be ignored without a word. The children of a manager say nothing: it said it.
  const unknown = process.env.SHARDING_MANAGER ? [] : unknownSettings(fromDotEnv, process.env);
  const contradicting = process.env.SHARDING_MANAGER ? [] : limitWarnings(config);
  if (config.discordToken && config.shardProcesses > 1 && !process.env.SHARDING_MANAGER) {
    // The manager: the shards run in child processes, each this same file (see src/discord/shardManager.ts).
    const { runShardManager } = await import('./discord/shardManager');
    const log = createLogger(config.logLevel);
    for (const warning of unknown) log.warn('setting_unknown', { warning });
    for (const warning of contradicting) log.warn('setting_limits', { warning });
    await runShardManager(config, log, config.shardProcesses);
    return;
  }
  if (config.discordToken) {
    const { runDiscord } = await import('./discord/runDiscord');
    const log = createLogger(config.logLevel);
    for (const warning of unknown) log.warn('setting_unknown', { warning });
    for (const warning of contradicting) log.warn('setting_limits', { warning });
    await runDiscord(config, log);
    return;
  }
  // The console's stdout is for replies; only warnings go to stderr unless LOG_LEVEL says otherwise.
  const log = createLogger(process.env.LOG_LEVEL ? config.logLevel : 'warn');
  for (const warning of [...unknown, ...contradicting]) process.stderr.write(`Policy Desk: ${warning}\n`);
  // The console keeps its own state (history, topics, feeds) in a subfolder: its channel "console"
  // does not exist on Discord, and its topics must not fire when the same folder next runs the bot.
  const app = await createApp({ ...config, dataDir: join(config.dataDir, CONSOLE_DATA_SUBDIR) }, log, { cooldowns: false });
  // SIGTERM or SIGINT (stdin piped, so Ctrl-C is not read as a line) finishes the writes, then exits.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void app.close().finally(() => process.exit(0)));
  }
  process.stderr.write(
    `No DISCORD_TOKEN set: local console on ${consoleArticles(app.services.library, config.articlesDir)} (type /help; Ctrl-D or /quit to leave).\n`,
  );
  // Alerts for the console's own subscriptions print between replies.
  await app.startAlerts(async (_channel, reply) => {
    process.stdout.write(`[alert] ${renderText(reply)}\n\n`);
    return { ok: true, messageId: 'console' };
  });
  await runConsole(app.runner);
  await app.close();
}

/** What the console searches, as /articles lists it: the shared folder's articles and the console's own (added, or from its feeds). */
function consoleArticles(library: Library, articlesDir: string): string {
  const listed = library.list(CONSOLE_SCOPE);
  const own = listed.filter((article) => library.owns(CONSOLE_SCOPE, article.id)).length;
  const shared = listed.length - own;
  return own > 0
    ? `${counted(listed.length, 'article')}: ${shared} from ${articlesDir}, ${own} of its own`
    : `${counted(shared, 'article')} from ${articlesDir}`;
}

main().catch((error: unknown) => {
  // The lock, a folder, a file the system refused: one line for the operator. Anything else is a bug and keeps its stack.
  if (error instanceof DataDirLockedError || error instanceof StartupError || (error as NodeJS.ErrnoException).code !== undefined)
    cannotStart((error as Error).message);
  process.stderr.write(`Policy Desk stopped: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
