import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Level } from './log';

/** Every setting the bot reads; README "Settings" documents each. */
export interface Config {
  discordToken: string | null;
  discordApplicationId: string | null;
  discordGuildId: string | null;
  discordApiUrl: string;
  articlesDir: string;
  dataDir: string;
  maxArticleBytes: number;
  quotes: number;
  minConfidence: number;
  askCooldownSeconds: number;
  historyMaxEntries: number;
  historyMaxAgeDays: number | null;
  watchArticles: boolean;
  maxTopicsPerChannel: number;
  alertsPerHour: number;
  alertsPerDay: number;
  alertMinScore: number;
  feedPollMinutes: number;
  feedsAllowPrivate: boolean;
  feedMaxBytes: number;
  feedTimeoutSeconds: number;
  feedMaxRedirects: number;
  logLevel: Level;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function text(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

function number(env: Env, name: string, fallback: number, min: number, max: number, integer = true): number {
  const raw = text(env, name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    throw new ConfigError(`${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name);
  if (raw === null) return fallback;
  if (/^(true|1|yes|on)$/i.test(raw)) return true;
  if (/^(false|0|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false (got "${raw}")`);
}

function snowflake(env: Env, name: string): string | null {
  const value = text(env, name);
  if (value !== null && !/^\d{17,20}$/.test(value)) throw new ConfigError(`${name} must be a Discord id (17 to 20 digits, got "${value}")`);
  return value;
}

/** An address with any `user:password@` replaced by `***@`, for messages (also when it does not parse as a URL). */
export function withoutCredentials(address: string): string {
  return address.replace(/^([^:/?#]*:?\/\/)[^/?#]*@/, '$1***@');
}

/** Reads and validates settings once; a bad value stops the start with one clear line. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const token = text(env, 'DISCORD_TOKEN');
  // A bot token is three dot-separated base64url parts; catching a pasted client secret here beats a 401 later.
  if (token !== null && !/^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/.test(token)) {
    throw new ConfigError('DISCORD_TOKEN does not look like a bot token (three parts separated by dots); copy it from the Bot page of the developer portal');
  }
  const api = text(env, 'DISCORD_API_URL') ?? 'https://discord.com/api';
  // A proxy address may carry user:password; an error line must not repeat them.
  const shown = withoutCredentials(api);
  let apiUrl: URL;
  try {
    apiUrl = new URL(api);
  } catch {
    throw new ConfigError(`DISCORD_API_URL must be an http(s) address (got "${shown}")`);
  }
  if (!/^https?:$/.test(apiUrl.protocol)) throw new ConfigError(`DISCORD_API_URL must be an http(s) address (got "${shown}")`);
  if (/\/v\d+\/?$/.test(apiUrl.pathname)) throw new ConfigError(`DISCORD_API_URL must not end in a version (got "${shown}"); the bot adds /v10 itself`);
  const logLevel = (text(env, 'LOG_LEVEL') ?? 'info') as Level;
  if (!['info', 'warn', 'error', 'silent'].includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be info, warn, error or silent (got "${logLevel}")`);
  const maxAge = number(env, 'HISTORY_MAX_AGE_DAYS', 0, 0, 36500);
  return {
    discordToken: token,
    discordApplicationId: snowflake(env, 'DISCORD_APPLICATION_ID'),
    discordGuildId: snowflake(env, 'DISCORD_GUILD_ID'),
    discordApiUrl: api.replace(/\/+$/, ''),
    articlesDir: resolve(cwd, text(env, 'ARTICLES_DIR') ?? 'seeds'),
    dataDir: resolve(cwd, text(env, 'DATA_DIR') ?? 'data'),
    maxArticleBytes: number(env, 'MAX_ARTICLE_BYTES', 5_000_000, 1_000, 100_000_000),
    quotes: number(env, 'QUOTES', 3, 1, 10),
    minConfidence: number(env, 'MIN_CONFIDENCE', 0.5, 0, 1, false),
    askCooldownSeconds: number(env, 'ASK_COOLDOWN_SECONDS', 3, 0, 3600, false),
    historyMaxEntries: number(env, 'HISTORY_MAX_ENTRIES', 200, 1, 100_000),
    historyMaxAgeDays: maxAge === 0 ? null : maxAge,
    watchArticles: flag(env, 'WATCH_ARTICLES', true),
    maxTopicsPerChannel: number(env, 'MAX_TOPICS_PER_CHANNEL', 25, 1, 1000),
    alertsPerHour: number(env, 'ALERTS_PER_HOUR', 10, 1, 10_000),
    alertsPerDay: number(env, 'ALERTS_PER_DAY', 50, 1, 100_000),
    alertMinScore: number(env, 'ALERT_MIN_SCORE', 0.7, 0.05, 1, false),
    feedPollMinutes: number(env, 'FEED_POLL_MINUTES', 15, 1, 1440),
    feedsAllowPrivate: flag(env, 'FEEDS_ALLOW_PRIVATE', false),
    feedMaxBytes: number(env, 'FEED_MAX_BYTES', 5_000_000, 10_000, 100_000_000),
    feedTimeoutSeconds: number(env, 'FEED_TIMEOUT_SECONDS', 15, 1, 300),
    feedMaxRedirects: number(env, 'FEED_MAX_REDIRECTS', 5, 0, 20),
    logLevel,
  };
}

/** Loads ./.env into process.env (real environment variables win), with Node's own parser. */
export function loadDotEnv(cwd = process.cwd()): void {
  const path = resolve(cwd, '.env');
  if (existsSync(path)) process.loadEnvFile(path);
}
