import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MIN_CONFIDENCE } from '../../src/answer/ask';
import { ConfigError, loadConfig } from '../../src/config';

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

describe('.env.example', () => {
  it('sets nothing other than the defaults the README gives, so following it gives the README figures', () => {
    const env = parseEnv(readFileSync(new URL('../../.env.example', import.meta.url), 'utf8'));
    expect(env.DISCORD_TOKEN).toBe('');
    expect(loadConfig(env, '/srv/bot')).toEqual(loadConfig({}, '/srv/bot'));
    expect(loadConfig(env, '/srv/bot').minConfidence).toBe(DEFAULT_MIN_CONFIDENCE);
  });
});
