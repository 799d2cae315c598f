/**
 * OPML, the file feed readers import and export their subscriptions as: a
 * tree of <outline> elements, those with an xmlUrl being feeds. Parsed with
 * fast-xml-parser, the parser the feed parser already uses.
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

export class OpmlError extends Error {
  override readonly name = 'OpmlError';
}

export interface OpmlFeed {
  url: string;
  title: string | null;
}

// Folders inside folders are rare past two or three; the parser refuses deeper trees rather than recursing without end.
const MAX_DEPTH = 50;

type Node = Record<string, unknown>;

const asArray = (value: unknown): Node[] =>
  (Array.isArray(value) ? value : value === undefined || value === null || value === '' ? [] : [value]).filter(
    (v): v is Node => typeof v === 'object' && v !== null,
  );

/** An attribute by name, whatever its case (xmlUrl, xmlurl and XMLURL are all seen in the wild). */
function attribute(node: Node, name: string): string | null {
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@') && key.slice(1).toLowerCase() === name && (typeof value === 'string' || typeof value === 'number'))
      return String(value).trim() || null;
  }
  return null;
}

/**
 * The feeds an OPML document lists, in document order, each address once
 * (folders are walked; outlines without an xmlUrl are folders or notes).
 * Not OPML, or not well-formed XML: an OpmlError saying so.
 */
export function parseOpml(text: string): OpmlFeed[] {
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    throw new OpmlError(`it is not well-formed XML (line ${valid.err.line}: ${valid.err.msg.replace(/\s+/g, ' ').slice(0, 120)})`);
  let document: Node;
  try {
    document = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      processEntities: true,
      htmlEntities: false,
      maxNestedTags: MAX_DEPTH + 3,
    }).parse(text) as Node;
  } catch (error) {
    throw new OpmlError(`it could not be read as OPML (${(error as Error).message.split('\n')[0]!.slice(0, 200)})`);
  }
  const opml = asArray(document.opml)[0];
  if (!opml) throw new OpmlError('it is XML but not OPML (its root element is not <opml>)');
  const feeds: OpmlFeed[] = [];
  const seen = new Set<string>();
  const walk = (outlines: Node[], depth: number) => {
    if (depth > MAX_DEPTH) throw new OpmlError(`its outlines are nested more than ${MAX_DEPTH} deep`);
    for (const outline of outlines) {
      const url = attribute(outline, 'xmlurl');
      if (url && !seen.has(url)) {
        seen.add(url);
        feeds.push({ url, title: attribute(outline, 'title') ?? attribute(outline, 'text') });
      }
      walk(asArray(outline.outline), depth + 1);
    }
  };
  for (const body of asArray(opml.body)) walk(asArray(body.outline), 1);
  return feeds;
}

/** An OPML 2.0 document listing the feeds (escaping by the builder, not by hand). */
export function toOpml(feeds: readonly OpmlFeed[], title: string, created: Date): string {
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', format: true, suppressEmptyNode: true });
  const outline = feeds.map((feed) => ({
    '@type': 'rss',
    '@text': feed.title ?? feed.url,
    ...(feed.title ? { '@title': feed.title } : {}),
    '@xmlUrl': feed.url,
  }));
  const xml = builder.build({
    opml: { '@version': '2.0', head: { title, dateCreated: created.toUTCString() }, body: { outline } },
  }) as string;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
}
