import { describe, expect, it } from 'vitest';
import { embedLength, LIMITS, render } from '../../src/discord/render';
import { sanitize, truncate } from '../../src/discord/sanitize';
import type { Reply } from '../../src/reply';

describe('sanitize', () => {
  it('neutralises mentions of everyone, here, users, roles and channels', () => {
    const out = sanitize('@everyone @here <@123456789012345678> <@!123456789012345678> <@&123456789012345678> <#123456789012345678>', 2000);
    expect(out).not.toMatch(/@everyone|@here|<@!?\d|<@&\d|<#\d/);
    expect(out).toContain('@\u200beveryone');
  });

  it('escapes markdown that would break the layout', () => {
    const out = sanitize('**bold** _it_ `code` ```fence``` ~~s~~ ||spoiler|| # heading\n> quote [link](https://x.example)', 2000);
    expect(out).not.toMatch(/(?<!\\)\*\*/);
    expect(out).not.toMatch(/(?<!\\)`/);
    expect(out).not.toMatch(/(?<!\\)\|\|/);
    expect(out).not.toMatch(/(?<!\\)\[link\]\(/);
  });

  it('does not mark a short text as cut because control characters were removed', () => {
    expect(sanitize('Budget\u0000 passed.', 100)).toBe('Budget passed.');
  });

  it('breaks very long words and removes control characters', () => {
    const out = sanitize(`${'x'.repeat(500)}\u0000\u0007end`, 2000);
    expect(out.split(/[\s\u200b]/).every((word) => word.length <= 60)).toBe(true);
    expect(out).not.toMatch(/[\u0000\u0007]/);
  });
});

describe('truncate', () => {
  it('cuts at a word, marks the cut and never splits a surrogate pair', () => {
    expect(truncate('alpha beta gamma delta epsilon', 20)).toBe('alpha beta gamma…');
    const emoji = '😀'.repeat(10);
    const cut = truncate(emoji, 6);
    expect(cut.length).toBeLessThanOrEqual(6);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('render', () => {
  const many = (n: number, size: number) =>
    Array.from({ length: n }, (_, i) => ({
      text: `${i} ${'word '.repeat(size / 5)}`,
      citation: 'T'.repeat(300),
      url: 'https://example.org/a',
    }));

  it.each([
    ['ten huge quotes', { tone: 'answer', title: 'Q'.repeat(1000), quotes: many(10, 5000), footer: 'F'.repeat(3000) }],
    [
      'thirty fields',
      {
        tone: 'info',
        title: 'x',
        fields: Array.from({ length: 30 }, () => ({ name: 'N'.repeat(400), value: 'V'.repeat(2000) })),
        text: ['P'.repeat(9000)],
      },
    ],
    ['items and text', { tone: 'info', items: Array.from({ length: 500 }, (_, i) => `item ${i} ${'z'.repeat(100)}`), text: ['a'] }],
  ] as [string, Reply][])('keeps %s inside every limit', (_name, reply) => {
    const { embeds, allowedMentions } = render(reply);
    expect(allowedMentions).toEqual({ parse: [] });
    // A reply is one embed (LIMITS.embeds allows ten): the limits below are that embed's.
    expect(embeds).toHaveLength(1);
    for (const embed of embeds) {
      expect(embed.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.title);
      expect(embed.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
      expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
      for (const f of embed.fields ?? []) {
        expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
        expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
      }
      expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footer);
      expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
    }
  });

  it('cuts what does not fit at known places: title and footer to their limits, quotes best first, fields and items while the total allows', () => {
    const quotes = render({ tone: 'answer', title: 'Q'.repeat(1000), quotes: many(10, 5000), footer: 'F'.repeat(3000) }).embeds[0]!;
    // Long words are broken with zero-width spaces, which count against the limit.
    const unbroken = (text: string | undefined) => (text ?? '').replace(/\u200b/g, '');
    expect(quotes.title).toHaveLength(LIMITS.title);
    expect(unbroken(quotes.title)).toMatch(/^Q{240,255}…$/);
    expect(quotes.footer!.text).toHaveLength(LIMITS.footer);
    // Only the best quote, cut with its citation kept whole under it.
    expect(quotes.description!.match(/^> \d+ /gm)).toEqual(['> 0 ']);
    expect(unbroken(quotes.description)).toMatch(/…\n— \[T{300}\]\(https:\/\/example\.org\/a\)$/);

    const fields = render({
      tone: 'info',
      title: 'x',
      fields: Array.from({ length: 30 }, () => ({ name: 'N'.repeat(400), value: 'V'.repeat(2000) })),
      text: ['P'.repeat(9000)],
    }).embeds[0]!;
    // Each field keeps 1,000 characters of the total for the text: four fit, the last one cut.
    expect(fields.fields!.map((f) => [f.name.length, f.value.length])).toEqual([
      [256, 1023],
      [256, 1023],
      [256, 1023],
      [256, 905],
    ]);
    expect(unbroken(fields.description)).toMatch(/^P+…$/);
    expect(embedLength(fields)).toBe(LIMITS.embedTotal);

    const items = render({ tone: 'info', items: Array.from({ length: 500 }, (_, i) => `item ${i} ${'z'.repeat(100)}`), text: ['a'] })
      .embeds[0]!;
    // Whole items only, in order, until the description is full: 36 of about 112 characters each.
    expect(items.description!.match(/^• item \d+/gm)).toEqual(Array.from({ length: 36 }, (_, i) => `• item ${i}`));
    expect(items.description!.length).toBeLessThanOrEqual(LIMITS.description);
  });

  it('puts the best quote first, as a quote with its citation under it', () => {
    const { embeds } = render({
      tone: 'answer',
      quotes: [
        { text: 'First.', citation: 'A — 2024-01-01' },
        { text: 'Second.', citation: 'B — date unknown', context: 'Before.' },
      ],
    });
    expect(embeds[0]!.description).toBe('> First.\n— A — 2024-01-01\n\n-# Context: Before.\n> Second.\n— B — date unknown');
  });

  it('cites an article once, under its last quote, keeping the best quote first', () => {
    const { embeds } = render({
      tone: 'answer',
      quotes: [
        { text: 'One.', citation: 'A' },
        { text: 'Two.', citation: 'B' },
        { text: 'Three.', citation: 'A' },
      ],
    });
    expect(embeds[0]!.description).toBe('> One.\n\n> Three.\n— A\n\n> Two.\n— B');
  });

  it('shows times as Discord timestamps, made by the bot only', () => {
    const { embeds } = render({
      tone: 'info',
      items: [
        { at: '2024-03-05T14:05:00.000Z', text: '“<t:1:f> @everyone” → no good answer' },
        { at: '2024-03-05T14:05:00.000Z', label: 'last alert', text: 'x' },
        { at: 'not a time', text: 'y' },
      ],
    });
    expect(embeds[0]!.description).toBe(
      '• <t:1709647500:f> · “<\u200bt:1:f> @\u200beveryone” → no good answer\n\n• last alert <t:1709647500:f> · x\n\n• y',
    );
  });

  it('makes channel mentions only from an id, and attaches files', () => {
    const payload = render({
      tone: 'info',
      items: [
        { channel: '300000000000000001', text: '4 <#300000000000000002>' },
        { channel: 'console', text: '2' },
      ],
      files: [{ name: 'report.csv', contentType: 'text/csv', data: 'a,b\r\n' }],
    });
    expect(payload.embeds[0]!.description).toBe('• <#300000000000000001> 4 <\u200b#300000000000000002>\n\n• #console 2');
    expect(payload.files!.map((f) => f.name)).toEqual(['report.csv']);
    expect(String(payload.files![0]!.attachment)).toBe('a,b\r\n');
    expect(render({ tone: 'info', text: ['x'] }).files).toBeUndefined();
  });

  it('makes errors ephemeral and drops buttons whose id is too long', () => {
    const payload = render({
      tone: 'error',
      text: ['oops'],
      ephemeral: true,
      buttons: [
        { id: 'x'.repeat(101), label: 'bad' },
        { id: 'ok', label: 'fine' },
      ],
    });
    expect(payload.flags).toBe(64);
    expect(payload.components[0]!.components.map((b) => ('custom_id' in b ? b.custom_id : ''))).toEqual(['ok']);
  });
});

describe('addresses the bot checked itself', () => {
  it('are links in items and fields; their labels and anything not http(s) stay text', () => {
    const payload = render({
      tone: 'info',
      items: [
        { label: '**Wire** @everyone:', link: 'https://news.example.org/rss_(all).xml', text: '· see https://evil.example/x' },
        { link: 'ftp://example.org/feed', text: 'x' },
      ],
      fields: [
        { name: 'Address', value: 'https://news.example.org/rss_(all).xml', link: true },
        { name: 'Note', value: 'https://evil.example/y' },
      ],
    });
    const embed = payload.embeds[0]!;
    expect(embed.description).toBe(
      '• \\*\\*Wire\\*\\* @\u200beveryone: <https://news.example.org/rss%5F%28all%29.xml> · see https:\u200b//evil.example/x\n\n• ftp:\u200b//example.org/feed x',
    );
    expect(embed.fields).toEqual([
      { name: 'Address', value: '<https://news.example.org/rss%5F%28all%29.xml>' },
      { name: 'Note', value: 'https:\u200b//evil.example/y' },
    ]);
  });
});

describe('files on a reply', () => {
  it('become attachments (at most 10), and a reply without files has none', () => {
    const files = Array.from({ length: 12 }, (_, i) => ({ name: `f${i}.opml`, data: i % 2 ? Buffer.from('<opml/>') : '<opml/>' }));
    const payload = render({ tone: 'info', text: ['x'], files });
    expect(payload.files).toHaveLength(10);
    expect(payload.files![0]!.name).toBe('f0.opml');
    expect(Buffer.isBuffer(payload.files![1]!.attachment)).toBe(true);
    expect(String(payload.files![0]!.attachment)).toBe('<opml/>');
    expect(render({ tone: 'info', text: ['x'] }).files).toBeUndefined();
  });
});
