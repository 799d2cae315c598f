import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/console/renderText';

describe('renderText', () => {
  it('shows a screenful of a one-megabyte quote, marked as cut, not the whole of it', () => {
    const huge = 'tariff talks went on '.repeat(50_000);
    const out = renderText({ tone: 'answer', title: 'Q', quotes: [{ text: huge, citation: 'Huge — date unknown' }] });
    expect(out.length).toBeLessThan(5000);
    expect(out).toContain('…');
    expect(out).toContain('— Huge — date unknown');
  });
});
