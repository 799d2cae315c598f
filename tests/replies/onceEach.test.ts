import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/library/article';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { ask } from '../../src/answer/ask';
import { Library } from '../../src/library/library';
import { makeArticle } from '../../src/library/makeArticle';
import { answerReply } from '../../src/replies/format';

const library = new Library(new SentenceIndex<Article>(), [
  makeArticle(
    'result',
    'Labour won the general election with a majority of 66 seats in the Commons. But the majority is far smaller than the 167 seats Labour held before. The Conservatives gained 33 seats and the Liberal Democrats 11.',
    { title: 'Labour wins third term with a reduced majority', date: '2005-05-06' },
    'test',
  ),
]);

describe('one sentence per reply', () => {
  it('leaves out a context that the reply already quotes', () => {
    const answer = ask(library.indexFor(null), 'what is labours majority now', { minConfidence: 0 });
    // Each quote alone: one quote's context is the other quote (the case the reply must not repeat).
    const keys = answer.quotes.map((q) => q.start);
    expect(answer.quotes.some((q) => q.context && keys.includes(q.context.start))).toBe(true);
    const reply = answerReply(answer);
    const shown = reply.quotes!.flatMap((q) => (q.context ? [q.context, q.text] : [q.text]));
    expect(shown.length).toBeGreaterThan(1);
    expect(new Set(shown).size).toBe(shown.length);
    expect(shown).toContain('But the majority is far smaller than the 167 seats Labour held before.');
    expect(shown).toContain('Labour won the general election with a majority of 66 seats in the Commons.');
  });
});
