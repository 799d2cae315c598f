import { afterEach, describe, expect, it, vi } from 'vitest';
import type { APIEmbed } from 'discord.js';
import { embedLength } from '../../src/discord/render';
import { articlesDir, GENERAL, NEWS, startHarness, type Harness } from '../helpers/bot';

let harness: Harness | undefined;

afterEach(async () => {
  const unhandled = harness?.fake.unhandled.map((r) => `${r.method} ${r.path}`) ?? [];
  expect(unhandled).toEqual([]);
  harness = undefined;
});

function text(embed: APIEmbed | undefined): string {
  return [embed?.title, embed?.description, ...(embed?.fields ?? []).map((f) => `${f.name} ${f.value}`), embed?.footer?.text].join('\n');
}

function buttonIds(components: unknown[] | undefined): string[] {
  return ((components ?? []) as { components: { custom_id: string }[] }[]).flatMap((row) => row.components.map((c) => c.custom_id));
}

describe('Policy Desk on a fake Discord', () => {
  it('/ask defers, then answers with verbatim quotes and citations, mentioning nobody', async () => {
    harness = await startHarness();
    const reply = await harness.fake.sendCommand('ask', { question: 'Who chairs the CPTPP working group?' }).waitForReply();
    expect(reply.deferredAtMs).not.toBeNull();
    expect(reply.deferredAtMs!).toBeLessThan(3000);
    expect(reply.type).toBe('editReply');
    expect(reply.data.allowed_mentions).toEqual({ parse: [] });
    const embed = reply.data.embeds![0]!;
    expect(embed.description).toContain('> Tokyo chairs the CPTPP London membership working group.');
    expect(embed.description).toMatch(/— Foreign Minister Yoshimasa Hayashi/);
    // One sentence answers it: no More quotes button when there is nothing more.
    expect(buttonIds(reply.data.components)).toEqual([
      'article:read:000_02b1b7e6bf94f65a:1',
      expect.stringMatching(/^ask:vote:.+:up$/),
      expect.stringMatching(/^ask:vote:.+:down$/),
    ]);
    const logs = harness.logs;
    await vi.waitFor(() => expect(logs.some((l) => l.event === 'interaction')).toBe(true));
    expect(logs.find((l) => l.event === 'interaction' && l.command === 'ask')).toMatchObject({
      kind: 'command',
      channel: GENERAL,
      outcome: 'answer',
      latencyMs: expect.any(Number),
    });
    expect(JSON.stringify(harness.logs)).not.toContain(harness.config.discordToken!);
  });

  it('/ask off-topic gets an honest no-answer', async () => {
    harness = await startHarness();
    const reply = await harness.fake.sendCommand('ask', { question: 'What is the capital of Brazil?' }).waitForReply();
    expect(reply.data.embeds![0]!.title).toBe('No good answer');
    expect(reply.data.embeds![0]!.description).not.toContain('>');
  });

  it('/ask with only partial evidence shows the closest passages as uncertain, not as the answer', async () => {
    harness = await startHarness();
    const reply = await harness.fake.sendCommand('ask', { question: 'What did Truss discuss about the Olympics?' }).waitForReply();
    const embed = reply.data.embeds![0]!;
    expect(embed.title).toBe('These passages may help; none clearly answers the question');
    expect(embed.description).toMatch(/^> /m);
    expect(embed.footer?.text).toMatch(/^Chance the first passage answers: \d+%/);
  });

  it('a question containing @everyone and <@id> is shown as text and pings nobody', async () => {
    harness = await startHarness();
    const reply = await harness.fake
      .sendCommand('ask', { question: '@everyone <@123456789012345678> what did Kishida promise in his speech?' })
      .waitForReply();
    expect(reply.data.allowed_mentions).toEqual({ parse: [] });
    const shown = text(reply.data.embeds![0]);
    expect(shown).not.toMatch(/@everyone|<@\d/);
    expect(shown).toContain('@\u200beveryone');
  });

  it('stays inside Discord’s limits for an article with an enormous sentence and markdown', async () => {
    const huge = `${'Sanctions on **bold** @everyone `code` '.repeat(400)}end of a sentence that never stops.`;
    harness = await startHarness({
      ARTICLES_DIR: articlesDir({
        'huge.md': `---\ntitle: ${'Very long title '.repeat(18)}\n---\n${huge}\n\nSanctions were discussed again in a second paragraph on sanctions.`,
      }),
    });
    const reply = await harness.fake.sendCommand('ask', { question: 'sanctions bold code', article: 'huge' }).waitForReply();
    const embed = reply.data.embeds![0]!;
    expect(embed.title!.length).toBeLessThanOrEqual(256);
    expect(embed.description!.length).toBeLessThanOrEqual(4096);
    expect(embedLength(embed)).toBeLessThanOrEqual(6000);
    expect(embed.description).toContain('…');
    expect(embed.description).not.toMatch(/(?<!\\)\*\*bold/);
    const page = await harness.fake.clickButton('article:read:huge:1').waitForReply();
    expect(page.data.embeds![0]!.description!.length).toBeLessThanOrEqual(4096);
  });

  it('autocompletes article ids and titles', async () => {
    harness = await startHarness();
    const handle = harness.fake.sendAutocomplete('article', [
      { type: 1, name: 'read', options: [{ type: 3, name: 'id', value: 'hayashi', focused: true }] },
    ]);
    const callback = await handle.waitForCallback();
    expect(callback.type).toBe(8);
    expect(callback.data?.choices).toEqual([{ name: expect.stringContaining('Hayashi'), value: '000_02b1b7e6bf94f65a' }]);
  });

  it('buttons work, and keep working after a restart', async () => {
    harness = await startHarness();
    const answer = await harness.fake.sendCommand('ask', { question: 'What did Hayashi and Blinken agree on?' }).waitForReply();
    const [more, whole] = buttonIds(answer.data.components);
    await harness.restart();
    // The second start reads the index from the snapshot the first one wrote.
    expect(harness.logs.filter((l) => l.event === 'search_index_ready').map((l) => l.source)).toEqual(['built', 'snapshot']);
    const moreReply = await harness.fake.clickButton(more!).waitForReply();
    expect(moreReply.ephemeral).toBe(true);
    expect(moreReply.data.embeds![0]!.description).toMatch(/^> /m);
    const wholeReply = await harness.fake.clickButton(whole!).waitForReply();
    expect(wholeReply.data.embeds![0]!.footer!.text).toBe('Page 1 of 2');
    const next = await harness.fake.clickButton('article:page:000_02b1b7e6bf94f65a:2').waitForReply();
    expect(next.type).toBe('update');
    expect(next.data.embeds![0]!.footer!.text).toBe('Page 2 of 2');
  });

  it('pages /lookup with buttons that update the message', async () => {
    harness = await startHarness();
    const first = await harness.fake.sendCommand('lookup', { term: 'ministry' }).waitForReply();
    expect(first.data.embeds![0]!.footer!.text).toMatch(/^Page 1 of [2-9]/);
    const [nextId] = buttonIds(first.data.components);
    const second = await harness.fake.clickButton(nextId!).waitForReply();
    expect(second.type).toBe('update');
    expect(second.data.embeds![0]!.footer!.text).toMatch(/^Page 2 of/);
  });

  it('/articles, /article and /help answer', async () => {
    harness = await startHarness();
    const list = await harness.fake.sendCommand('articles').waitForReply();
    expect(list.data.embeds![0]!.description).toContain('000\\_02b1b7e6bf94f65a');
    const one = await harness.fake
      .sendCommand('article', [{ type: 1, name: 'read', options: [{ type: 3, name: 'id', value: '000_02b1b7e6bf94f65a' }] }])
      .waitForReply();
    expect(one.data.embeds![0]!.fields!.find((f) => f.name === 'Key terms')!.value).toContain('hayashi');
    const help = await harness.fake.sendCommand('help').waitForReply();
    for (const name of ['/ask', '/lookup', '/articles', '/article', '/help']) expect(help.data.embeds![0]!.description).toContain(name);
  });

  it('a handler that throws gives an ephemeral apology with an error id that the log line also has; the bot keeps running', async () => {
    harness = await startHarness();
    harness.bot.app.runner.get('articles')!.execute = () => {
      throw new Error('boom');
    };
    const reply = await harness.fake.sendCommand('articles').waitForReply();
    expect(reply.ephemeral).toBe(true);
    const id = /error id ([0-9a-f]{8})/.exec(reply.data.embeds![0]!.description!)?.[1];
    expect(id).toBeDefined();
    expect(harness.logs.find((l) => l.event === 'command_failed')).toMatchObject({ errorId: id, error: expect.stringContaining('boom') });
    const after = await harness.fake.sendCommand('help').waitForReply();
    expect(after.data.embeds![0]!.title).toBe('Policy Desk');
  });

  it('a user who asks too fast gets a polite ephemeral cooldown message', async () => {
    harness = await startHarness({ ASK_COOLDOWN_SECONDS: '30' });
    await harness.fake.sendCommand('ask', { question: 'What did Kishida promise?' }).waitForReply();
    const again = await harness.fake.sendCommand('ask', { question: 'What did Kishida promise?' }).waitForReply();
    expect(again.ephemeral).toBe(true);
    expect(again.data.embeds![0]!.description).toMatch(/Please wait \d+ s before using \/ask again/);
    const other = await harness.fake
      .sendCommand('ask', { question: 'What did Kishida promise?' }, { userId: '4000000000000000009' })
      .waitForReply();
    expect(other.ephemeral).toBe(false);
  });

  it('answers again after the gateway connection drops', async () => {
    harness = await startHarness();
    expect(await harness.fake.dropConnection('abrupt')).toBe('resumed');
    const reply = await harness.fake
      .sendCommand('ask', { question: 'Who chairs the CPTPP working group?' }, { channelId: NEWS })
      .waitForReply();
    expect(reply.data.embeds![0]!.description).toContain('Tokyo chairs');
  });
});
