import type { APIEmbed } from 'discord.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { render } from '../../src/discord/render';
import { makeArticle } from '../../src/library/makeArticle';
import { alertReply } from '../../src/replies/alert';
import type { Reply } from '../../src/reply';
import { maskedLinkTargets } from '../helpers/maskedLinks';

const EVIL = 'https://evil.example/login';
// Pieces of masked-link attacks, mixed with long words (which get broken with zero-width spaces) and markup.
const pieces = [
  '[',
  ']',
  '(',
  ')',
  '\\',
  `](${EVIL})`,
  `[click](${EVIL})`,
  `[x](<${EVIL}>)`,
  EVIL,
  '\u200b',
  '*',
  '_',
  '`',
  '<',
  '>',
  ' ',
  '\n',
  'x'.repeat(59),
  'y'.repeat(61),
  'Taiwan ',
  '@everyone',
];
const hostile = fc
  .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 8 })), { maxLength: 30 })
  .map((parts) => parts.join(''));
// Links the bot is given: on the article's own host, with attack pieces in the path or query.
const link = fc.oneof(
  fc.constant(null),
  hostile.map((path) => `https://ok.example/${path}`),
  fc.constantFrom(
    `https://ok.example/a)[b](${EVIL})`,
    'https://ok.example/a_(b)',
    'javascript:alert(1)',
    `https://ok.example/)](${EVIL}`,
    'https://ok.example/a b',
  ),
);

// Undoes only the encoding of characters that would end a link or start markup, on both sides of the comparison.
const unescapeMarkup = (url: string) => url.replace(/%(?:2[0-9A]|3C|3E|5B|5C|5D|5F|60|7C|7E)/gi, (c) => decodeURIComponent(c));

function shownTexts(embed: APIEmbed): string[] {
  return [embed.title ?? '', embed.description ?? '', embed.footer?.text ?? '', ...(embed.fields ?? []).flatMap((f) => [f.name, f.value])];
}

/** The targets of every masked link in a rendered reply, which must all be links the bot was given, on their own host. */
function expectOnlyOwnLinks(reply: Reply, given: (string | null | undefined)[]): void {
  const payload = render(reply);
  const targets = [payload.content ?? '', ...payload.embeds.flatMap(shownTexts)].flatMap(maskedLinkTargets);
  const links = given.filter((url): url is string => !!url);
  expect(targets.length).toBeLessThanOrEqual(links.length);
  for (const target of targets) {
    const url = new URL(target);
    expect(url.hostname).toBe('ok.example');
    // The target is the given link, with only characters that would end it percent-encoded.
    expect(links.map((l) => unescapeMarkup(new URL(l).href))).toContain(unescapeMarkup(target));
  }
}

describe('masked links in rendered replies', () => {
  it('come only from links the bot was given, whatever a feed title or link says', () => {
    fc.assert(
      fc.property(hostile, link, hostile, (title, url, body) => {
        const article = makeArticle('a', `${body || 'Taiwan'} ends here.`, { title: title || 'T', url: url ?? undefined }, 'test');
        const reply = alertReply(
          {
            subscription: { topic: title } as never,
            article,
            quotes: article.sentences.map((s) => ({ start: s.start, end: s.end })),
            score: 0.9,
          },
          'article:read:x:1',
        );
        expectOnlyOwnLinks(reply, [url]);
      }),
      { numRuns: 400 },
    );
  });

  it('never form from a question, in text, items, fields or footers, wherever a long word is broken', () => {
    fc.assert(
      fc.property(hostile, fc.nat(70), (question, pad) => {
        const padded = `${'w'.repeat(pad)}${question}`;
        const reply: Reply = {
          tone: 'info',
          title: padded,
          text: [padded],
          items: [`2024-01-01 · “${padded}” → no good answer`],
          fields: [{ name: padded, value: padded }],
          footer: padded,
          quotes: [{ text: padded, citation: padded, context: padded }],
        };
        expectOnlyOwnLinks(reply, []);
      }),
      { numRuns: 400 },
    );
  });

  it('holds for the attacks seen in the wild', () => {
    const title = `Budget](${EVIL}) passes`;
    const article = makeArticle('a', 'The council passed the budget.', { title, url: `https://ok.example/x)[Log in](${EVIL})` }, 'test');
    expectOnlyOwnLinks(
      alertReply({ subscription: { topic: 'budget' } as never, article, quotes: [{ start: 0, end: 29 }], score: 1 }, 'article:read:x:1'),
      [article.url],
    );
    // The zero-width space that breaks a long word once landed between "\" and "[".
    for (let pad = 0; pad < 62; pad++) {
      const question = `${'a'.repeat(pad)}[click here](${EVIL})`;
      expectOnlyOwnLinks({ tone: 'info', items: [`“${question}” → no good answer`] }, []);
    }
  });
});
