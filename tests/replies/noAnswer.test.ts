import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/library/article';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { ask } from '../../src/answer/ask';
import { Library } from '../../src/library/library';
import { makeArticle } from '../../src/library/makeArticle';
import { answerReply } from '../../src/replies/format';
import { seedArticle } from '../helpers/seed';

const library = new Library(new SentenceIndex<Article>(), [
  makeArticle(
    'howard',
    'Michael Howard will step down as leader of the Conservative Party after the election defeat. He said he was too old to lead the party into another election. The party will choose a new leader in the autumn.',
    { title: 'Howard to step down as Tory leader', date: '2005-05-06' },
    'test',
  ),
  makeArticle(
    'budget',
    'The chancellor set out the spring budget on Wednesday. Fuel duty was frozen for another year.',
    { title: 'Chancellor freezes fuel duty', date: '2005-03-16' },
    'test',
  ),
]);
const replyTo = (question: string) => {
  const answer = ask(library.indexFor(null), question);
  const reply = answerReply(answer);
  return { answer, text: (reply.text ?? []).join('\n'), items: reply.items ?? [], footer: reply.footer };
};

describe('what "No good answer" says', () => {
  it('says nothing answers closely enough, not that nothing mentions it, when sentences share only some of its words', () => {
    const seed = new Library(new SentenceIndex<Article>(), [seedArticle()]);
    const answer = ask(seed.indexFor(null), 'what did the foreign ministers say about the sea');
    const reply = answerReply(answer);
    const [text, items, footer] = [(reply.text ?? []).join('\n'), reply.items ?? [], reply.footer];
    expect(answer.reason).toBe('not-close');
    expect(text).toBe('No good answer: no passage answers this closely enough.');
    expect(items).toContain(seed.list()[0]!.title);
    expect(footer).toMatch(/^The closest articles are listed above/);
  });

  it('names the name no article mentions', () => {
    const { text } = replyTo('What did Howard say about Blair?');
    expect(text).toBe('No good answer: none of the articles mention “Blair”.');
  });

  it('says no article uses its words when no sentence shares one', () => {
    // A verb: nouns no article uses are named instead (unknownWords).
    const { answer, text, footer } = replyTo('swimming');
    expect(answer.reason).toBe('no-match');
    expect(text).toBe('No good answer: none of the articles use the words of that question.');
    // The titles listed then are not close to anything: the footer must not call them the closest.
    expect(footer).toMatch(/^Some of the articles are listed above/);
  });

  it('names the words no article uses when they are half the question', () => {
    expect(replyTo('best pizza in london').text).toBe('No good answer: none of the articles mention “best, pizza, london”.');
  });

  it('asks for words when there are none to search', () => {
    expect(replyTo('?').text).toMatch(/has no words I can search for/);
    expect(replyTo('@everyone what is it').text).toMatch(/has no words I can search for/);
  });

  it('offers an example from the library, its latest article, to an empty question', () => {
    const { text, items } = replyTo('   ');
    expect(text).toContain('“Howard to step down as Tory leader”');
    expect(text).not.toMatch(/Hayashi|Blinken/);
    expect(items).toEqual([]);
    const empty = new Library(new SentenceIndex<Article>(), []);
    expect(answerReply(ask(empty.indexFor(null), '')).text!.join(' ')).toMatch(/^Please ask a question about the articles/);
  });
});
