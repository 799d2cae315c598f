import { describe, expect, it } from 'vitest';
import { describeRange, inRange, parseDateRange, parseDay, rangeNote } from '../../src/library/dateRange';

const now = new Date('2024-03-31T22:15:00Z');

describe('reading since: and until:', () => {
  it('takes an ISO day as it is', () => {
    expect(parseDay('2024-02-29', now)).toBe('2024-02-29');
    expect(parseDay(' 2023-12-01 ', now)).toBe('2023-12-01');
  });

  it.each([
    ['7d', '2024-03-24'],
    ['0d', '2024-03-31'],
    ['4w', '2024-03-03'],
    ['6m', '2023-09-30'],
    ['1m', '2024-02-29'],
    ['12M', '2023-03-31'],
  ])('reads %s back from the injected now', (text, day) => {
    // Months go by the calendar, clamped to the month's end (31 March − 1m is 29 February, not 2 March).
    expect(parseDay(text, now)).toBe(day);
  });

  it.each(['2024-13-01', '2024-02-30', '2023-02-29', 'yesterday', '7', 'd7', '7y', '05/03/2024', '2024-3-5', '1700-01-01', ''])(
    'refuses %j',
    (text) => {
      expect(parseDay(text, now)).toBeUndefined();
    },
  );

  it('gives no range when neither end is given, and a refusal naming the accepted forms for a bad one', () => {
    expect(parseDateRange(undefined, undefined, now)).toEqual({ range: undefined });
    expect(parseDateRange('', '  ', now)).toEqual({ range: undefined });
    const bad = parseDateRange('yesterday', undefined, now);
    expect('error' in bad && bad.error).toMatch(
      /“yesterday” is not a date I can read for since:\. Write a date as YYYY-MM-DD \(2024-03-05\), or a time back from today: 7d \(days\), 4w \(weeks\) or 6m \(months\)\./,
    );
    const month = parseDateRange(undefined, '2024-13-01', now);
    expect('error' in month && month.error).toMatch(/“2024-13-01” is not a date I can read for until:/);
  });

  it('refuses since after until, and accepts one day', () => {
    const crossed = parseDateRange('2024-03-10', '2024-03-01', now);
    expect('error' in crossed && crossed.error).toBe('since: (2024-03-10) is after until: (2024-03-01); the range would hold no day.');
    expect(parseDateRange('2024-03-10', '2024-03-10', now)).toEqual({ range: { since: '2024-03-10', until: '2024-03-10' } });
    expect(parseDateRange('7d', undefined, now)).toEqual({ range: { since: '2024-03-24' } });
  });
});

describe('which articles a range holds', () => {
  it('includes both ends, compares days of a date with a time, and never holds an undated article', () => {
    const range = { since: '2024-03-01', until: '2024-03-31' };
    expect(inRange({ date: '2024-03-01' }, range)).toBe(true);
    expect(inRange({ date: '2024-03-31' }, range)).toBe(true);
    expect(inRange({ date: '2024-03-31T23:59:00Z' }, range)).toBe(true);
    expect(inRange({ date: '2024-02-29' }, range)).toBe(false);
    expect(inRange({ date: '2024-04-01' }, range)).toBe(false);
    expect(inRange({ date: null }, range)).toBe(false);
    expect(inRange({ date: '1999-01-01' }, { until: '2000-01-01' })).toBe(true);
  });

  it('says what was searched and how many undated articles were left out', () => {
    expect(describeRange({ since: '2024-03-01' })).toBe('since 2024-03-01');
    expect(describeRange({ until: '2024-03-01' })).toBe('until 2024-03-01');
    expect(describeRange({ since: '2024-03-01', until: '2024-03-01' })).toBe('on 2024-03-01');
    expect(rangeNote({ since: '2024-03-01', until: '2024-03-31' }, [{ date: null }, { date: '2024-03-02' }, { date: null }])).toBe(
      'Only articles dated from 2024-03-01 to 2024-03-31; 2 articles with no date were left out.',
    );
    expect(rangeNote({ since: '2024-03-01' }, [{ date: null }])).toBe(
      'Only articles dated since 2024-03-01; 1 article with no date was left out.',
    );
    expect(rangeNote({ since: '2024-03-01' }, [{ date: '2024-01-01' }])).toBe('Only articles dated since 2024-03-01.');
  });
});
