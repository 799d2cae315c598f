import { describe, expect, it } from 'vitest';
import { dateRangeOf, packDay, unpackDay } from '../../src/command/dateRange';
import { UserError } from '../../src/userError';

describe('date ranges in commands and buttons', () => {
  it('packs a day into a few characters and back, before 1970 too', () => {
    for (const day of ['2024-03-05', '1970-01-01', '1850-12-31', '2099-12-31']) {
      expect(packDay(day).length).toBeLessThanOrEqual(4);
      expect(unpackDay(packDay(day))).toBe(day);
    }
    expect(packDay(undefined)).toBe('');
    expect(unpackDay('')).toBeUndefined();
    expect(unpackDay('not a day!')).toBeUndefined();
  });

  it('turns a bad option into a refusal for the user, and no options into no range', () => {
    const now = new Date('2024-03-31T00:00:00Z');
    expect(dateRangeOf(undefined, undefined, now)).toBeUndefined();
    expect(dateRangeOf('4w', undefined, now)).toEqual({ since: '2024-03-03' });
    expect(() => dateRangeOf('2024-13-01', undefined, now)).toThrow(UserError);
  });
});
