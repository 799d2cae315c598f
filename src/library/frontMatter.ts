import { parse as parseYaml } from 'yaml';
import type { ArticleMeta } from './article';

export class FrontMatterError extends Error {}

export interface ParsedFile {
  meta: Partial<ArticleMeta>;
  /** Offset of the body within the file, so the body is the file's text from there. */
  bodyOffset: number;
}

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSING = /^---[ \t]*$/m;

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string' || typeof value === 'number') return String(value).trim();
  throw new FrontMatterError(`"${field}" must be text`);
}

function isoDate(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  // YAML turns an unquoted 2021-12-11 into a Date; a quoted one stays a string.
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) throw new FrontMatterError(`"date" is not a date: ${String(value).slice(0, 40)}`);
  // A date from the future or before modern newspapers is a typo or a lie; citing it would mislead.
  if (date.getUTCFullYear() < 1800 || date.getTime() > Date.now() + 2 * 86_400_000) throw new FrontMatterError(`"date" is not plausible for a news article: ${date.toISOString().slice(0, 10)}`);
  return date.toISOString().slice(0, 10);
}

/** Reads an optional leading `---` YAML block (title, date, source, url, tags). */
export function parseFrontMatter(text: string): ParsedFile {
  const opening = OPENING.exec(text);
  if (!opening) return { meta: {}, bodyOffset: text.startsWith('\uFEFF') ? 1 : 0 };
  const rest = text.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) throw new FrontMatterError('front matter opened with --- but never closed');
  let data: unknown;
  try {
    data = parseYaml(rest.slice(0, closing.index)) ?? {};
  } catch (error) {
    throw new FrontMatterError(`front matter is not valid YAML (${(error as Error).message.split('\n')[0]})`);
  }
  if (typeof data !== 'object' || Array.isArray(data)) throw new FrontMatterError('front matter must be a list of key: value lines');
  const fields = data as Record<string, unknown>;
  const tags = fields.tags;
  if (tags !== undefined && tags !== null && !Array.isArray(tags) && typeof tags !== 'string') {
    throw new FrontMatterError('"tags" must be a list or comma-separated text');
  }
  const url = optionalString(fields.url, 'url');
  if (url !== undefined && !/^https?:\/\/\S+$/i.test(url)) throw new FrontMatterError(`"url" is not an http(s) address: ${url.slice(0, 60)}`);
  const title = optionalString(fields.title, 'title');
  if (title !== undefined && title.length > 300) throw new FrontMatterError(`"title" is ${title.length} characters; a title is at most 300`);
  const meta: Partial<ArticleMeta> = {
    title,
    date: isoDate(fields.date),
    source: optionalString(fields.source, 'source'),
    url,
    tags: (Array.isArray(tags) ? tags.map(String) : typeof tags === 'string' ? tags.split(',') : []).map((tag) => tag.trim()).filter(Boolean),
  };
  let bodyOffset = opening[0].length + closing.index + closing[0].length;
  if (text[bodyOffset] === '\r') bodyOffset++;
  if (text[bodyOffset] === '\n') bodyOffset++;
  return { meta, bodyOffset };
}
