import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';

describe('list settings', () => {
  it('reads OWNER_IDS and FEEDS_ALLOW_HOSTS as comma lists and refuses a bad entry with one clear line', () => {
    const config = loadConfig({
      OWNER_IDS: '400000000000000001, 400000000000000002',
      FEEDS_ALLOW_HOSTS: 'Intranet.Example., 10.0.0.5,[fd00::1]',
      FEED_MAX_ITEMS: '20',
    });
    expect(config.ownerIds).toEqual(['400000000000000001', '400000000000000002']);
    expect(config.feedsAllowHosts).toEqual(['intranet.example', '10.0.0.5', '[fd00::1]']);
    expect(config.feedMaxItems).toBe(20);
    expect(loadConfig({}).ownerIds).toEqual([]);
    expect(() => loadConfig({ OWNER_IDS: 'alice' })).toThrow(
      new ConfigError('OWNER_IDS must be Discord user ids (17 to 20 digits) separated by commas (got "alice")'),
    );
    expect(() => loadConfig({ FEEDS_ALLOW_HOSTS: 'http://intranet.example/feed' })).toThrow(
      /FEEDS_ALLOW_HOSTS must be host names .*got "http:\/\/intranet.example\/feed"/,
    );
    expect(() => loadConfig({ FEED_MAX_ITEMS: '0' })).toThrow(/FEED_MAX_ITEMS must be a whole number from 1 to 10000/);
  });
});
