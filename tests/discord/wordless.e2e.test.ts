import { describe, expect, it } from 'vitest';
import { articlesDir, startHarness } from '../helpers/bot';
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

  it('answers thanks in kind with how to ask: no quotes, no votes, and the follow-up after it is read with the question before', async () => {
    const speaker = `---\ntitle: Speaker's charity mugs sell out\ndate: 2024-05-01\n---\nMr Martin thanked members and staff for their generous spirit. Thanks poured in from MPs, the Speaker's office said.\n`;
    const harness = await startHarness({ ARTICLES_DIR: articlesDir({ 'speaker.md': speaker }) });
    await harness.fake.sendCommand('ask', { question: 'What did Hayashi and Blinken agree on?' }).waitForReply();
    const thanks = await harness.fake.sendCommand('ask', { question: 'thanks!' }).waitForReply();
    const embed = thanks.data.embeds![0]!;
    expect(embed.title).toBe('You’re welcome!');
    expect(embed.description).toMatch(/Ask me a question about the articles/);
    expect(embed.description).not.toMatch(/thanked|Thanks poured/);
    expect(labels(thanks)).toEqual([]);
    const next = await harness.fake.sendCommand('ask', { question: 'and what about Kishida?' }).waitForReply();
    expect(next.data.embeds![0]!.description).toContain('Read as a follow-up to: “What did Hayashi and Blinken agree on?”');
  });
});
