import type { DigestMode } from './types';

/**
 * When scheduled digests fall due, and how a digest is split into pages.
 * Pure functions of the time and the texts, so the tests need no clock.
 */

const DAY = 86_400_000;

export const periodMs = (mode: DigestMode): number => (mode === 'daily' ? DAY : 7 * DAY);

/** The latest due time at or before `at`: every day at `hour` UTC, or Mondays at `hour` for weekly. UTC has no daylight saving, so every period is the same length. */
export function lastDue(mode: DigestMode, hour: number, at: Date): Date {
  let due = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), hour);
  if (due > at.getTime()) due -= DAY;
  // getUTCDay: 0 is Sunday, 1 Monday; step back to the Monday of that week (the same day when it is one).
  if (mode === 'weekly') due -= ((new Date(due).getUTCDay() + 6) % 7) * DAY;
  return new Date(due);
}

/** The first due time after `at`. */
export function nextDue(mode: DigestMode, hour: number, at: Date): Date {
  return new Date(lastDue(mode, hour, at).getTime() + periodMs(mode));
}

/** A quote in a digest is the article's best sentence, cut at a word past this many characters (marked "…"). */
export const DIGEST_QUOTE_MAX = 300;
/** Pages one digest may post; matches beyond them are counted on the last page. */
export const DIGEST_MAX_PAGES = 5;

/**
 * Room for the listed articles on one page, in the units of entryWeight: a
 * message holds 4,096 characters of text, less room for the opening line.
 */
const PAGE_ROOM = 3_500;

export interface EntryText {
  quote: string;
  citation: string;
  url: string | null | undefined;
}

/**
 * The most characters an entry can take once shown, whatever the article
 * says: escaping at most doubles text (plus a break in each long word), a
 * quote's lines each get a "> ", a citation is shown in at most 400, and
 * percent-encoding at most triples a link.
 */
export function entryWeight({ quote, citation, url }: EntryText): number {
  const shownQuote = Math.min(quote.length, DIGEST_QUOTE_MAX);
  const lines = (quote.slice(0, DIGEST_QUOTE_MAX).match(/\n/g) ?? []).length + 1;
  return Math.ceil(2.1 * shownQuote) + 3 * lines + Math.min(Math.ceil(2.1 * citation.length), 400) + 3 * (url?.length ?? 0) + 12;
}

/**
 * Splits entries (best first) into pages that each fit one message, at least
 * one entry a page, at most DIGEST_MAX_PAGES pages; returns the indexes per
 * page and how many entries did not fit.
 */
export function planPages(weights: number[]): { pages: number[][]; more: number } {
  const pages: number[][] = [];
  let room = 0;
  for (const [i, weight] of weights.entries()) {
    if (pages.length === 0 || weight > room) {
      if (pages.length === DIGEST_MAX_PAGES) return { pages, more: weights.length - i };
      pages.push([]);
      room = PAGE_ROOM;
    }
    pages[pages.length - 1]!.push(i);
    room -= weight;
  }
  return { pages, more: 0 };
}

/** A verbatim prefix of the quote, cut at a word and marked "…" when longer than DIGEST_QUOTE_MAX. */
export function digestQuote(text: string): string {
  if (text.length <= DIGEST_QUOTE_MAX) return text;
  let cut = text.slice(0, DIGEST_QUOTE_MAX - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const space = cut.lastIndexOf(' ');
  if (space > DIGEST_QUOTE_MAX * 0.6) cut = cut.slice(0, space);
  return `${cut}…`;
}
