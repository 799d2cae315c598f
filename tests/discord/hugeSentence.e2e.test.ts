import { describe, expect, it } from 'vitest';
import { expectWithinDiscordRules } from '../helpers/discordRules';
import { articlesDir, startHarness } from '../helpers/bot';

// One sentence of about 1 MB: no full stop until the end, markup and brackets all along (escaping them once took quadratic time).
const HUGE = `The semiconductor tariff talks ${'went on **and** on [about](tariffs) *export* controls_and_quotas '.repeat(16_000)}ended.`;

describe('a 1 MB one-sentence article', () => {
  it('gets its /ask, /lookup and page replies, and other users theirs, within Discord’s 3 s', { timeout: 60_000 }, async () => {
    expect(HUGE.length).toBeGreaterThan(1_000_000);
    const harness = await startHarness({ ARTICLES_DIR: articlesDir({ 'huge.txt': HUGE }) });
    const { fake } = harness;
    // A bot that has answered before: compiling the code paths once is not what this test measures.
    await fake.sendCommand('ask', { question: 'What did they agree on?' }, { userId: '900000000000000009' }).waitForReply(30_000);
    await fake.sendCommand('lookup', { term: 'Taiwan' }, { userId: '900000000000000009' }).waitForReply(30_000);
    const handles = [
      fake.sendCommand('ask', { question: 'semiconductor tariff export controls' }, { userId: '900000000000000001' }),
      fake.sendCommand('ask', { question: 'Who chairs the CPTPP working group?' }, { userId: '900000000000000002' }),
      fake.sendCommand('lookup', { term: 'export controls' }, { userId: '900000000000000003' }),
      fake.sendCommand('ask', { question: 'What did Hayashi and Blinken agree on?' }, { userId: '900000000000000004' }),
    ];
    const replies = await Promise.all(handles.map((h) => h.waitForReply(30_000)));
    for (const reply of replies) {
      expectWithinDiscordRules(reply.data);
      expect(reply.ackAtMs).toBeLessThan(3000);
      expect(reply.repliedAtMs).toBeLessThan(3000);
    }
    const huge = replies[0]!.data.embeds![0]!;
    expect(huge.description).toMatch(/^> The semiconductor tariff talks went on \\\*\\\*and\\\*\\\* on/);
    expect(huge.description).toContain('…');
    // Then the article itself and a page of it.
    for (const send of [
      () => fake.sendCommand('article', { id: 'huge' }, { userId: '900000000000000005' }),
      () => fake.clickButton('article:read:huge:1', { userId: '900000000000000005' }),
    ]) {
      const reply = await send().waitForReply(30_000);
      expectWithinDiscordRules(reply.data);
      expect(reply.repliedAtMs).toBeLessThan(3000);
    }
  });
});
