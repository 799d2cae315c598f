import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/console/renderText';
import { render } from '../../src/discord/render';
import { subscriptionsReply } from '../../src/replies/subscriptions';
import { aSubscription } from '../helpers/subscription';

const LIMITS = { topicsPerChannel: 10, perHour: 6, perDay: 30, digestHour: 8 } as Parameters<typeof subscriptionsReply>[1];

function row(topic: string, lastFiredAt: string | null, nextDigestAt: string | null = null) {
  const subscription = aSubscription({
    id: topic,
    topic,
    createdAt: '2026-11-01T00:00:00.000Z',
    lastFiredAt,
    alertsSent: lastFiredAt ? 2 : 0,
    ...(nextDigestAt ? { mode: 'daily' as const, digestsSent: 1 } : {}),
  });
  return { subscription, waiting: 0, failed: 0, collected: 0, nextDigestAt };
}

describe('/subscriptions', () => {
  const reply = subscriptionsReply(
    [row('Taiwan Strait', '2026-11-20T09:30:00.000Z'), row('rice tariffs', null), row('NHS', null, '2026-11-27T08:00:00.000Z')],
    LIMITS,
  );

  it('opens every line with its topic, whether it has fired, has not, or waits for a digest', () => {
    const lines = renderText(reply, 200)
      .split('\n')
      .filter((line) => line.trim().startsWith('•'));
    expect(lines).toEqual([
      '  • “Taiwan Strait” (min 70%) · last alert 2026-11-20 09:30 UTC · 2 alerts sent',
      '  • “rice tariffs” (min 70%) · 0 alerts sent · not fired yet',
      '  • “NHS” (min 70%, daily digest at 08:00 UTC) · next digest 2026-11-27 08:00 UTC · 1 digest sent · 0 articles collected',
    ]);
  });

  it("on Discord too, the time after the topic in each reader's zone", () => {
    const description = render(reply).embeds[0]!.description!;
    expect(description).toContain(
      `• “Taiwan Strait” (min 70%) · last alert <t:${Date.parse('2026-11-20T09:30:00.000Z') / 1000}:f> · 2 alerts sent`,
    );
    expect(description).toContain('• “rice tariffs” (min 70%) · 0 alerts sent · not fired yet');
  });
});
