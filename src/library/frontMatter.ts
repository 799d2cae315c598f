import { isMap, isScalar, parseDocument } from 'yaml';
import type { ArticleMeta } from './article';

/** The front matter cannot be used; `problems` holds every one found, each with its line in the file. */
export class FrontMatterError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

export interface ParsedFile {
  meta: Partial<ArticleMeta>;
  /** Offset of the body within the file, so the body is the file's text from there. */
  bodyOffset: number;
  /** What was wrong but did not stop the article loading (an unknown key, a url without a scheme, a date it cannot read), each with its line. */
  warnings: string[];
}

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSING = /^---[ \t]*$/m;
const KEYS = ['title', 'date', 'source', 'url', 'tags'];
/** The longest title a file may give; writers of article files (feeds) cut to it. */
export const MAX_TITLE_CHARS = 300;

/** A date from the future or before modern newspapers is a typo or a lie; citing it would mislead. */
export function plausibleNewsDate(date: Date, now = Date.now()): boolean {
  return date.getUTCFullYear() >= 1800 && date.getTime() <= now + 2 * 86_400_000;
}

export const DATE_FORMATS =
  'YYYY-MM-DD (2024-03-05), an ISO date and time (2024-03-05T09:30:00Z), or a date with the month written out (5 March 2024, March 5, 2024)';
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const NUMERIC = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})$/;
const MONTH_NAME = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b/i;

type Check = (problem: string) => void;

// A headline is written as typed, unquoted: "title: Budd report: nanny visa…" is not valid YAML (a second ": "),
// "title: 'Fockers' set to meet…" opens a quoted string it does not end with, "title: #1 hit" is a comment and
// "title: Hash # x" loses " # x". Such a line of a text field is read as its whole text, quoted for the parser on
// the same line, so line numbers stay. A value YAML reads as meant (one quoted string, a | or > block, a line
// continued on the next) is left to it.
const TEXT_LINE = /^(title|source):([ \t]+)(\S.*)$/;
const QUOTED = /^(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')(?:[ \t]+#.*)?$/;
const BLOCK = /^[|>][+-]?\d*(?:[ \t]+#.*)?$/;
// A title opening with [ or { is left to YAML: that is a list or a map, refused with its line.
const MISREAD = /: |:$|[ \t]#|^["'&*!%@`#|>]/;

function quoteTextLines(block: string): string {
  const lines = block.split('\n');
  return lines
    .map((line, i) => {
      const text = TEXT_LINE.exec(line.replace(/\r$/, ''));
      if (!text) return line;
      const value = text[3]!.trimEnd();
      if (QUOTED.test(value) || BLOCK.test(value) || !MISREAD.test(value) || /^[ \t]+\S/.test(lines[i + 1] ?? '')) return line;
      return `${text[1]}:${text[2]}${JSON.stringify(value)}${line.endsWith('\r') ? '\r' : ''}`;
    })
    .join('\n');
}

function optionalString(value: unknown, field: string, problem: Check): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string' || typeof value === 'number') return String(value).trim();
  problem(`"${field}" must be text`);
  return undefined;
}

/**
 * A time of day with what may follow it: seconds, am/pm and a zone (an
 * offset, or letters such as GMT, EST, BST, optionally with an offset).
 */
const TIME_AND_ZONE =
  /(?:\bat\s+)?(?<![\d:])\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[aApP]\.?[mM]\b\.?)?(?:\s*\(?(?:Z|[+-]\d{2}:?\d{2}|(?:UTC|GMT|UT|CET|EET|WET|MSK|[A-Z]{1,3}[SD]T)(?:[+-]\d{1,2}(?::?\d{2})?)?)\)?(?!\w))?/g;

/** A calendar date read one way only: numeric dates other than year-first could be day/month or month/day. */
function readDate(value: unknown, problem: Check): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let date: Date | null = null;
  // YAML turns an unquoted 2021-12-11 into a Date; a quoted one stays a string.
  if (value instanceof Date) date = value;
  else if (typeof value === 'string') {
    const text = value.trim();
    const iso = ISO_DATE.exec(text);
    const numeric = NUMERIC.exec(text);
    if (iso) {
      date = new Date(Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])));
      // The engine rolls 2024-13-45 over into 2025; a day that does not exist is no date.
      if (date.toISOString().slice(0, 10) !== text) date = null;
    } else if (ISO_TIME.test(text)) date = new Date(text);
    else if (numeric) {
      const ambiguous = Number(numeric[1]) <= 12 && Number(numeric[2]) <= 12;
      problem(
        `"date" ${text.slice(0, 40)} ${ambiguous ? 'could be read as day/month or as month/day' : 'is not in a format the bot reads'}; write it as ${DATE_FORMATS}`,
      );
      return undefined;
    } else if (MONTH_NAME.test(text)) {
      // The date as written, without its time and zone: an offset moves the instant to another day ("5 Mar 2024 00:30 +0100" is 4 March in UTC), the article's day is the one written.
      // Only those tokens go, wherever they stand: a time may come before the date ("12:30 5 March 2024").
      const written = text
        .replace(TIME_AND_ZONE, ' ')
        .replace(/^[\s,]+|[\s,]+$/g, '')
        .replace(/\s+,/g, ',');
      // The engine reads written months in local time; keep the calendar day it read.
      const local = new Date(written);
      // It also rolls "31 February" over into March: the day written must be the day read.
      const day = /(?<![\d:])\d{1,2}(?![\d:])/.exec(written)?.[0];
      if (!Number.isNaN(local.getTime()) && (day === undefined || Number(day) === local.getDate()))
        date = new Date(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()));
    }
  }
  if (!date || Number.isNaN(date.getTime())) {
    problem(`"date" is not a date: ${String(value).slice(0, 40)} (write it as ${DATE_FORMATS})`);
    return undefined;
  }
  if (!plausibleNewsDate(date)) {
    problem(`"date" is not plausible for a news article: ${date.toISOString().slice(0, 10)}`);
    return undefined;
  }
  return date.toISOString().slice(0, 10);
}

