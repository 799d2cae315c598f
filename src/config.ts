import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { LevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance.js';
import { defaultAlertLimits as alertDefaults } from './alerts/limits';
import { DEFAULT_MIN_CONFIDENCE } from './answer/ask';
import { MAX_ITEMS_PER_POLL } from './feeds/feedLimits';
import { LEVELS, type Level } from './log';

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
  /** The UTC hour (0–23) daily digests are posted, and weekly ones on Mondays. */
  digestHour: number;
  feedPollMinutes: number;
  feedsAllowPrivate: boolean;
  feedMaxBytes: number;
  feedTimeoutSeconds: number;
  feedMaxRedirects: number;
  feedMaxItems: number;
  /** /feed import: the largest OPML file read, the feeds tried from one file, and the seconds after which no more are tried. */
  opmlMaxBytes: number;
  opmlMaxFeeds: number;
  opmlMaxSeconds: number;
  feedsAllowHosts: string[];
  ownerIds: string[];
  logLevel: Level;
  /** null: no health or metrics endpoint. 0 takes any free port (tests). */
  metricsPort: number | null;
  metricsHost: string;
  /** With SHARD_PROCESSES: how long the manager's /metrics waits for each child's metrics before leaving it out of that scrape. */
  metricsWaitSeconds: number;
  /** 'auto' asks Discord (GET /gateway/bot) how many shards to run. */
  shardCount: number | 'auto';
  /** Processes the shards are spread over (SHARD_PROCESSES); above 1, npm start runs discord.js's ShardingManager. */
  shardProcesses: number;
  /** Whether the interaction log lines carry what users typed (questions, terms, topics); off for privacy. */
  logQuestions: boolean;
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
  // Plain decimals only: Number() would also take 0x3, 1e1 and 0b11, which nobody means as a count.
  const written = integer ? /^[+-]?\d+$/ : /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
  const value = written.test(raw) ? Number(raw) : Number.NaN;
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

function shards(env: Env): number | 'auto' {
  const raw = text(env, 'SHARD_COUNT');
  if (raw === null || raw.toLowerCase() === 'auto') return 'auto';
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 10_000)
    throw new ConfigError(`SHARD_COUNT must be auto or a whole number from 1 to 10000 (got "${raw}")`);
  return Number(raw);
}

/** Each process holds at least one shard, so a fixed SHARD_COUNT must be at least SHARD_PROCESSES. */
function shardProcesses(env: Env): number {
  const count = number(env, 'SHARD_PROCESSES', 1, 1, 64);
  const shardCount = shards(env);
  if (shardCount !== 'auto' && shardCount < count)
    throw new ConfigError(
      `SHARD_PROCESSES (${count}) cannot be more than SHARD_COUNT (${shardCount}): each process holds at least one shard`,
    );
  return count;
}

function snowflake(env: Env, name: string): string | null {
  const value = text(env, name);
  if (value !== null && !/^\d{17,20}$/.test(value)) throw new ConfigError(`${name} must be a Discord id (17 to 20 digits, got "${value}")`);
  return value;
}

function snowflakeList(env: Env, name: string): string[] {
  const ids = (text(env, name) ?? '').split(/[\s,]+/).filter(Boolean);
  const bad = ids.find((id) => !/^\d{17,20}$/.test(id));
  if (bad !== undefined) throw new ConfigError(`${name} must be Discord user ids (17 to 20 digits) separated by commas (got "${bad}")`);
  return ids;
}

