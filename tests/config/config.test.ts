import { describe, expect, it } from 'vitest';
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
});