/**
 * Reads an optional leading `---` YAML block (title, date, source, url, tags).
 * Every problem is reported at once, each with its line in the file (the
 * opening `---` is line 1), so one edit fixes them all.
 */
export function parseFrontMatter(text: string): ParsedFile {
  const opening = OPENING.exec(text);
  if (!opening) return { meta: {}, bodyOffset: text.startsWith('\uFEFF') ? 1 : 0, warnings: [] };
  const rest = text.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) throw new FrontMatterError(['line 1: front matter opened with --- but never closed']);
  const block = quoteTextLines(rest.slice(0, closing.index));
  // Line numbers in the file: the block starts on line 2.
  const lineAt = (offsetInBlock: number) => 2 + (block.slice(0, offsetInBlock).match(/\n/g)?.length ?? 0);
  const problems: string[] = [];
  const warnings: string[] = [];

  const document = parseDocument(block);
  if (document.errors.length > 0) {
    throw new FrontMatterError(
      document.errors.map(
        (error) =>
          `line ${lineAt(error.pos[0])}: front matter is not valid YAML (${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')})`,
      ),
    );
  }
  const lines = new Map<string, number>();
  if (document.contents !== null && !isMap(document.contents))
    throw new FrontMatterError(['line 2: front matter must be a list of key: value lines']);
  for (const pair of isMap(document.contents) ? document.contents.items : []) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const line = lineAt(isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0);
    lines.set(key, line);
    if (!KEYS.includes(key)) warnings.push(`line ${line}: unknown key "${key.slice(0, 40)}" is ignored (the keys are ${KEYS.join(', ')})`);
  }
  const fields = (document.toJS() ?? {}) as Record<string, unknown>;
  const at =
    (field: string): Check =>
    (problem) =>
      problems.push(`line ${lines.get(field) ?? 2}: ${problem}`);

  const tags = fields.tags;
  if (tags !== undefined && tags !== null && !Array.isArray(tags) && typeof tags !== 'string')
    at('tags')('"tags" must be a list or comma-separated text');
  let url = optionalString(fields.url, 'url', at('url'));
  if (url !== undefined && !/^https?:\/\/\S+$/i.test(url)) {
    // "example.org/budget": meant as a link, so the article loads without one; any other scheme (javascript:) is refused.
    if (!/^[a-z][a-z0-9+.-]*:/i.test(url) && /^[^\s/]+\.[^\s/]+(\/\S*)?$/.test(url)) {
      warnings.push(
        `line ${lines.get('url')}: "url" has no http:// or https:// (${url.slice(0, 60)}); the article is shown without a link`,
      );
    } else {
      at('url')(`"url" is not an http(s) address: ${url.slice(0, 60)}`);
    }
    url = undefined;
  }
  const title = optionalString(fields.title, 'title', at('title'));
  if (title !== undefined && title.length > MAX_TITLE_CHARS)
    at('title')(`"title" is ${title.length} characters; a title is at most ${MAX_TITLE_CHARS}`);
  // An article is worth more than its date: one it cannot read ("None", 05/03/2024, 2999-01-01) is left out, not the article.
  const undated: Check = (problem) => warnings.push(`line ${lines.get('date') ?? 2}: ${problem}; the article is loaded without a date`);
  const meta: Partial<ArticleMeta> = {
    title,
    date: readDate(fields.date, undated),
    source: optionalString(fields.source, 'source', at('source')),
    url,
    tags: (Array.isArray(tags) ? tags.map(String) : typeof tags === 'string' ? tags.split(',') : [])
      .map((tag) => tag.trim())
      .filter(Boolean),
  };
  const lineOf = (message: string) => Number(/^line (\d+)/.exec(message)?.[1] ?? 0);
  if (problems.length > 0) throw new FrontMatterError(problems.sort((a, b) => lineOf(a) - lineOf(b)));
  warnings.sort((a, b) => lineOf(a) - lineOf(b));
  let bodyOffset = opening[0].length + closing.index + closing[0].length;
  if (text[bodyOffset] === '\r') bodyOffset++;
  if (text[bodyOffset] === '\n') bodyOffset++;
  return { meta, bodyOffset, warnings };
}
