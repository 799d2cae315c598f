import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectWithinDiscordRules } from '../helpers/discordRules';
import { GUILD, startHarness } from '../helpers/bot';

const BAD = [
  ' ',
  'x',
  'q'.repeat(500),
  'the of and is it',
  '?!?!...;;',
  '😀🎉🔥',
  'ما هو موقف اليابان من تايوان؟',
  'Taiwan שלום مرحبا mixed',
  'e\u0301'.repeat(200),
  '\u0000\u0001\u0007 Taiwan',
  '```js\nalert(1)\n``` Taiwan',
  '**Taiwan** _Strait_ ||spoiler|| # heading',
  '@everyone @here <@&123456789012345678> <@123456789012345678> Taiwan Strait',
  'https://example.org/taiwan?x=(y)',
  `${'(a+)+$'.repeat(60)}`,
  'word '.repeat(99),
];

describe('bad input through Discord', () => {
  it('answers every bad question with a clear reply inside the limits, pings nobody, and records every one', async () => {
    const harness = await startHarness();
    for (const question of BAD) {
      const reply = await harness.fake.sendCommand('ask', { question }).waitForReply();
      expectWithinDiscordRules(reply.data);
      expect(reply.data.embeds![0]!.title ?? reply.data.embeds![0]!.description).toBeTruthy();
    }
    await harness.bot.app.close();
    const file = JSON.parse(readFileSync(join(harness.config.dataDir, 'history', `guild-${GUILD}.json`), 'utf8')) as {
      channels: Record<string, unknown[]>;
    };
    expect(Object.values(file.channels).flat()).toHaveLength(BAD.length);
  });

  it('refuses bad topics politely', async () => {
    const harness = await startHarness();
    for (const [topic, expected] of [
      ['the of and', /no words I can match/],
      ['😀😀', /no words I can match/],
      ['@everyone Taiwan', /Subscribed/],
    ] as const) {
      const reply = await harness.fake.sendCommand('subscribe', { topic }, { permissions: '16' }).waitForReply();
      expectWithinDiscordRules(reply.data);
      expect(`${reply.data.embeds![0]!.title} ${reply.data.embeds![0]!.description}`).toMatch(expected);
    }
  });
});
