import { UserError } from '../userError';
import { inRange, parseDateRange, type DateRange } from '../library/dateRange';
import type { Article } from '../library/article';

/** The range a command's since:/until: options ask for, or a refusal naming the accepted forms. */
export function dateRangeOf(since: string | undefined, until: string | undefined, now: Date): DateRange | undefined {
  const parsed = parseDateRange(since, until, now);
  if ('error' in parsed) throw new UserError(parsed.error);
  return parsed.range;
}

/** The article filter a range makes (none without a range). */
export function rangeFilter(range: DateRange | undefined): ((article: Article) => boolean) | undefined {
  return range ? (article) => inRange(article, range) : undefined;
}

// Days since 1970 in base 36 (three characters until 2100): a range fits in a button id beside an 80-character term.
export function packDay(day: string | undefined): string {
  return day === undefined ? '' : Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000).toString(36);
}

export function unpackDay(packed: string | undefined): string | undefined {
  if (!packed || !/^-?[0-9a-z]{1,5}$/.test(packed)) return undefined;
  return new Date(parseInt(packed, 36) * 86_400_000).toISOString().slice(0, 10);
}
