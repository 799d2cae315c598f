import { afterEach, describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import { expectWithinDiscordRules } from '../helpers/discordRules';
import { articlesDir, startHarness, type Harness } from '../helpers/bot';

let harness: Harness | undefined;
afterEach(async () => {
  const unhandled = harness?.fake.unhandled.map((r) => `${r.method} ${r.path}`) ?? [];
  expect(unhandled).toEqual([]);
  harness = undefined;
});

const NOW = new Date('2024-03-31T12:00:00Z');
const budget = (date: string, grew: number) =>
  `---\ntitle: Harbour budget ${date}\ndate: ${date}\n---\nThe council approved the harbour budget on ${date}. The harbour budget grew by ${grew} million pounds, the treasurer said.\n`;

function text(embed: APIEmbed | undefined): string {
  return [embed?.title, embed?.description, ...(embed?.fields ?? []).map((f) => `${f.name} ${f.value}`), embed?.footer?.text].join('\n');
}

// The seed article has no date; three dated ones a few weeks and a year apart. "Now" is 2024-03-31, injected.
const start = () =>
  startHarness(
    {
      ARTICLES_DIR: articlesDir({
        'old.md': budget('2023-03-01', 11),
        'march.md': budget('2024-03-20', 22),
        'recent.md': budget('2024-03-29', 33),
      }),
    },
    { alertRetryBaseMs: 200, alertTickMs: 100, watchStabilityMs: 100, now: () => NOW },
  );

describe('date ranges through Discord', () => {
  it('/ask since: 7d quotes only the last week and says how many undated articles were left out', async () => {
    harness = await start();
    const reply = await harness.fake.sendCommand('ask', { question: 'How much did the harbour budget grow?', since: '7d' }).waitForReply();
    expectWithinDiscordRules(reply.data);
    const shown = text(reply.data.embeds![0]);
    expect(shown).toContain('33 million');
    expect(shown).not.toMatch(/22 million|11 million/);
    expect(shown).toContain('Only articles dated since 2024-03-24; 1 article with no date was left out.');
  });

  it('/ask with since: and until: in days; a follow-up without a range keeps it, a question on its own does not', async () => {
    harness = await start();
    const first = await harness.fake
      .sendCommand('ask', { question: 'How much did the harbour budget grow?', since: '2023-01-01', until: '2023-12-31' })
      .waitForReply();
    expect(text(first.data.embeds![0])).toContain('11 million');
    expect(text(first.data.embeds![0])).not.toMatch(/22 million|33 million/);
    const followUp = await harness.fake.sendCommand('ask', { question: 'and what did the council approve?' }).waitForReply();
    const shown = text(followUp.data.embeds![0]);
    expect(shown).toContain('Read as a follow-up to');
    expect(shown).toContain('Only articles dated from 2023-01-01 to 2023-12-31');
    expect(shown).toContain('2023-03-01');
    expect(shown).not.toContain('2024-03-');
    // A question that stands on its own does not inherit the range.
    const alone = await harness.fake.sendCommand('ask', { question: 'Who chairs the CPTPP working group?' }).waitForReply();
    expect(text(alone.data.embeds![0])).not.toContain('Only articles dated');
    expect(text(alone.data.embeds![0])).toContain('Tokyo chairs the CPTPP');
  });

  it.each([
    [{ since: '2024-13-01' }, /“2024-13-01” is not a date I can read for since:/],
    [{ until: 'yesterday' }, /“yesterday” is not a date I can read for until:/],
    [{ since: '2024-03-10', until: '2024-03-01' }, /since: \(2024-03-10\) is after until: \(2024-03-01\)/],
  ])('/ask refuses %j, naming the accepted forms where the form is wrong', async (dates, message) => {
    harness = await start();
    const reply = await harness.fake.sendCommand('ask', { question: 'How much did the harbour budget grow?', ...dates }).waitForReply();
    expectWithinDiscordRules(reply.data);
    const shown = JSON.stringify(reply.data);
    expect(shown).toMatch(message);
    if (!('until' in dates && 'since' in dates))
      expect(shown).toContain('YYYY-MM-DD (2024-03-05), or a time back from today: 7d (days), 4w (weeks) or 6m (months)');
  });

  it('/lookup since: and until: counts only sentences of dated articles in the range, and pages keep the range', async () => {
    harness = await start();
    const reply = await harness.fake.sendCommand('lookup', { term: 'harbour budget', until: '4w' }).waitForReply();
    const shown = text(reply.data.embeds![0]);
    expect(shown).toContain('in 1 article');
    expect(shown).toContain('Harbour budget 2023-03-01');
    expect(shown).toContain('Only articles dated until 2024-03-03; 1 article with no date was left out.');
    const none = await harness.fake.sendCommand('lookup', { term: 'CPTPP', since: '6m' }).waitForReply();
    expect(JSON.stringify(none.data)).toContain('No sentence in articles dated since 2023-09-30');
    const bad = await harness.fake.sendCommand('lookup', { term: 'harbour', since: 'last week' }).waitForReply();
    expect(JSON.stringify(bad.data)).toMatch(/“last week” is not a date I can read for since:/);
  });

  it('/lookup paging carries the range in the button', async () => {
    harness = await start();
    const reply = await harness.fake.sendCommand('lookup', { term: 'harbour', since: '2024-01-01' }).waitForReply();
    // Two articles in range, two sentences each with "harbour": four sentences, one page of five.
    expect(text(reply.data.embeds![0])).toContain('4 sentences in 2 articles');
    const page = await harness.fake
      .clickButton(`lookup:dated:1:${Math.round(Date.parse('2024-03-20T00:00:00Z') / 86_400_000).toString(36)}::harbour`)
      .waitForReply();
    const shown = text(page.data.embeds![0]);
    expect(shown).toContain('Only articles dated since 2024-03-20');
    expect(shown).toContain('4 sentences in 2 articles');
  });

  it('/articles since: lists the dated articles in range, with paging ids that hold the day', async () => {
    harness = await start();
    const reply = await harness.fake.sendCommand('articles', { since: '2w' }).waitForReply();
    const shown = text(reply.data.embeds![0]);
    expect(shown).toMatch(/^2 articles/);
    expect(shown).toContain('march');
    expect(shown).toContain('recent');
    expect(shown).not.toContain('old:');
    expect(shown).toContain('1 article with no date was left out');
    const empty = await harness.fake.sendCommand('articles', { since: '2024-03-30' }).waitForReply();
    expect(JSON.stringify(empty.data)).toContain('No article is dated since 2024-03-30');
    const refused = await harness.fake.sendCommand('articles', { since: '2024-02-30' }).waitForReply();
    expect(JSON.stringify(refused.data)).toMatch(/“2024-02-30” is not a date I can read/);
  });
});
