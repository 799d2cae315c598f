import { describe, expect, it } from 'vitest';
import { readableSize } from '../src/readableSize';

describe('readableSize', () => {
  it('reads small limits as bytes or KB, never "0.0 MB", and large ones as MB', () => {
    expect(readableSize(1)).toBe('1 byte');
    expect(readableSize(999)).toBe('999 bytes');
    expect(readableSize(1000)).toBe('1 KB');
    expect(readableSize(2_900)).toBe('2.9 KB');
    expect(readableSize(250_400)).toBe('250 KB');
    expect(readableSize(1_500_000)).toBe('1.5 MB');
    expect(readableSize(60_000_000)).toBe('60 MB');
    // The unit follows the rounded figure (review of round 8: "1000 KB", "1000 bytes").
    expect(readableSize(999_999)).toBe('1 MB');
    expect(readableSize(999.6)).toBe('1 KB');
  });
});
