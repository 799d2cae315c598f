import { describe, expect, it } from 'vitest';
import { MANAGE_CHANNELS, startHarness } from '../helpers/bot';

const text = (reply: { data: { embeds?: { title?: string; description?: string }[] } }) =>
  `${reply.data.embeds![0]!.title} ${reply.data.embeds![0]!.description}`;

describe('/subscribe min_score', () => {
  it('is offered as broad, normal and strict, and still takes a number', async () => {
    const harness = await startHarness({ ALERT_MIN_SCORE: '0.6' });
    const { fake } = harness;
    const choices = await fake
      .sendAutocomplete(
        'subscribe',
        [
          { type: 3, name: 'topic', value: 'Taiwan' },
          { type: 3, name: 'min_score', value: '', focused: true },
        ],
        { permissions: MANAGE_CHANNELS },
      )
      .waitForCallback();
    expect((choices.data as { choices: { value: string }[] }).choices.map((c) => c.value)).toEqual(['broad', 'normal', 'strict']);

    for (const [minScore, shown] of [
      ['strict', '90%'],
      ['normal', '60%'],
      ['broad', '50%'],
      ['0.35', '35%'],
    ] as const) {
      await fake.sendCommand('unsubscribe', { topic: 'Taiwan Strait' }, { permissions: MANAGE_CHANNELS }).waitForReply();
      const reply = await fake
        .sendCommand('subscribe', { topic: 'Taiwan Strait', min_score: minScore }, { permissions: MANAGE_CHANNELS })
        .waitForReply();
      expect(text(reply), minScore).toContain(`strictness ${shown}:`);
    }
    const refused = await fake
      .sendCommand('subscribe', { topic: 'Taiwan Strait', min_score: 'lots' }, { permissions: MANAGE_CHANNELS })
      .waitForReply();
    expect(refused.ephemeral).toBe(true);
    expect(text(refused)).toMatch(/broad, normal or strict, or a number from 0\.05 to 1/);
  });
});
