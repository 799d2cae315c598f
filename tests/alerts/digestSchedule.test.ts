import { describe, expect, it } from 'vitest';
import { DIGEST_MAX_PAGES, DIGEST_QUOTE_MAX, digestQuote, entryWeight, lastDue, nextDue, planPages } from '../../src/alerts/digestSchedule';

const at = (iso: string) => new Date(iso);

describe('when scheduled digests fall due', () => {
  it('daily: at the hour (UTC) every day; the due time itself counts as due', () => {
    expect(lastDue('daily', 8, at('2024-05-02T07:59:59.999Z')).toISOString()).toBe('2024-05-01T08:00:00.000Z');
    expect(lastDue('daily', 8, at('2024-05-02T08:00:00.000Z')).toISOString()).toBe('2024-05-02T08:00:00.000Z');
    expect(nextDue('daily', 8, at('2024-05-02T08:00:00.000Z')).toISOString()).toBe('2024-05-03T08:00:00.000Z');
    expect(nextDue('daily', 0, at('2024-12-31T23:30:00Z')).toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(nextDue('daily', 23, at('2024-02-28T23:00:00Z')).toISOString()).toBe('2024-02-29T23:00:00.000Z');
  });

  it('weekly: Mondays at the hour (UTC), whatever day it is now', () => {
    // 2024-05-06 is a Monday.
    for (const now of ['2024-05-06T08:00:00Z', '2024-05-08T12:00:00Z', '2024-05-12T23:59:00Z', '2024-05-13T07:59:00Z']) {
      expect(lastDue('weekly', 8, at(now)).toISOString()).toBe('2024-05-06T08:00:00.000Z');
      expect(nextDue('weekly', 8, at(now)).toISOString()).toBe('2024-05-13T08:00:00.000Z');
    }
    expect(lastDue('weekly', 8, at('2024-05-06T07:59:00Z')).toISOString()).toBe('2024-04-29T08:00:00.000Z');
    expect(new Date(nextDue('weekly', 17, at('2024-05-01T00:00:00Z'))).getUTCDay()).toBe(1);
  });
});

describe('paging a digest', () => {
  it('keeps every entry, in order, one page at least per entry and no more pages than the cap', () => {
    const small = entryWeight({ quote: 'x'.repeat(200), citation: 'A title — 2024-05-01 — Wire', url: 'https://example.org/a' });
    const { pages, more } = planPages(Array(10).fill(small));
    expect(pages.flat()).toEqual([...Array(10).keys()]);
    expect(pages.length).toBeGreaterThan(1);
    expect(more).toBe(0);
    const huge = planPages(Array(200).fill(small));
    expect(huge.pages).toHaveLength(DIGEST_MAX_PAGES);
    expect(huge.pages.flat().length + huge.more).toBe(200);
    // An entry too heavy for a page still gets one of its own.
    expect(planPages([99_999, small]).pages).toEqual([[0], [1]]);
  });

  it('cuts a long quote at a word, marked, as a verbatim prefix', () => {
    const text = `${'word '.repeat(100)}end.`;
    const quote = digestQuote(text);
    expect(quote.length).toBeLessThanOrEqual(DIGEST_QUOTE_MAX);
    expect(quote.endsWith('…')).toBe(true);
    expect(text.startsWith(quote.slice(0, -1))).toBe(true);
    expect(digestQuote('Short.')).toBe('Short.');
  });
});
