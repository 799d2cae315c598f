import { describe, expect, it } from 'vitest';
import { ask, withoutCommandName } from '../../src/answer/ask';
import { loadCommands } from '../../src/command/load';
import { pastedCommands } from '../../src/command/pastedCommands';
import type { Article } from '../../src/library/article';
import { Library } from '../../src/library/library';
import { makeArticle } from '../../src/library/makeArticle';
import { silentLogger } from '../../src/log';
import { SentenceIndex } from '../../src/search/sentenceIndex';

const commands = pastedCommands(await loadCommands(silentLogger));

const library = new Library(new SentenceIndex<Article>(), [
  makeArticle(
    'pay',
    'The minimum wage rises to £11.44 an hour in April, the Treasury said. Unions will ask ministers a question about pay again, and ask for a term of three years.',
    { title: 'Minimum wage rises', date: '2024-03-01' },
    'test',
  ),
  makeArticle(
    'term',
    'The term of the inquiry ends in May. Ministers did not ask the inquiry to look up the wage records.',
    { title: 'Inquiry term', date: '2024-03-02' },
    'test',
  ),
]);
const index = library.indexFor(null);
const quoted = (question: string, withCommands = true) => {
  const answer = ask(index, question, withCommands ? { commands } : {});
  return { tier: answer.tier, confidence: answer.confidence, quotes: answer.quotes.map((q) => q.text), question: answer.question };
};

describe('a command of the bot typed in its own box', () => {
  it('takes off /ask, /ask question: and /lookup term: before the words, and only a command of the bot', () => {
    expect(withoutCommandName('/ask what is the minimum wage', commands)).toBe('what is the minimum wage');
    expect(withoutCommandName('  /ASK question: what is the minimum wage', commands)).toBe('what is the minimum wage');
    expect(withoutCommandName('/ask question:what is the minimum wage', commands)).toBe('what is the minimum wage');
    expect(withoutCommandName('/lookup term: minimum wage', commands)).toBe('minimum wage');
    expect(withoutCommandName('/lookup minimum wage', commands)).toBe('minimum wage');
    for (const kept of ['/r/politics on the minimum wage', '/s what is the minimum wage', '/asking for pay', 'why /ask this'])
      expect(withoutCommandName(kept, commands)).toBe(kept);
    // "question" is /ask's option only when a colon follows it.
    expect(withoutCommandName('/ask question time was cancelled', commands)).toBe('question time was cancelled');
  });

  it('answers "/ask …" and "/ask question: …" as the question alone, keeping what was typed as the question', () => {
    const plain = quoted('what is the minimum wage');
    expect(plain.quotes[0]).toMatch(/^The minimum wage rises/);
    for (const typed of ['/ask what is the minimum wage', '/ask question: what is the minimum wage']) {
      expect(quoted(typed)).toEqual({ ...plain, question: typed });
      // Searched as words, "ask" and "question" pull in the union's sentence and weaken the answer.
      expect(quoted(typed, false)).not.toEqual({ ...plain, question: typed });
    }
    expect(quoted('/ask')).toMatchObject({ tier: 'none', quotes: [] });
    expect(ask(index, '/ask', { commands }).reason).toBe('empty');
  });
});
