import type { Article } from './article';

/** Days (YYYY-MM-DD, UTC), both ends included; an end left out is open. */
export interface DateRange {
  since?: string;
  until?: string;
}

export type ParsedRange = { range: DateRange | undefined } | { error: string };

export const DATE_FORMS = 'a date as YYYY-MM-DD (2024-03-05), or a time back from today: 7d (days), 4w (weeks) or 6m (months)';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const RELATIVE = /^(\d{1,4})\s*([dwm])$/i;

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** One end of a range as a day, or undefined when it is not one of the accepted forms. */
export function parseDay(text: string, now: Date): string | undefined {
  const value = text.trim();
  const iso = ISO_DAY.exec(value);
  if (iso) {
    const [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    // Date.UTC rolls 2024-13-01 and 2024-02-30 over into another day; a real day reads back the same.
    if (year < 1800 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
    return value;
  }
  const relative = RELATIVE.exec(value);
  if (!relative) return undefined;
  const amount = Number(relative[1]);
  const unit = relative[2]!.toLowerCase();
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  if (unit === 'd') date.setUTCDate(date.getUTCDate() - amount);
  else if (unit === 'w') date.setUTCDate(date.getUTCDate() - amount * 7);
  else {
    // By the calendar, clamped to the month's end: 6m before 31 March is 30 September, not 1 October.
    const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - amount, 1));
    const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
    target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
    return isoDay(target);
  }
  return isoDay(date);
}

/** The range `since:` and `until:` ask for (undefined when neither is given), or why it cannot be read. */
export function parseDateRange(since: string | undefined, until: string | undefined, now: Date): ParsedRange {
  const range: DateRange = {};
  for (const [name, text] of [
    ['since', since],
    ['until', until],
  ] as const) {
    if (text === undefined || !text.trim()) continue;
    const day = parseDay(text, now);
    if (day === undefined) return { error: `“${text.trim().slice(0, 40)}” is not a date I can read for ${name}:. Write ${DATE_FORMS}.` };
    range[name] = day;
  }
  if (range.since === undefined && range.until === undefined) return { range: undefined };
  if (range.since !== undefined && range.until !== undefined && range.since > range.until) {
    return { error: `since: (${range.since}) is after until: (${range.until}); the range would hold no day.` };
  }
  return { range };
}

/** Whether an article is dated inside the range; an article with no date never is. */
export function inRange(article: Pick<Article, 'date'>, range: DateRange): boolean {
  if (!article.date) return false;
  const day = article.date.slice(0, 10);
  return (range.since === undefined || day >= range.since) && (range.until === undefined || day <= range.until);
}

/** "from 2024-03-01 to 2024-03-31", "since 2024-03-01", "until 2024-03-31". */
export function describeRange(range: DateRange): string {
  if (range.since !== undefined && range.until !== undefined)
    return range.since === range.until ? `on ${range.since}` : `from ${range.since} to ${range.until}`;
  return range.since !== undefined ? `since ${range.since}` : `until ${range.until}`;
}

/** The line a reply carries when a range is given: what was searched, and how many undated articles were left out. */
export function rangeNote(range: DateRange, articles: readonly Pick<Article, 'date'>[]): string {
  const undated = articles.filter((a) => !a.date).length;
  const left =
    undated === 0 ? '' : `; ${undated} article${undated === 1 ? '' : 's'} with no date ${undated === 1 ? 'was' : 'were'} left out`;
  return `Only articles dated ${describeRange(range)}${left}.`;
}
