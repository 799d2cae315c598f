import { describe, expect, it } from 'vitest';
import { OpmlError, parseOpml, toOpml } from '../../src/feeds/opml';

describe('reading OPML', () => {
  it('finds every feed in folders, once each, with its title, whatever the case of xmlUrl', () => {
    const text = `<?xml version="1.0"?>
<opml version="1.0"><head><title>Reader</title></head><body>
  <outline text="Politics">
    <outline text="Strait Watch" title="Strait Watch" type="rss" xmlUrl="https://a.example/feed.xml"/>
    <outline text="Ministry" xmlurl="https://b.example/rss?x=1&amp;y=2"/>
  </outline>
  <outline text="A note, not a feed"/>
  <outline text="Again" xmlUrl="https://a.example/feed.xml"/>
  <outline XMLURL="https://c.example/atom"/>
</body></opml>`;
    expect(parseOpml(text)).toEqual([
      { url: 'https://a.example/feed.xml', title: 'Strait Watch' },
      { url: 'https://b.example/rss?x=1&y=2', title: 'Ministry' },
      { url: 'https://c.example/atom', title: null },
    ]);
  });

  it('reads a file with one outline, and one with none', () => {
    expect(parseOpml('<opml><body><outline xmlUrl="https://a.example/f"/></body></opml>')).toEqual([
      { url: 'https://a.example/f', title: null },
    ]);
    expect(parseOpml('<opml version="2.0"><head/><body/></opml>')).toEqual([]);
  });

  it.each([
    ['<opml><body><outline xmlUrl="x">', /not well-formed XML \(line 1/],
    ['just some text', /not well-formed XML/],
    ['<rss version="2.0"><channel/></rss>', /XML but not OPML/],
    [`<opml><body>${'<outline>'.repeat(300)}${'</outline>'.repeat(300)}</body></opml>`, /could not be read as OPML|nested more than/],
  ])('refuses %#: broken, not OPML, or nested without end', (text, message) => {
    expect(() => parseOpml(text)).toThrow(OpmlError);
    expect(() => parseOpml(text)).toThrow(message);
  });

  it('does not expand entities declared in the file (no entity bomb)', () => {
    const bomb = `<!DOCTYPE opml [<!ENTITY a "aaaaaaaaaaaaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><opml><body><outline xmlUrl="https://a.example/&c;"/></body></opml>`;
    const feeds = parseOpml(bomb);
    expect(feeds.length).toBeLessThanOrEqual(1);
    expect(feeds[0]?.url.length ?? 0).toBeLessThan(100);
  });
});

describe('writing OPML', () => {
  it('escapes titles and addresses, and reads back what it wrote', () => {
    const feeds = [
      { url: 'https://a.example/feed?x=1&y=2', title: 'Strait <Watch> & "friends"' },
      { url: 'https://b.example/rss', title: null },
    ];
    const text = toOpml(feeds, 'Policy Desk feeds', new Date('2024-03-05T00:00:00Z'));
    expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<opml version="2.0">/);
    expect(text).toContain('<dateCreated>Tue, 05 Mar 2024 00:00:00 GMT</dateCreated>');
    expect(text).toContain('xmlUrl="https://a.example/feed?x=1&amp;y=2"');
    expect(text).not.toContain('<Watch>');
    expect(parseOpml(text)).toEqual([feeds[0], { url: 'https://b.example/rss', title: 'https://b.example/rss' }]);
  });
});
