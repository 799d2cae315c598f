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

  it('cites an article once under its quotes, and numbers a context line with its own quote', () => {
    const out = renderText({
      tone: 'answer',
      quotes: [
        { text: 'First.', citation: 'A — 2024-01-01' },
        { text: 'Second.', citation: 'B — date unknown' },
        { text: 'Third.', citation: 'A — 2024-01-01', context: 'Before third.' },
      ],
    });
    expect(out).toBe(
      [
        '  1. “First.”',
        '  2. (context) Before third.',
        '     “Third.”',
        '     — A — 2024-01-01',
        '  3. “Second.”',
        '     — B — date unknown',
      ].join('\n'),
    );
  });

  it('shows times as a readable UTC date, and commands by name', () => {
    const out = renderText({
      tone: 'info',
      items: [
        { at: '2024-03-05T14:05:09.000Z', label: 'last alert', text: 'x' },
        { command: 'history show', id: '123456789012345678', text: '— recent questions' },
      ],
    });
    expect(out).toBe('  • last alert 2024-03-05 14:05 UTC · x\n  • /history show — recent questions');
  });
});
