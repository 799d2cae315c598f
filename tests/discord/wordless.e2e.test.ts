import { describe, expect, it } from 'vitest';
import { startHarness } from '../helpers/bot';
import type { ReplyResult } from '../fakeDiscord';

const labels = (reply: ReplyResult) =>
  ((reply.data.components ?? []) as { components: { label: string }[] }[]).flatMap((row) => row.components.map((b) => b.label));

describe('text with no word to search', () => {
  it('gets no 👍/👎 (there is no answer to judge), while a question without a good answer keeps them', async () => {
    const harness = await startHarness();
    for (const question of ['?', '😀🎉', "@everyone what's up"]) {
      const reply = await harness.fake.sendCommand('ask', { question }).waitForReply();
      expect(reply.data.embeds![0]!.description, question).toMatch(/no words I can search for/);
      expect(labels(reply), question).toEqual([]);
    }
    const none = await harness.fake.sendCommand('ask', { question: 'recipe for chocolate cake' }).waitForReply();
    expect(labels(none)).toEqual(['👍 Helpful', '👎 Not helpful']);
  });
});
