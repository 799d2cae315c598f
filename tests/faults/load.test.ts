import { describe, expect, it } from 'vitest';
import { formatReport, quickOptions, runLoadTest } from '../../bench/loadtest';

describe('load, short version of npm run loadtest', () => {
  it('100 /ask from 10 channels at concurrency 10 and 25 votes while 2 articles land: all acknowledged within 3 s, one history entry each, alerts exactly once, daily digests at DIGEST_HOUR', async () => {
    const result = await runLoadTest({
      ...quickOptions,
      asks: 100,
      channels: 10,
      guilds: 2,
      users: 30,
      concurrency: 10,
      minLanding: 2,
      maxLanding: 2,
      verbose: false,
    });
    const report = formatReport(result);
    expect(result.asks, report).toHaveLength(100);
    for (const ask of result.asks) {
      expect(ask.ackMs, report).not.toBeNull();
      expect(ask.ackMs!, report).toBeLessThanOrEqual(3000);
      expect(ask.replyMs, report).not.toBeNull();
      expect(ask.rejected, report).toBe(0);
    }
    expect(result.historyEntries, report).toBe(100);
    // Every 4th answer voted on: each press acknowledged in time, each vote on disk with its entry.
    expect(result.votes, report).toHaveLength(25);
    for (const vote of result.votes) expect(vote.replied && vote.ackMs !== null && vote.ackMs <= 3000, report).toBe(true);
    expect(result.votesStored, report).toBe(25);
    expect(result.landed).toBe(2);
    expect(result.alertsExpected, report).toBeGreaterThan(0);
    expect(result.alertsDelivered, report).toBe(result.alertsExpected);
    expect(result.alertsDuplicated, report).toBe(0);
    expect(result.alertsLost, report).toBe(0);
    expect(result.alertsUnexpected, report).toBe(0);
    expect(result.digestsExpected, report).toBeGreaterThan(0);
    expect(result.digestsDelivered, report).toBe(result.digestsExpected);
    expect(result.digestArticlesLost + result.digestArticlesDuplicated + result.digestsUnexpected, report).toBe(0);
    expect(result.logCounts.interaction_failed ?? 0, report).toBe(0);
    expect(result.failures, report).toEqual([]);
  }, 60_000);
});
