import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shardAssignmentFromEnv } from '../../src/discord/shardProcess';

const manager = { SHARDING_MANAGER: 'true', SHARD_COUNT: '5' };
const hadSend = process.send;

describe("a child's shards and process number, as the sharding manager passes them", () => {
  // A child is one only with an IPC channel to its manager; the test worker may run without one.
  beforeEach(() => {
    process.send ??= () => true;
  });
  afterEach(() => {
    process.send = hadSend;
  });

  it('takes its process number from SHARD_PROCESS_INDEX, not from its smallest shard id', () => {
    // Shards 3 and 4 of 5 in process 1: a layout where the smallest shard id is not the process number.
    expect(shardAssignmentFromEnv({ ...manager, SHARDS: '[3,4]', SHARD_PROCESS_INDEX: '1' })).toEqual({
      ids: [3, 4],
      count: 5,
      process: 1,
    });
    expect(shardAssignmentFromEnv({ ...manager, SHARDS: '2', SHARD_PROCESS_INDEX: '0' })).toEqual({ ids: [2], count: 5, process: 0 });
  });

  it('refuses a child started without its process number, or with one that is not a number', () => {
    expect(() => shardAssignmentFromEnv({ ...manager, SHARDS: '[0]' })).toThrow('SHARD_PROCESS_INDEX must be the process number');
    expect(() => shardAssignmentFromEnv({ ...manager, SHARDS: '[0]', SHARD_PROCESS_INDEX: 'one' })).toThrow(
      'SHARD_PROCESS_INDEX must be the process number the sharding manager gives (got one)',
    );
  });

  it('is no child without a sharding manager', () => {
    expect(shardAssignmentFromEnv({ SHARDS: '[0]', SHARD_COUNT: '1', SHARD_PROCESS_INDEX: '0' })).toBeNull();
  });
});
