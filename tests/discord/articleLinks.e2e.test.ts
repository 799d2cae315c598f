import { describe, expect, it } from 'vitest';
import { linkTarget } from '../../src/discord/sanitize';
import { articlesDir, startHarness } from '../helpers/bot';
import { expectWithinDiscordRules } from '../helpers/discordRules';

const CITATION_URL = 'https://council.example/housing-bill';
const MENTIONS = `---
title: Council backs the housing bill
date: 2024-03-05
source: City Desk
url: ${CITATION_URL}
---
The council backed the housing bill on Tuesday, see [the council site](https://evil.example/steal) for the vote.
Residents can comment at https://evil.example/form?id=123 or <https://evil.example/other> before the bill returns.
Housing officers said the bill would add 000 homes, <@123456789012345678> and <#123456789012345678> were told.
The housing bill now goes to the council's housing committee.
`;

/** Every address Discord would make a link of: scheme:// with nothing between the colon and the slashes. */
const clickable = (text: string) => text.match(/[a-z][a-z0-9+.-]*:\/\/[^\s)>]*/gi) ?? [];

describe('addresses in article text', () => {
  it('are shown but not clickable; the citation link, made by the bot from the checked url, still is', async () => {
    const harness = await startHarness({ ARTICLES_DIR: articlesDir({ 'housing.md': MENTIONS }) });
    const reply = await harness.fake.sendCommand('ask', { question: 'Where can residents comment on the housing bill?' }).waitForReply();
    expectWithinDiscordRules(reply.data);
    const embed = reply.data.embeds![0]!;
    const description = embed.description ?? '';
    expect(description).toContain('https:\u200b//evil.example/form');
    expect(clickable(description)).toEqual([linkTarget(CITATION_URL)]);
    expect(clickable(JSON.stringify(embed.fields ?? []))).toEqual([]);

    const read = await harness.fake
      .sendCommand('article', [{ type: 1, name: 'read', options: [{ type: 3, name: 'id', value: 'housing' }] }])
      .waitForReply();
    const page = read.data.embeds![0]!;
    expect(page.url).toBe(linkTarget(CITATION_URL));
    const shown = `${page.description ?? ''}\n${(page.fields ?? []).map((field) => field.value).join('\n')}`;
    expect(shown).toContain('https:\u200b//evil.example/steal');
    expect(clickable(shown)).toEqual([]);
  });

  it('leave addresses, mentions and numbers out of the key terms', async () => {
    const harness = await startHarness({ ARTICLES_DIR: articlesDir({ 'housing.md': MENTIONS }) });
    const read = await harness.fake
      .sendCommand('article', [{ type: 1, name: 'read', options: [{ type: 3, name: 'id', value: 'housing' }] }])
      .waitForReply();
    const terms = read.data.embeds![0]!.fields!.find((field) => field.name === 'Key terms')!.value.split(', ');
    expect(terms).toContain('housing');
    expect(terms).toContain('council');
    for (const piece of ['http', 'https', 'evil', 'example', 'steal', 'form', '000', '123', '123456789012345678'])
      expect(terms, piece).not.toContain(piece);
  });
});
