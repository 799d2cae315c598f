import { parseFeed } from '@rowanmanning/feed-parser';
import { FeedError } from './feedError';

export type ParsedFeed = ReturnType<typeof parseFeed>;
export type ParsedItem = ParsedFeed['items'][number];

const HTML_START = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html[\s>]|<html[\s>])/i;
// Names and attributes as XML allows them; '<' cannot occur in an attribute value, which keeps each attempt short.
const TAG = /<(\/)?([^\s/>!?<"'=][^\s/>"'=<]*)((?:\s+[^\s=/>"'<]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/)?>/y;

/**
 * Whether the tags of an XML document balance: the check feed-parser does not
 * make (it reads a truncated or mismatched document without complaint, and a
 * cut-off feed would then quietly lose items). Linear in the document's size.
 * Other slips that feed readers tolerate (a stray & or <) are tolerated here.
 * Returns what is wrong, or null.
 */
export function xmlStructureProblem(text: string): string | null {
  const stack: string[] = [];
  let roots = 0;
  let at = 0;
  for (;;) {
    at = text.indexOf('<', at);
    if (at === -1) break;
    const skipTo = (opening: string, closing: string, what: string): string | null => {
      const end = text.indexOf(closing, at + opening.length);
      if (end === -1) return `${what} is never closed (the document looks cut off)`;
      at = end + closing.length;
      return null;
    };
    let problem: string | null | undefined;
    if (text.startsWith('<!--', at)) problem = skipTo('<!--', '-->', 'a comment');
    else if (text.startsWith('<![CDATA[', at)) problem = skipTo('<![CDATA[', ']]>', 'a CDATA section');
    else if (text.startsWith('<?', at)) problem = skipTo('<?', '?>', 'a processing instruction');
    else if (/^<!doctype/i.test(text.slice(at, at + 9))) {
      const bracket = text.indexOf('[', at);
      const close = text.indexOf('>', at);
      problem = bracket !== -1 && bracket < close ? skipTo('<!', ']>', 'the DOCTYPE') : skipTo('<!', '>', 'the DOCTYPE');
    }
    if (problem) return problem;
    if (problem === null) continue;
    TAG.lastIndex = at;
    const tag = TAG.exec(text);
    if (!tag) {
      at++;
      continue;
    }
    at = TAG.lastIndex;
    const [, closing, name = '', , selfClosing] = tag;
    if (closing) {
      const open = stack.pop();
      if (open === undefined) return `</${name}> closes an element that was never opened`;
      if (open !== name) return `</${name}> closes <${open}>`;
    } else if (!selfClosing) {
      if (stack.length === 0) roots++;
      stack.push(name);
    } else if (stack.length === 0) {
      roots++;
    }
    if (roots > 1) return 'there is more than one top-level element';
  }
  const open = stack.at(-1);
  if (open !== undefined) return `<${open}> is never closed (the document looks cut off)`;
  if (roots === 0) return 'there is no XML element in it';
  return null;
}

/** A web page's advertised feed (`<link rel="alternate" type="application/rss+xml" href=…>`), resolved against the page. */
export function advertisedFeed(html: string, pageUrl: string): string | null {
  for (const link of html.slice(0, 200_000).match(/<link\b[^>]*>/gi) ?? []) {
    if (!/\brel\s*=\s*["']?alternate\b/i.test(link) || !/\btype\s*=\s*["']?application\/(?:rss|atom)\+xml/i.test(link)) continue;
    const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(link);
    const value = href?.[1] ?? href?.[2] ?? href?.[3];
    if (!value) continue;
    try {
      const resolved = new URL(value.replace(/&amp;/g, '&'), pageUrl);
      if (resolved.protocol === 'http:' || resolved.protocol === 'https:') return resolved.href;
    } catch {
      // not an address; look at the next link
    }
  }
  return null;
}

/**
 * Reads a fetched document as an RSS or Atom feed, or says plainly why it is
 * not one: a web page (naming the feed the page advertises, if any), not XML,
 * broken XML, XML that is not a feed.
 */
export function parseFeedDocument(text: string, url: string): ParsedFeed {
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trim()) throw new FeedError('not_a_feed', 'The address returned an empty page, not a feed.');
  if (HTML_START.test(body)) {
    const feed = advertisedFeed(body, url);
    throw new FeedError(
      'not_a_feed',
      feed
        ? `That address is a web page, not an RSS or Atom feed. The page names a feed at ${feed}: try adding that address.`
        : 'That address is a web page, not an RSS or Atom feed. Look for an RSS or Atom link on the site and add that address.',
    );
  }
  if (!body.trimStart().startsWith('<')) {
    const json = /^\s*[[{]/.test(body);
    throw new FeedError(
      'not_a_feed',
      json
        ? 'That address returned JSON, not an RSS or Atom feed (JSON Feed is not supported).'
        : 'That address did not return XML, so it is not an RSS or Atom feed.',
    );
  }
  const problem = xmlStructureProblem(body);
  if (problem) throw new FeedError('malformed', `The feed's XML is broken (${problem}), so it was not read. The site needs to fix it.`);
  try {
    return parseFeed(body);
  } catch (error) {
    if ((error as { code?: string }).code === 'INVALID_FEED') {
      throw new FeedError('not_a_feed', 'That address returned XML, but not an RSS or Atom feed.');
    }
    throw new FeedError('malformed', `The feed could not be read (${(error as Error).message.split('\n')[0]?.slice(0, 120)}).`);
  }
}