function hostList(env: Env, name: string): string[] {
  const hosts = (text(env, name) ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((host) => host.toLowerCase().replace(/\.$/, ''));
  const bad = hosts.find(
    (host) => !/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/.test(host) && !/^\[[0-9a-f:.]+\]$/.test(host),
  );
  if (bad !== undefined)
    throw new ConfigError(
      `${name} must be host names (like intranet.example or 10.0.0.5) separated by commas, without scheme or port (got "${bad}")`,
    );
  return hosts;
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
    throw new ConfigError(
      'DISCORD_TOKEN does not look like a bot token (three parts separated by dots); copy it from the Bot page of the developer portal',
    );
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
  if (/\/v\d+\/?$/.test(apiUrl.pathname))
    throw new ConfigError(`DISCORD_API_URL must not end in a version (got "${shown}"); the bot adds /v10 itself`);
  const logLevel = (text(env, 'LOG_LEVEL') ?? 'info') as Level;
  if (!LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be debug, info, warn, error or silent (got "${logLevel}")`);
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
    minConfidence: number(env, 'MIN_CONFIDENCE', DEFAULT_MIN_CONFIDENCE, 0, 1, false),
    askCooldownSeconds: number(env, 'ASK_COOLDOWN_SECONDS', 3, 0, 3600, false),
    historyMaxEntries: number(env, 'HISTORY_MAX_ENTRIES', 200, 1, 100_000),
    historyMaxAgeDays: maxAge === 0 ? null : maxAge,
    watchArticles: flag(env, 'WATCH_ARTICLES', true),
    maxTopicsPerChannel: number(env, 'MAX_TOPICS_PER_CHANNEL', alertDefaults.topicsPerChannel, 1, 1000),
    alertsPerHour: number(env, 'ALERTS_PER_HOUR', alertDefaults.perHour, 1, 10_000),
    alertsPerDay: number(env, 'ALERTS_PER_DAY', alertDefaults.perDay, 1, 100_000),
    alertMinScore: number(env, 'ALERT_MIN_SCORE', alertDefaults.defaultMinScore, 0.05, 1, false),
    digestHour: number(env, 'DIGEST_HOUR', alertDefaults.digestHour, 0, 23),
    feedPollMinutes: number(env, 'FEED_POLL_MINUTES', 15, 1, 1440),
    feedsAllowPrivate: flag(env, 'FEEDS_ALLOW_PRIVATE', false),
    feedMaxBytes: number(env, 'FEED_MAX_BYTES', 5_000_000, 10_000, 100_000_000),
    feedTimeoutSeconds: number(env, 'FEED_TIMEOUT_SECONDS', 15, 1, 300),
    feedMaxRedirects: number(env, 'FEED_MAX_REDIRECTS', 5, 0, 20),
    feedMaxItems: number(env, 'FEED_MAX_ITEMS', MAX_ITEMS_PER_POLL, 1, 10_000),
    opmlMaxBytes: number(env, 'OPML_MAX_BYTES', 1_000_000, 1_000, 25_000_000),
    opmlMaxFeeds: number(env, 'OPML_MAX_FEEDS', 100, 1, 1_000),
    // An interaction can be answered for 15 minutes; the import and its last fetches end well inside that.
    opmlMaxSeconds: number(env, 'OPML_MAX_SECONDS', 300, 1, 600),
    feedsAllowHosts: hostList(env, 'FEEDS_ALLOW_HOSTS'),
    ownerIds: snowflakeList(env, 'OWNER_IDS'),
    logLevel,
    metricsPort: text(env, 'METRICS_PORT') === null ? null : number(env, 'METRICS_PORT', 0, 0, 65_535),
    metricsHost: text(env, 'METRICS_HOST') ?? '127.0.0.1',
    // A live child answers in milliseconds; 3 s leaves a loaded one time to, well inside Prometheus's default scrape timeout (10 s).
    metricsWaitSeconds: number(env, 'METRICS_WAIT_SECONDS', 3, 0.1, 60, false),
    shardCount: shards(env),
    shardProcesses: shardProcesses(env),
    logQuestions: flag(env, 'LOG_QUESTIONS', false),
  };
}

const MB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Discord takes the reply to a command for 15 minutes; a minute is left for the deferral and the reply itself. */
const REPLY_WINDOW_SECONDS = 14 * 60;

/**
 * Limits that are each valid but work against each other, as warning lines:
 * a feed item can be as long as FEED_MAX_BYTES, and one longer than
 * MAX_ARTICLE_BYTES is cut at a sentence to fit its article file; an address
 * given to /article add is read through the feed fetcher, so never past
 * FEED_MAX_BYTES whatever MAX_ARTICLE_BYTES allows; /feed import reads its
 * file (one fetch), starts feeds for OPML_MAX_SECONDS and waits for the last
 * fetches, which must end while Discord still takes the reply.
 */
export function limitWarnings(
  config: Pick<Config, 'maxArticleBytes' | 'feedMaxBytes' | 'opmlMaxSeconds' | 'feedTimeoutSeconds'>,
): string[] {
  const { maxArticleBytes, feedMaxBytes, opmlMaxSeconds, feedTimeoutSeconds } = config;
  const warnings: string[] = [];
  if (feedMaxBytes > maxArticleBytes)
    warnings.push(
      `FEED_MAX_BYTES (${MB(feedMaxBytes)}) is above MAX_ARTICLE_BYTES (${MB(maxArticleBytes)}): a feed item longer than MAX_ARTICLE_BYTES is cut at a sentence to fit`,
    );
  else if (maxArticleBytes > feedMaxBytes)
    warnings.push(
      `MAX_ARTICLE_BYTES (${MB(maxArticleBytes)}) is above FEED_MAX_BYTES (${MB(feedMaxBytes)}): /article add url: reads at most FEED_MAX_BYTES`,
    );
  const importSeconds = opmlMaxSeconds + 2 * feedTimeoutSeconds;
  if (importSeconds > REPLY_WINDOW_SECONDS)
    warnings.push(
      `OPML_MAX_SECONDS (${opmlMaxSeconds}) and two fetches of FEED_TIMEOUT_SECONDS (${feedTimeoutSeconds}) come to ${importSeconds} s: a /feed import could end after Discord stops taking its reply (15 minutes); lower one of them`,
    );
  return warnings;
}

/** Loads ./.env into process.env (real environment variables win), with Node's own parser; returns the names it sets. */
export function loadDotEnv(cwd = process.cwd()): string[] {
  const path = resolve(cwd, '.env');
  if (!existsSync(path)) return [];
  process.loadEnvFile(path);
  return Object.keys(parseEnv(readFileSync(path, 'utf8')));
}

/** Every variable the bot reads (README "Settings"), to tell a misspelt setting from one it knows. */
export const SETTING_NAMES = [
  'DISCORD_TOKEN',
  'DISCORD_APPLICATION_ID',
  'DISCORD_GUILD_ID',
  'DISCORD_API_URL',
  'ARTICLES_DIR',
  'DATA_DIR',
  'MAX_ARTICLE_BYTES',
  'QUOTES',
  'MIN_CONFIDENCE',
  'ASK_COOLDOWN_SECONDS',
  'HISTORY_MAX_ENTRIES',
  'HISTORY_MAX_AGE_DAYS',
  'WATCH_ARTICLES',
  'ALERT_MIN_SCORE',
  'MAX_TOPICS_PER_CHANNEL',
  'ALERTS_PER_HOUR',
  'ALERTS_PER_DAY',
  'DIGEST_HOUR',
  'FEED_POLL_MINUTES',
  'FEEDS_ALLOW_PRIVATE',
  'FEEDS_ALLOW_HOSTS',
  'FEED_MAX_ITEMS',
  'OWNER_IDS',
  'FEED_MAX_BYTES',
  'FEED_TIMEOUT_SECONDS',
  'FEED_MAX_REDIRECTS',
  'OPML_MAX_BYTES',
  'OPML_MAX_FEEDS',
  'OPML_MAX_SECONDS',
  'LOG_LEVEL',
  'METRICS_PORT',
  'METRICS_HOST',
  'METRICS_WAIT_SECONDS',
  'SHARD_COUNT',
  'SHARD_PROCESSES',
  'LOG_QUESTIONS',
  'POLICY_DESK_LOCK_HOLDER',
];

// Read by Node, npm or discord.js rather than the bot; an operator may well put them in .env.
const NOT_OURS = /^(?:NODE_\w+|npm_\w+|TZ|LANG|LC_\w+|SHARDING_MANAGER|SHARDING_MANAGER_MODE|SHARDS)$/;

function closest(name: string): string | undefined {
  let best: { setting: string; distance: number } | undefined;
  for (const setting of SETTING_NAMES) {
    const distance = LevenshteinDistance(name.toUpperCase(), setting);
    if (distance <= 2 && (!best || distance < best.distance)) best = { setting, distance };
  }
  return best?.setting;
}

/**
 * Names that look like settings but are none, each as a warning line: every
 * unknown name in .env (which holds only the bot's settings), and from the
 * real environment only what cannot be another program's variable (a
 * POLICY_DESK_ name, or one a letter away from a setting, like QUOTE).
 */
export function unknownSettings(dotEnvNames: readonly string[], env: Env): string[] {
  const known = new Set(SETTING_NAMES);
  const warnings: string[] = [];
  const fromFile = new Set(dotEnvNames);
  for (const name of dotEnvNames) {
    if (known.has(name) || NOT_OURS.test(name)) continue;
    const near = closest(name);
    warnings.push(`${name} in .env is not a setting and is ignored${near ? ` (did you mean ${near}?)` : ''}`);
  }
  for (const name of Object.keys(env)) {
    if (fromFile.has(name) || known.has(name) || NOT_OURS.test(name)) continue;
    const near = SETTING_NAMES.find((setting) => name.length >= 5 && LevenshteinDistance(name.toUpperCase(), setting) <= 1);
    if (near || name.startsWith('POLICY_DESK_'))
      warnings.push(`${name} is not a setting and is ignored${near ? ` (did you mean ${near}?)` : ''}`);
  }
  return warnings;
}
