import { describe, expect, it } from 'vitest';
import { ask, hasSearchWords } from '../../src/answer/ask';
import { withFollowUp } from '../../src/answer/followUp';
import { smallTalk, withoutSmallTalk } from '../../src/answer/smallTalk';
import type { Article } from '../../src/library/article';
import { Library } from '../../src/library/library';
import { makeArticle } from '../../src/library/makeArticle';
import { answerReply } from '../../src/replies/format';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import type { HistoryEntry } from '../../src/store/historyStore';

// Sentences that share the words of small talk: searched, "thanks!" found the first.
const library = new Library(new SentenceIndex<Article>(), [
  makeArticle(
    'speaker',
    'Mr Martin, the MP for Glasgow North East, thanked members and staff for their generous spirit. The budget grew thanks to higher tax receipts, the Speaker said. Hello magazine paid for the mugs.',
    { title: 'Speaker’s charity mugs sell out', date: '2004-11-18' },
    'test',
  ),
  makeArticle(
    'blair',
    'Tony Blair hailed the courage of Iraqi voters on Sunday. Mr Blair said the turnout was a blow to terrorism.',
    { title: 'Blair hails Iraqi voters', date: '2005-01-30' },
    'test',
  ),
]);
const index = library.indexFor(null);

describe('small talk', () => {
  it.each([
    ['thanks!', 'thanks'],
    ['Thank you so much 🙏', 'thanks'],
    ['thx', 'thanks'],
    ['ty!!', 'thanks'],
    ['hi', 'greeting'],
    ['Hello there :)', 'greeting'],
    ['hey, thanks', 'thanks'],
    ['ok', 'chat'],
    ['Okay cool', 'chat'],
    ['lol', 'chat'],
    ['good bot', 'chat'],
  ])('is "%s" (%s), whole', (text, kind) => {
    expect(smallTalk(text)).toBe(kind);
    expect(hasSearchWords(text)).toBe(false);
  });

  it.each(['thanks to what did the budget grow', 'hello magazine', 'ok what about Blair?', 'who did Mr Martin thank?', '?', '🙏'])(
    'is not "%s"',
    (text) => expect(smallTalk(text)).toBeUndefined(),
  );

  it('gets no quotes, only how to ask, while a question that merely holds "thanks" is searched', () => {
    for (const text of ['thanks!', '<@123456789012345678> thank you', 'good bot']) {
      const answer = ask(index, text);
      expect(answer, text).toMatchObject({ tier: 'none', answered: false, quotes: [], reason: 'small-talk' });
      const reply = answerReply(answer);
      expect(reply.quotes).toBeUndefined();
      expect(reply.text!.join(' ')).toContain(
        'Ask me a question about the articles, for example about the latest one, “Blair hails Iraqi voters”',
      );
    }
    expect(answerReply(ask(index, 'thanks!')).title).toBe('You’re welcome!');
    expect(answerReply(ask(index, 'hi')).title).toBe('Hello!');
    expect(answerReply(ask(index, 'ok')).title).toBeUndefined();
    const question = ask(index, 'thanks to what did the budget grow');
    expect(question.reason).not.toBe('small-talk');
    expect(question.quotes[0]?.text).toBe('The budget grew thanks to higher tax receipts, the Speaker said.');
  });

  // A question answered two minutes before: what a follow-up is read with.
  const now = new Date('2005-02-01T10:00:00Z');
  const before: HistoryEntry = {
    id: 'e1',
    userId: 'u',
    at: '2005-02-01T09:58:00Z',
    question: 'what did blair say about iraqi voters?',
    answered: true,
    quotes: [{ articleId: 'blair', start: 0, end: 10 }],
  };

  it('is not read as a follow-up, and what follows it is read with the question before it', () => {
    // "there" points back, but "hi there" asks nothing.
    expect(withFollowUp(index, 'hi there', [before], {}, now)).toEqual({ answer: ask(index, 'hi there') });
    const thanks = withFollowUp(index, 'thanks!', [before], {}, now);
    expect(thanks.answer.answered).toBe(false);
    // Recorded as not answered, it is passed over: the follow-up after it is read with the question before.
    const recorded: HistoryEntry = {
      ...before,
      id: 'e2',
      at: '2005-02-01T09:59:00Z',
      question: 'thanks!',
      answered: thanks.answer.answered,
      quotes: [],
    };
    expect(withFollowUp(index, 'and the turnout?', [recorded, before], {}, now).previous?.id).toBe('e1');
  });

  it.each([
    ['hey what did blair say', 'what did blair say'],
    ['hello there what did Blair say?', 'what did Blair say?'],
    ['Hi all, who hailed the Iraqi voters?', 'who hailed the Iraqi voters?'],
    ['ok so what did blair say', 'what did blair say'],
    ['what did blair say? thanks!', 'what did blair say?'],
    ['what did blair say thank you so much', 'what did blair say'],
    ['what did blair say, pls', 'what did blair say,'],
    ['what did blair say lol', 'what did blair say'],
    ['hey, thanks. And what did Blair say about the turnout? cheers', 'And what did Blair say about the turnout?'],
  ])('takes the greeting and sign-off off "%s"', (text, question) => {
    expect(withoutSmallTalk(text).trim()).toBe(question);
  });

  it.each([
    'hello magazine paid for what',
    'hello dolly who sang it',
    'thanks to what did the budget grow',
    'who did Mr Martin thank?',
    'who gave thanks to the voters',
    'may members vote as they please',
    'who got it right',
    'thanks!',
    'hi there',
    'Great Britain, who won?',
  ])('leaves "%s" as it is', (text) => expect(withoutSmallTalk(text)).toBe(text));

  it('answers a question with a greeting or a sign-off around it as it answers the question alone', () => {
    const plain = ask(index, 'what did blair say about the turnout');
    expect(plain.tier).not.toBe('none');
    for (const text of [
      'hey what did blair say about the turnout',
      'hello there, what did blair say about the turnout? thanks!',
      'what did blair say about the turnout thx',
      'ok so what did blair say about the turnout lol',
    ]) {
      const answer = ask(index, text);
      expect(answer.question).toBe(text);
      expect({ ...answer, question: plain.question }, text).toEqual(plain);
    }
  });

  it('reads a follow-up with a greeting or a sign-off around it as the follow-up alone', () => {
    const plain = withFollowUp(index, 'and the turnout?', [before], {}, now);
    expect(plain.previous?.id).toBe('e1');
    for (const text of ['hey, and the turnout? thanks', 'ok and the turnout lol']) {
      const reading = withFollowUp(index, text, [before], {}, now);
      expect(reading.previous?.id, text).toBe('e1');
      expect(
        reading.answer.quotes.map((q) => q.text),
        text,
      ).toEqual(plain.answer.quotes.map((q) => q.text));
      expect(reading.answer.tier, text).toBe(plain.answer.tier);
    }
  });
});
