import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { GENERAL, type Harness, MANAGE_CHANNELS, NEWS, startHarness } from '../helpers/bot';

const article = (title: string, body: string) => `---\ntitle: ${title}\ndate: 2024-05-01\nsource: Wire\n---\n${body}\n`;
const subscribe = (h: Harness, topic: string) =>
  h.fake.sendCommand('subscribe', { topic }, { permissions: MANAGE_CHANNELS }).waitForReply();
const matchedLogs = (h: Harness) => h.logs.filter((l) => l.event === 'article_matched').length;

describe('precise topics through Discord', () => {
  it('shows the topic as read, and alerts only for an article with the phrase and without the excluded word', async () => {
    const harness = await startHarness();
    const ok = await subscribe(harness, '"Taiwan Strait" -patrols');
    const description = ok.data.embeds![0]!.description!;
    expect(ok.data.embeds![0]!.title).toBe('Subscribed: “"Taiwan Strait" -patrols”');
    expect(description).toContain('Read as: “Taiwan Strait” as a phrase · leaving out articles that say: patrols.');
    // The control: the plain topic in another channel, which the patrol story does alert.
    await harness.fake
      .sendCommand('subscribe', { topic: 'Taiwan Strait' }, { channelId: NEWS, permissions: MANAGE_CHANNELS })
      .waitForReply();

    // The words apart, and the phrase beside a patrol: neither alerts.
    writeFileSync(
      join(harness.config.articlesDir, 'apart.md'),
      article(
        'Taiwan budget passes',
        'Taiwan passed its budget on Friday.\n\nA strait of water was named by the minister in Taiwan.\n\nTaiwan lawmakers voted for the Strait bill.',
      ),
    );
    await vi.waitFor(() => expect(matchedLogs(harness!)).toBe(1), { timeout: 10_000 });
    writeFileSync(
      join(harness.config.articlesDir, 'patrol.md'),
      article(
        'Navy patrols the Taiwan Strait',
        'The navy said its patrol of the Taiwan Strait would go on.\n\nTaiwan welcomed the ships in the Taiwan Strait.',
      ),
    );
    await vi.waitFor(() => expect(matchedLogs(harness!)).toBe(2), { timeout: 10_000 });
    writeFileSync(
      join(harness.config.articlesDir, 'strait.md'),
      article(
        'Warships cross the Taiwan Strait',
        'Chinese warships sailed through the Taiwan Strait on Monday.\n\nOfficials in Taiwan called it a provocation.',
      ),
    );
    const [alert] = await harness.fake.waitForChannelMessages(GENERAL, 1, 10_000);
    expect(alert!.embeds[0]!.title).toBe('Warships cross the Taiwan Strait');
    await harness.bot.app.services.alerts.idle();
    expect(harness.fake.channelMessages(GENERAL)).toHaveLength(1);
    await vi.waitFor(
      () => expect(harness!.fake.channelMessages(NEWS).map((m) => m.embeds[0]!.title)).toContain('Navy patrols the Taiwan Strait'),
      { timeout: 10_000 },
    );

    const listed = await harness.fake.sendCommand('subscriptions').waitForReply();
    expect(listed.data.embeds![0]!.description).toMatch(
      /“"Taiwan Strait" -patrols” \(min 70%\) · read as: “Taiwan Strait” as a phrase · leaving out articles that say: patrols · last alert <t:\d+:f> · 1 alert sent/,
    );
  });

  it('alerts on either side of an OR', async () => {
    const harness = await startHarness();
    const ok = await subscribe(harness, 'CPTPP OR "trans-pacific partnership"');
    expect(ok.data.embeds![0]!.description).toContain('Read as: CPTPP; or “trans-pacific partnership” as a phrase.');
    writeFileSync(
      join(harness.config.articlesDir, 'tpp.md'),
      article(
        'Trans-Pacific Partnership talks resume',
        'Talks on the Trans-Pacific Partnership resumed in Tokyo on Monday.\n\nThe trans-pacific partnership was signed in 2016.',
      ),
    );
    const [alert] = await harness.fake.waitForChannelMessages(GENERAL, 1, 10_000);
    expect(alert!.embeds[0]!.title).toBe('Trans-Pacific Partnership talks resume');
  });

  it('applies the same rules to the preview of past matches', async () => {
    const harness = await startHarness();
    // The shipped article is about Hayashi and Blinken, and names the "Beijing Winter Olympics" once.
    expect((await subscribe(harness, 'Hayashi Blinken')).data.embeds![0]!.description).toContain('would have matched 1 of the 1 articles');
    expect((await subscribe(harness, 'Hayashi Blinken -"Winter Olympics"')).data.embeds![0]!.description).toContain(
      'would have matched 0 of the 1 articles',
    );
    expect((await subscribe(harness, 'Hayashi Blinken -"Olympics Winter"')).data.embeds![0]!.description).toContain(
      'would have matched 1 of the 1 articles',
    );
    expect((await subscribe(harness, '"Blinken Hayashi"')).data.embeds![0]!.description).toContain(
      'would have matched 0 of the 1 articles',
    );
  });

  it('refuses bad syntax with what to change, privately, and subscribes nothing', async () => {
    const harness = await startHarness();
    for (const [topic, message] of [
      ['"Taiwan Strait', /quote opened before “Taiwan Strait” is not closed\. Close it/],
      ['-patrols -"joint exercise"', /not only words to leave out \(-word\)\. Add what you want to follow/],
      ['CPTPP OR', /OR needs a topic on each side.*Add a topic after the last OR/],
      ['CPTPP OR the', /One side of the OR has no words I can match/],
      ['Taiwan -a', /“-a” leaves out nothing I can match/],
    ] as const) {
      const refused = await subscribe(harness, topic);
      expect(refused.ephemeral, topic).toBe(true);
      expect(refused.data.embeds![0]!.description, topic).toMatch(message);
    }
    const listed = await harness.fake.sendCommand('subscriptions').waitForReply();
    expect(listed.data.embeds![0]!.description).toContain('This channel follows no topics');
  });
});
