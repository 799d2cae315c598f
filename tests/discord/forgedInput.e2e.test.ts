import { describe, expect, it } from 'vitest';
import { expectWithinDiscordRules } from '../helpers/discordRules';
import { startHarness } from '../helpers/bot';

describe('forged buttons and markup floods', () => {
  it('answers a forged page button with a real page, never "Page NaN of NaN"', async () => {
    const harness = await startHarness();
    await harness.fake.sendCommand('ask', { question: 'Who chairs the CPTPP working group?' }).waitForReply();
    for (const id of [
      'history:page:abc:xyz',
      'history:page:NaN:NaN',
      'history:page:-5:1e309',
      'articles:page:abc',
      'lookup:page:NaN:Taiwan',
      'article:page:000_02b1b7e6bf94f65a:zz',
    ]) {
      const reply = await harness.fake.clickButton(id).waitForReply();
      expectWithinDiscordRules(reply.data);
      const footer = reply.data.embeds![0]!.footer?.text ?? '';
      expect(footer, id).not.toMatch(/NaN|Infinity|-\d/);
      expect(footer, id).toMatch(/^Page 1 of \d+/);
    }
  });

  it('escapes every one of 80 asterisks in /lookup', async () => {
    const harness = await startHarness();
    const reply = await harness.fake.sendCommand('lookup', { term: '*'.repeat(80) }).waitForReply();
    const shown = reply.data.embeds!.map((e) => `${e.title ?? ''}${e.description ?? ''}`).join('');
    expect(shown.match(/\*/g)).toHaveLength(80);
    expect(shown).not.toMatch(/(?<!\\)\*/);
  });
});
