import { SETTING_NAMES } from '../../src/config';

/**
 * The environment of a bot process a test starts: the settings the test
 * gives, every other setting present but empty, NODE_ENV=production. The
 * bot loads ./.env, and a variable already set, even empty, wins over it:
 * without this a newcomer's DISCORD_TOKEN in the repository's .env had the
 * test log in to Discord, and a QUOTES there changed its answers. Settings
 * exported in the shell that runs the tests are left out the same way.
 */
export function botEnv(settings: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
  for (const name of SETTING_NAMES) env[name] = '';
  // discord.js's sharding variables make a process a shard child; only a manager the test starts gives them.
  for (const name of ['SHARDING_MANAGER', 'SHARDING_MANAGER_MODE', 'SHARDS']) delete env[name];
  return { ...env, ...settings };
}
