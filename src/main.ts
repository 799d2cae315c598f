import { createApp } from './app';
import { ConfigError, loadConfig, loadDotEnv } from './config';
import { runConsole } from './console/runConsole';
import { renderText } from './console/renderText';
import { createLogger } from './log';

async function main(): Promise<void> {
  let config;
  try {
    loadDotEnv();
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError) && !(error as NodeJS.ErrnoException).code) throw error;
    process.stderr.write(`Policy Desk cannot start: ${(error as Error).message}\n`);
    process.exit(1);
  }
  if (config.discordToken) {
    const { runDiscord } = await import('./discord/runDiscord');
    const log = createLogger(config.logLevel);
    await runDiscord(config, log);
    return;
  }
  // The console's stdout is for replies; only warnings go to stderr unless LOG_LEVEL says otherwise.
  const log = createLogger(process.env.LOG_LEVEL ? config.logLevel : 'warn');
  const app = await createApp(config, log, { cooldowns: false });
  const count = app.services.library.index.articleCount;
  process.stderr.write(`No DISCORD_TOKEN set: local console on ${count} article${count === 1 ? '' : 's'} from ${config.articlesDir} (type /help; Ctrl-D or /quit to leave).\n`);
  // Alerts for the console's own subscriptions print between replies.
  await app.startAlerts(async (_channel, reply) => {
    process.stdout.write(`[alert] ${renderText(reply)}\n\n`);
    return { ok: true, messageId: 'console' };
  });
  await runConsole(app.runner);
  await app.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`Policy Desk stopped: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
