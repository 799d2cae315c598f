import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MIN_CONFIDENCE } from '../../src/answer/ask';
import { ConfigError, limitWarnings, loadConfig, SETTING_NAMES, unknownSettings } from '../../src/config';

const errorOf = (env: Record<string, string>) => {
  try {
    loadConfig(env, '/tmp');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the settings were accepted');
};

describe('settings errors', () => {
  it.each([
    ['https://proxyuser:s3cretpass@proxy.example/api/v10', 'must not end in a version (got "https://***@proxy.example/api/v10")'],
    ['ftp://proxyuser:s3cretpass@proxy.example/api', 'must be an http(s) address (got "ftp://***@proxy.example/api")'],
    ['https://proxyuser:s3cretpass@proxy example/api', 'must be an http(s) address (got "https://***@proxy example/api")'],
    ['http://s3cretpass@[::1/api', 'must be an http(s) address (got "http://***@[::1/api")'],
  ])('never repeat the credentials of a bad DISCORD_API_URL: %s', (address, expected) => {
    const message = errorOf({ DISCORD_API_URL: address });
    expect(message).toContain(expected);
    expect(message).not.toContain('s3cretpass');
    expect(message).not.toContain('proxyuser');
  });

  it('still show an address without credentials as it was given', () => {
    expect(errorOf({ DISCORD_API_URL: 'https://proxy.example/api/v9' })).toContain('(got "https://proxy.example/api/v9")');
  });

  it('take DIGEST_HOUR as a whole UTC hour, 8 by default', () => {
    expect(loadConfig({}, '/tmp').digestHour).toBe(8);
    expect(loadConfig({ DIGEST_HOUR: '0' }, '/tmp').digestHour).toBe(0);
    expect(loadConfig({ DIGEST_HOUR: '23' }, '/tmp').digestHour).toBe(23);
    expect(errorOf({ DIGEST_HOUR: '24' })).toBe('DIGEST_HOUR must be a whole number from 0 to 23 (got "24")');
    expect(errorOf({ DIGEST_HOUR: '7.5' })).toBe('DIGEST_HOUR must be a whole number from 0 to 23 (got "7.5")');
  });

  it('take METRICS_WAIT_SECONDS as seconds, fractions too, 3 by default', () => {
    expect(loadConfig({}, '/tmp').metricsWaitSeconds).toBe(3);
    expect(loadConfig({ METRICS_WAIT_SECONDS: '0.5' }, '/tmp').metricsWaitSeconds).toBe(0.5);
    expect(loadConfig({ METRICS_WAIT_SECONDS: '60' }, '/tmp').metricsWaitSeconds).toBe(60);
    for (const bad of ['0', '0.05', '61', 'soon', '3s'])
      expect(errorOf({ METRICS_WAIT_SECONDS: bad })).toBe(`METRICS_WAIT_SECONDS must be a number from 0.1 to 60 (got "${bad}")`);
  });
});

describe('numbers', () => {
  it('take plain decimals only: no hexadecimal, exponent or binary', () => {
    expect(loadConfig({ QUOTES: '5' }, '/tmp').quotes).toBe(5);
    expect(loadConfig({ QUOTES: '+5' }, '/tmp').quotes).toBe(5);
    for (const bad of ['0x3', '1e1', '0b11', '3.0', '', ' 5 x'].filter(Boolean))
      expect(errorOf({ QUOTES: bad })).toBe(`QUOTES must be a whole number from 1 to 10 (got "${bad.trim()}")`);
    expect(loadConfig({ MIN_CONFIDENCE: '.5' }, '/tmp').minConfidence).toBe(0.5);
    expect(loadConfig({ MIN_CONFIDENCE: '0.25' }, '/tmp').minConfidence).toBe(0.25);
    for (const bad of ['5e-1', '0x0', 'Infinity'])
      expect(errorOf({ MIN_CONFIDENCE: bad })).toBe(`MIN_CONFIDENCE must be a number from 0 to 1 (got "${bad}")`);
  });
});

describe('unknown settings', () => {
  it('names every unknown name in .env, with the setting it is nearest to', () => {
    expect(unknownSettings(['QUOTA', 'DISCORD_TOKEN', 'NODE_ENV', 'FAVOURITE_COLOUR'], {})).toEqual([
      'QUOTA in .env is not a setting and is ignored (did you mean QUOTES?)',
      'FAVOURITE_COLOUR in .env is not a setting and is ignored',
    ]);
  });

  it("names from the real environment only what cannot be another program's: POLICY_DESK_ names and near misses", () => {
    const env = {
      PATH: '/usr/bin',
      HOME: '/root',
      QUOTE: '5',
      DATA_DIRS: 'x',
      POLICY_DESK_TOKEN: 'x',
      POLICY_DESK_LOCK_HOLDER: '1',
      QUOTES: '3',
    };
    expect(unknownSettings([], env)).toEqual([
      'QUOTE is not a setting and is ignored (did you mean QUOTES?)',
      'DATA_DIRS is not a setting and is ignored (did you mean DATA_DIR?)',
      'POLICY_DESK_TOKEN is not a setting and is ignored',
    ]);
  });
});

describe('.env.example', () => {
  const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');

  it("sets no folder and no log level, which would beat the Docker image's folders and make the console log", () => {
    const env = parseEnv(example);
    for (const name of ['ARTICLES_DIR', 'DATA_DIR', 'LOG_LEVEL', 'METRICS_PORT']) expect(env[name], name).toBeUndefined();
    expect(unknownSettings(Object.keys(env), {})).toEqual([]);
  });

  it('lists every setting, set or commented out, and the README documents each', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const name of SETTING_NAMES.filter((name) => name !== 'POLICY_DESK_LOCK_HOLDER')) {
      expect(example, name).toMatch(new RegExp(`^(# )?${name}=`, 'm'));
      expect(readme, name).toContain(`| \`${name}\``);
    }
  });

  it('sets nothing other than the defaults the README gives, so following it gives the README figures', () => {
    const env = parseEnv(readFileSync(new URL('../../.env.example', import.meta.url), 'utf8'));
    expect(env.DISCORD_TOKEN).toBe('');
    expect(loadConfig(env, '/srv/bot')).toEqual(loadConfig({}, '/srv/bot'));
    expect(loadConfig(env, '/srv/bot').minConfidence).toBe(DEFAULT_MIN_CONFIDENCE);
  });
});

