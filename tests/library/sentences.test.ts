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

  it('gives every sentence as a known span, in order, with its paragraph', () => {
    // [start, end, paragraph], read off the shipped file: the four blank lines at its top are paragraphs 0 and 1,
    // and paragraphs 3 and 6 hold two sentences each.
    const known = [
      [4, 308, 2],
      [310, 538, 3],
      [539, 638, 3],
      [640, 822, 4],
      [824, 1012, 5],
      [1014, 1172, 6],
      [1173, 1349, 6],
      [1351, 1596, 7],
      [1598, 1800, 8],
      [1802, 1968, 9],
      [1970, 2225, 10],
      [2227, 2399, 11],
      [2401, 2588, 12],
      [2590, 2779, 13],
      [2781, 3026, 14],
      [3030, 3318, 15],
      [3322, 3377, 16],
      [3379, 3662, 17],
    ];
    expect(article.sentences.map((s) => [s.start, s.end, s.paragraph])).toEqual(known);
    expect(quoted[0]).toMatch(/^LIVERPOOL, England – Foreign Minister Yoshimasa Hayashi.*from North Korea\.$/s);
    expect(quoted[2]).toMatch(/^Southeast as well as with like-minded na.*Foreign Office said\.$/s);
    expect(quoted[17]).toMatch(/^Hayashi praised the progress.*the ministry said\.$/s);
  });

  it('numbers paragraphs as the blank lines divide them', () => {
    const text =
      'One sentence is in the first paragraph. A second one follows it here.\n\nThe second paragraph has just this sentence.\n \nAnd the third one is the last.';
    expect(splitSentences(text).map((s) => [text.slice(s.start, s.end), s.paragraph])).toEqual([
      ['One sentence is in the first paragraph.', 0],
      ['A second one follows it here.', 0],
      ['The second paragraph has just this sentence.', 1],
      ['And the third one is the last.', 2],
    ]);
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
  const pieces = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

  it('keeps a short whole sentence apart from the one before, and still joins a fragment or a title the abbreviations lack', () => {
    expect(pieces('The body was found on Tuesday. The minister resigned.')).toEqual([
      'The body was found on Tuesday.',
      'The minister resigned.',
    ]);
    expect(pieces('Turnout fell in every ward. Prices rose! Nobody knew why.')).toEqual([
      'Turnout fell in every ward.',
      'Prices rose!',
      'Nobody knew why.',
    ]);
    // Not sentences of their own: a fragment, a name alone, one word, a short line after "Mt." (not a known abbreviation).
    expect(pieces('He met officials in Tokyo. , according to an official.')).toHaveLength(1);
    expect(pieces('The troops marched to the coast. U.S. Army.')).toHaveLength(1);
    expect(pieces('The vote in the council was close. Reuters.')).toHaveLength(1);
    expect(pieces('The map of the region indicated Mt. Kenya rising.')).toHaveLength(1);
    // Titles of four letters natural's list lacks (review of round 8: "Prof." ended a sentence).
    expect(pieces('The prize went to Prof. Anne Smith herself.')).toHaveLength(1);
    expect(pieces('It was signed by Pres. Bush today.')).toHaveLength(1);
    expect(pieces('The order came from Capt. Ahab Smith today.')).toHaveLength(1);
    // A short line opening a paragraph still waits for what follows it.
    expect(pieces('Prices rose. Wages did not keep up with them at all.')).toHaveLength(1);
  });

  it('does not split at abbreviations or initials', () => {
    const text = 'Mr. Smith met Gen. Jones in the U.S. capital on Monday. The two men agreed on a plan.';
    expect(splitSentences(text).map((s) => text.slice(s.start, s.end))).toEqual([
      'Mr. Smith met Gen. Jones in the U.S. capital on Monday.',
      'The two men agreed on a plan.',
    ]);
  });

  it('splits a text without paragraph breaks and one without any punctuation', () => {
    const text = 'First sentence is here now. Second sentence is here too. Third one ends it all.';
    expect(splitSentences(text)).toHaveLength(3);
    const bare = 'no punctuation at all just words running on and on';
    expect(splitSentences(bare)).toEqual([{ start: 0, end: bare.length, paragraph: 0 }]);
  });

  it('ends a sentence at a paragraph break', () => {
    const text = 'A heading without a stop here\n\nThen a real sentence follows it.';
    expect(splitSentences(text).map((s) => text.slice(s.start, s.end))).toEqual([
      'A heading without a stop here',
      'Then a real sentence follows it.',
    ]);
  });
});
