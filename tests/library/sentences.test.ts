import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/library/sentences';
import { seedArticle, seedText } from '../helpers/seed';

describe('sentences of the seed article', () => {
  const article = seedArticle();
  const quoted = article.sentences.map((s) => article.text.slice(s.start, s.end));

  it('is the shipped file unchanged, with no title or date of its own', () => {
    expect(article.text).toBe(seedText);
    expect(article.date).toBeNull();
    expect(article.id).toBe('000_02b1b7e6bf94f65a');
  });

  it('gives every sentence as an exact slice, in order, without overlaps', () => {
    expect(article.sentences.length).toBe(18);
    let previousEnd = 0;
    for (const span of article.sentences) {
      expect(span.start).toBeGreaterThanOrEqual(previousEnd);
      expect(span.end).toBeGreaterThan(span.start);
      expect(seedText.indexOf(seedText.slice(span.start, span.end))).toBeGreaterThanOrEqual(0);
      previousEnd = span.end;
    }
    expect(quoted[0]).toMatch(/^LIVERPOOL, England – Foreign Minister Yoshimasa Hayashi/);
    expect(article.sentences[0]!.start).toBe(4); // after the four blank lines
  });

  it('keeps a stray period inside a sentence ("Indo region. peace")', () => {
    expect(quoted[0]).toContain('Indo region. peace and nuclear and ballistic threats from North Korea.');
  });

  it('joins ", according to a Japanese official." to the sentence before it', () => {
    expect(quoted.some((q) => q.startsWith(','))).toBe(false);
    expect(quoted.find((q) => q.includes('Taiwan Strait'))).toMatch(/Taiwan Strait\. , according to a Japanese official\.$/);
  });

  it('drops the stray ". ." after a sentence instead of quoting it', () => {
    expect(quoted.find((q) => q.includes('Donald Trump'))).toMatch(/Donald Trump\.$/);
    expect(quoted.every((q) => /\p{L}/u.test(q) && !/^[.\s]+$/.test(q))).toBe(true);
  });

  it('titles the article from its first sentence without the dateline', () => {
    expect(article.title).toMatch(/^Foreign Minister Yoshimasa Hayashi/);
    expect(article.title.length).toBeLessThanOrEqual(91);
  });
});

describe('splitSentences', () => {
  it('does not split at abbreviations or initials', () => {
    const text = 'Mr. Smith met Gen. Jones in the U.S. capital on Monday. The two men agreed on a plan.';
    expect(splitSentences(text).map((s) => text.slice(s.start, s.end))).toEqual(['Mr. Smith met Gen. Jones in the U.S. capital on Monday.', 'The two men agreed on a plan.']);
  });

  it('splits a text without paragraph breaks and one without any punctuation', () => {
    const text = 'First sentence is here now. Second sentence is here too. Third one ends it all.';
    expect(splitSentences(text)).toHaveLength(3);
    const bare = 'no punctuation at all just words running on and on';
    expect(splitSentences(bare)).toEqual([{ start: 0, end: bare.length }]);
  });

  it('ends a sentence at a paragraph break', () => {
    const text = 'A heading without a stop here\n\nThen a real sentence follows it.';
    expect(splitSentences(text).map((s) => text.slice(s.start, s.end))).toEqual(['A heading without a stop here', 'Then a real sentence follows it.']);
  });
});
