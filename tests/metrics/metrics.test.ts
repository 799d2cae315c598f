import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log';
import { Metrics } from '../../src/metrics/metrics';

function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('metrics made from the logged events', () => {
  it('count alerts, feed fetches and reconnects, and still write every line at its level', async () => {
    const lines: string[] = [];
    const metrics = new Metrics();
    metrics.measure({ articles: () => 7, sentences: () => 70, alertsWaiting: async () => 3, gatewayConnected: () => false });
    // At warn, info lines are not written, yet they are counted.
    const log = metrics.observe(createLogger('warn', (line) => lines.push(line)));
    log.info('alert_sent', { channel: '1' });
    log.info('alert_sent', { channel: '2' });
    log.warn('alert_retry', { channel: '1' });
    log.error('alert_given_up', { channel: '1' });
    log.warn('subscriptions_paused', { channel: '3' });
    log.info('feed_fetched', { url: 'https://example.org/feed', result: 'ok', newItems: 2 });
    log.info('feed_fetched', { url: 'https://example.org/feed', result: 'not-modified', newItems: 0 });
    log.info('feed_fetched', { url: 'https://example.org/feed', result: 'timeout', newItems: 0 });
    log.info('gateway_reconnecting', { shard: 0 });
    log.info('interaction', { kind: 'autocomplete', command: 'ask', outcome: '4 choices', latencyMs: 3 });
    log.error('interaction_failed', { kind: 'command', command: 'lookup', latencyMs: 3 });

    const text = await metrics.registry.metrics();
    expect(sample(text, 'policy_desk_alerts_posted_total')).toBe(2);
    expect(sample(text, 'policy_desk_alert_retries_total')).toBe(1);
    expect(sample(text, 'policy_desk_alerts_failed_total{reason="gave_up"}')).toBe(1);
    expect(sample(text, 'policy_desk_alerts_failed_total{reason="paused"}')).toBe(1);
    expect(sample(text, 'policy_desk_alerts_waiting')).toBe(3);
    for (const result of ['ok', 'not-modified', 'timeout'])
      expect(sample(text, `policy_desk_feed_fetches_total{result="${result}"}`)).toBe(1);
    expect(sample(text, 'policy_desk_gateway_reconnects_total')).toBe(1);
    expect(sample(text, 'policy_desk_gateway_connected')).toBe(0);
    expect(sample(text, 'policy_desk_library_articles')).toBe(7);
    expect(sample(text, 'policy_desk_library_sentences')).toBe(70);
    expect(sample(text, 'policy_desk_commands_total{kind="autocomplete",command="ask",outcome="choices"}')).toBe(1);
    expect(sample(text, 'policy_desk_commands_total{kind="command",command="lookup",outcome="error"}')).toBe(1);
    expect(text).not.toMatch(/^(?!#)(?!policy_desk_)\S/m);
    expect(lines.map((line) => (JSON.parse(line) as { event: string }).event)).toEqual([
      'alert_retry',
      'alert_given_up',
      'subscriptions_paused',
      'interaction_failed',
    ]);
  });
});
