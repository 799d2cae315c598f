import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/console/renderText';
import { embedLength, LIMITS, render } from '../../src/discord/render';
import type { OpmlFeed } from '../../src/feeds/opml';
import { feedImportReply } from '../../src/replies/feeds';
import { reportReply } from '../../src/replies/report';
import type { Reply } from '../../src/reply';
import { buildReport } from '../../src/report/buildReport';
import type { ChannelEntry } from '../../src/store/historyStore';

// What a feed's title, an OPML file or a question may hold: mentions, a masked link, a bare address, markup, and length.
const HOSTILE = `@everyone <@123> [x](http://evil.example/p) https://bare.example/x **bold** \`code\` ${'long words '.repeat(180)}`;

/** Every piece of text of an embed a member sees. */
const shown = (embed: APIEmbed) => [
  embed.title ?? '',
  embed.description ?? '',
  embed.footer?.text ?? '',
  ...(embed.fields ?? []).flatMap((field) => [field.name, field.value]),
];

/** Nothing pings, links or formats: the zero-width space after "@", "<" and the scheme, a backslash before markup. */
function expectInert(reply: Reply): void {
  const { embeds, allowedMentions } = render(reply);
  expect(allowedMentions).toEqual({ parse: [] });
  const embed = embeds[0]!;
  expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
  for (const field of embed.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
  for (const text of shown(embed)) {
    expect(text).not.toMatch(/@everyone|<@\d|(?<!\\)\]\(http|https?:\/\/(?!\u200b)|(?<!\\)\*\*|(?<!\\)`/);
  }
  expect(shown(embed).join('\n')).toContain('evil.example');
}

describe('user and article text in the replies of /feed import and /report', () => {
  const feed: OpmlFeed = { url: 'https://news.example/feed', title: HOSTILE };
  const imported = feedImportReply({
    fileName: HOSTILE,
    listed: [feed, { url: 'https://bare.example/x', title: null }],
    tried: [feed, { url: 'https://bare.example/x', title: null }],
    outcomes: [
      { feed, kind: 'added' },
      { feed: { url: `https://bare.example/x?${HOSTILE}`, title: null }, kind: 'refused', reason: HOSTILE, code: 'not_a_feed' },
    ],
    timedOut: false,
    stopping: false,
    limits: { maxFeeds: 100, maxSeconds: 300 },
  });

  const asked = (question: string, i: number): ChannelEntry => ({
    channelId: '3000000000000000001',
    entry: { id: `e${i}`, userId: 'u', at: '2026-11-20T10:00:00.000Z', question, answered: false, tier: 'none', quotes: [] },
  });
  const report = buildReport(
    [HOSTILE, `tariffs ${HOSTILE}`, 'what about <https://evil.example/a> tariffs'].map(asked),
    new Date('2026-11-01T00:00:00Z'),
    new Date('2026-11-26T00:00:00Z'),
  );
  const reported = reportReply(report, { guildId: '1', until: new Date('2026-11-26T00:00:00Z'), days: 25, maxAge: null });

  it('on Discord: the Added field, the refusals and the report fields are escaped, unlinked and within the limits', () => {
    expect(imported.fields?.map((field) => field.name)).toEqual(['Added']);
    expectInert(imported);
    expectInert(reported);
  });

  it('in the console: no control character, and no piece longer than a screenful', () => {
    for (const reply of [imported, reported]) {
      const text = renderText({ ...reply, fields: reply.fields?.map((f) => ({ ...f, value: `${f.value}\u0007\u001b[2J` })) });
      expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
      for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(4_100);
      expect(text).toContain('@everyone');
    }
  });
});
