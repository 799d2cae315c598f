import fc from 'fast-check';
import type { Article } from '../../src/library/article';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { describe, expect, it } from 'vitest';
import { ask } from '../../src/answer/ask';
import { render } from '../../src/discord/render';
import { answerReply } from '../../src/replies/format';
import { Library } from '../../src/library/library';
import { makeArticle } from '../../src/library/makeArticle';
import { expectWithinDiscordRules } from '../helpers/discordRules';
import { seedArticle } from '../helpers/seed';

// A bound, not a speed figure: it catches a hang or a quadratic blow-up (seconds to minutes), with room for a loaded 2-core machine.
const BOUND_MS = 3000;

// Pieces that have broken bots before, mixed into random strings.
const nasty = [
  '@everyone',
  '@here',
  '<@123456789012345678>',
  '<@&123456789012345678>',
  '<#123456789012345678>',
  '```js\n',
  '**',
  '||',
  '> ',
  '# ',
  '\u0000',
  '\u202e',
  '\u200b',
  'e\u0301\u0301\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦',
  'مرحبا',
  'שלום',
  'https://example.org/?a=(b)',
  '(a+)+$',
  'the ',
  'Taiwan ',
  'North Korea ',
  'Hayashi ',
  '. ',
  '\n\n',
];
const text = fc
  .array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constantFrom(...nasty)), { maxLength: 40 })
  .map((parts) => parts.join(''));

const adversarial = makeArticle(
  'adversarial',
  `@everyone look: <@123456789012345678> said **bold** things about Taiwan. ${'Taiwan '.repeat(2000)}no stop at all\n\n${'x'.repeat(10_000)}\n\nNorth Korea tested ||spoilers|| and \`\`\`code\`\`\` near the Taiwan Strait, officials said.`,
  { title: '@here <#1> Taiwan **title**' },
  'test',
);
const library = new Library(new SentenceIndex<Article>(), [seedArticle(), adversarial]);

describe('the answer path, for any string', () => {
  it('returns quickly, quotes verbatim, and renders inside Discord’s limits without mentions', () => {
    fc.assert(
      fc.property(text, (question) => {
        const started = performance.now();
        const answer = ask(library.indexFor(null), question);
        expect(performance.now() - started).toBeLessThan(BOUND_MS);
        for (const quote of answer.quotes) expect(library.get(quote.articleId)!.text.slice(quote.start, quote.end)).toBe(quote.text);
        // answered only for the tier answer; quotes for answer and uncertain, never for none.
        expect(answer.answered).toBe(answer.tier === 'answer');
        expect(answer.quotes.length > 0).toBe(answer.tier !== 'none');
        expect(answer.confidence).toBeGreaterThanOrEqual(0);
        expect(answer.confidence).toBeLessThanOrEqual(1);
        const payload = render(answerReply(answer));
        expectWithinDiscordRules(payload);
      }),
      { numRuns: 300 },
    );
  });

  it('handles the known bad inputs', () => {
    for (const question of [
      '',
      '   ',
      'x',
      'q'.repeat(1000),
      'q'.repeat(1001),
      'the of and is',
      '?!...,;',
      '😀🎉',
      'مرحبا بالعالم',
      'e\u0301'.repeat(5000),
      '\u0000\u0001\u0007',
      '```\nTaiwan\n```',
      '@everyone @here <@&1> <@1> Taiwan',
      'https://example.org/taiwan',
      `${'(a+)+$'.repeat(100)}!`,
      'word '.repeat(10_000),
    ]) {
      const started = performance.now();
      const answer = ask(library.indexFor(null), question);
      expect(performance.now() - started).toBeLessThan(BOUND_MS);
      expectWithinDiscordRules(render(answerReply(answer)));
      if (!answer.answered) expect(answer.reason).toBeDefined();
    }
    expect(ask(library.indexFor(null), 'word '.repeat(10_000)).reason).toBe('too-long');
  });
});

describe('sentence splitting, for any text', () => {
  it('gives in-bounds, ordered, non-overlapping, verbatim spans quickly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.constantFrom(...nasty, '. . . ', 'Mr. ', 'U.S. ', '\n')), {
          maxLength: 60,
        }),
        (parts) => {
          const body = parts.join('');
          const started = performance.now();
          const article = makeArticle('p', body, {}, 'test');
          expect(performance.now() - started).toBeLessThan(BOUND_MS);
          let previous = 0;
          for (const span of article.sentences) {
            expect(span.start).toBeGreaterThanOrEqual(previous);
            expect(span.end).toBeGreaterThan(span.start);
            expect(span.end).toBeLessThanOrEqual(body.length);
            expect(body.slice(span.start, span.end).trim()).toBe(body.slice(span.start, span.end));
            previous = span.end;
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('copes with a huge sentence without punctuation and a flood of stray periods', () => {
    for (const body of ['word '.repeat(200_000), '. '.repeat(200_000), `${'A'.repeat(100_000)} – ${'B '.repeat(1000)}`]) {
      const started = performance.now();
      const article = makeArticle('big', body, {}, 'test');
      expect(performance.now() - started).toBeLessThan(2 * BOUND_MS);
      expect(article.title.length).toBeLessThanOrEqual(91);
    }
  });
});
