import { describe, expect, it } from 'vitest';
import { ask } from '../../src/answer/ask';
import type { Article } from '../../src/library/article';
import { makeArticle } from '../../src/library/makeArticle';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { respelt } from '../../src/search/spelling';

const index = new SentenceIndex<Article>();
for (const [id, text] of [
  ['quits', 'David Blunkett has resigned as home secretary. Mr Blunkett said he had done nothing wrong. Blunkett will stay an MP.'],
  ['aid', 'Britain has promised £15m in aid to the countries hit by the tsunami. The tsunami killed thousands in Asia.'],
  ['council', 'The council approved the harbour budget on Monday. The budget grew by 12 million pounds. The council also sold wheat.'],
])
  index.add(makeArticle(id!, text!, { title: id! }, 'test'));

describe('respelt', () => {
  it('searches a name no article uses as the library name one slip away, written as the library writes it', () => {
    expect(respelt(index, 'when did blunket resign')).toEqual({
      text: 'when did Blunkett resign',
      respellings: [{ typed: 'blunket', word: 'Blunkett' }],
    });
    expect(respelt(index, 'how much aid for the tsunammi').text).toBe('how much aid for the tsunami');
  });

  it('leaves a question whose words the library all uses as it is', () => {
    expect(respelt(index, 'did the council approve the budget')).toEqual({ text: 'did the council approve the budget', respellings: [] });
  });

  it('leaves a real word the library lacks, and a word too far from any library word', () => {
    // "budgie" is one edit from no library word but two from "budget": a dictionary word, not a slip.
    expect(respelt(index, 'what about the budgie').respellings).toEqual([]);
    expect(respelt(index, 'when did wibblefrotz resign').respellings).toEqual([]);
    // "councils" is a real word by its stem; "whats" is "what's" typed without its apostrophe.
    expect(respelt(index, 'whats the councillorship budget').respellings.map((r) => r.typed)).not.toContain('whats');
  });

  it('leaves a question of many unknown words as typed: pasted text or another language, no slip', () => {
    expect(respelt(index, 'blunket tsunammi councl budgett harbourr').respellings).toEqual([]);
  });

  it('answers the respelt question and says so, where the misspelt word found nothing', () => {
    const answer = ask(index, 'when did blunket resign');
    expect(answer.respelt).toEqual([{ typed: 'blunket', word: 'Blunkett' }]);
    expect(answer.quotes[0]?.articleId).toBe('quits');
    expect(ask(index, 'when did Blunkett resign').respelt).toBeUndefined();
  });

  it('never respells a capitalised name into an everyday word, and says what it searched when it respells', () => {
    const words = new SentenceIndex<Article>();
    words.add(
      makeArticle('deal', 'The shape of the trade deal changed on Monday. The deal was signed in Brussels.', { title: 'deal' }, 'test'),
    );
    words.add(makeArticle('aides', 'The minister has a stammer, aides said. The minister spoke on Monday.', { title: 'aides' }, 'test'));
    // A capitalised name newer than the word vectors: the library lacks it, and says so (review of round 8).
    expect(respelt(words, 'who is Shapps').respellings).toEqual([]);
    expect(ask(words, 'who is Shapps')).toMatchObject({ tier: 'none', unknownName: 'Shapps' });
    // Typed in lower case it may still be taken for a slip (no dictionary knows it): the reply then names the word
    // it searched ("Searched for “stammer” (you typed “starmer”)"), so the reader sees the guess.
    expect(ask(words, 'who is starmer', { minConfidence: 0 }).respelt).toEqual([{ typed: 'starmer', word: 'stammer' }]);
  });
});
