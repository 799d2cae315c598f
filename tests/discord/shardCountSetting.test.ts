import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../src/discord/client';
import { loadConfig } from '../../src/config';

afterEach(() => vi.unstubAllEnvs());

describe('SHARD_COUNT as the README allows it', () => {
  it.each(['auto', ''])('SHARD_COUNT=%j makes a client with Discord’s recommended count, not a refusal', (value) => {
    vi.stubEnv('SHARD_COUNT', value);
    const config = loadConfig({ SHARD_COUNT: value }, '/tmp');
    expect(config.shardCount).toBe('auto');
    const client = createClient('http://127.0.0.1:9/api', config.shardCount);
    expect(client.options.shards).toBe('auto');
    void client.destroy();
  });
});