describe('limits that work against each other', () => {
  it('warns when FEED_MAX_BYTES is above MAX_ARTICLE_BYTES (items are cut) or below it (/article add url: stops first), not when equal', () => {
    const warnings = (env: Record<string, string>) => limitWarnings(loadConfig(env, '/tmp'));
    expect(warnings({})).toEqual([]);
    expect(warnings({ FEED_MAX_BYTES: '20000000' })).toEqual([
      'FEED_MAX_BYTES (20.0 MB) is above MAX_ARTICLE_BYTES (5.0 MB): a feed item longer than MAX_ARTICLE_BYTES is cut at a sentence to fit',
    ]);
    expect(warnings({ MAX_ARTICLE_BYTES: '8000000' })).toEqual([
      'MAX_ARTICLE_BYTES (8.0 MB) is above FEED_MAX_BYTES (5.0 MB): /article add url: reads at most FEED_MAX_BYTES',
    ]);
    expect(warnings({ MAX_ARTICLE_BYTES: '2000000', FEED_MAX_BYTES: '2000000' })).toEqual([]);
  });

  it('warns when a /feed import could outlast the 15 minutes Discord takes its reply, at the highest settings allowed', () => {
    const warnings = (env: Record<string, string>) => limitWarnings(loadConfig(env, '/tmp'));
    expect(warnings({ OPML_MAX_SECONDS: '600', FEED_TIMEOUT_SECONDS: '120' })).toEqual([]);
    expect(warnings({ OPML_MAX_SECONDS: '600', FEED_TIMEOUT_SECONDS: '300' })).toEqual([
      'OPML_MAX_SECONDS (600) and two fetches of FEED_TIMEOUT_SECONDS (300) come to 1200 s: a /feed import could end after Discord stops taking its reply (15 minutes); lower one of them',
    ]);
  });
});
