import { describe, expect, it } from 'vitest';
import { ask } from '../../src/answer/ask';
import { withFollowUp } from '../../src/answer/followUp';
import { personOfAnswer, withPersonNamed } from '../../src/answer/pronoun';
import { speakerTerm } from '../../src/answer/speaker';
import type { Article } from '../../src/library/article';
import { makeArticle } from '../../src/library/makeArticle';
import { termOf } from '../../src/search/analyzer';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import type { HistoryEntry } from '../../src/store/historyStore';

const index = new SentenceIndex<Article>();
index.add(
  makeArticle(
    'count',
    'George Galloway of the Respect party has won Bethnal Green and Bow, defeating Oona King by 823 votes. Mr Galloway, who was expelled from Labour over the war, said the result was "for the people of Iraq". Ms King said she would not criticise voters. The count was delayed by several hours.',
    { title: 'Galloway ousts King in East End contest' },
    'test',
  ),
);
index.add(
  makeArticle(
    'campaign',
    'Galloway and King fought a bitter campaign in the East End. Voters in Bethnal Green and Bow said the campaign had been divisive.',
    { title: 'East End battle' },
    'test',
  ),
);
const now = new Date('2005-05-06T10:00:00Z');

function entryFor(question: string): HistoryEntry {
  const { answer } = withFollowUp(index, question, [], {}, now);
  return {
    id: 'h1',
    userId: 'u',
    at: now.toISOString(),
    question,
    answered: answer.answered,
    quotes: answer.quotes.map((q) => ({ articleId: q.articleId, start: q.start, end: q.end })),
  };
}

describe('what someone said', () => {
  it('reads who a "what did X say" question asks about, and nothing from other questions', () => {
    expect(speakerTerm('what did George Galloway say')).toBe(termOf('galloway'));
    expect(speakerTerm('what has the chancellor said about pensions?')).toBe(termOf('chancellor'));
    expect(speakerTerm('what did the pope say iraq is going through')).toBeUndefined();
    expect(speakerTerm('who won bethnal green and bow')).toBeUndefined();
  });

  it('quotes the sentence that reports the person saying something before one that only names him', () => {
    const answer = ask(index, 'what did Galloway say', { articleId: 'count', minConfidence: 0 });
    expect(answer.quotes[0]?.text).toContain('said the result was');
  });
});

describe('he and she in a follow-up', () => {
  it('names the person the answer before was about, by surname, and puts the name for the pronoun', () => {
    const before = entryFor('who won bethnal green and bow');
    expect(before.quotes[0]?.articleId).toBe('count');
    expect(personOfAnswer(index, before)).toBe('Galloway');
    expect(withPersonNamed('what did he say', 'Galloway')).toBe('what did Galloway say');
    expect(withPersonNamed('what did they say', 'Galloway')).toBeUndefined();
    // "her" before a word it owns, and "HE" (higher education), are no person (review of round 8).
    expect(withPersonNamed('what did her party say about it', 'Galloway')).toBeUndefined();
    expect(withPersonNamed('what about HE funding', 'Galloway')).toBeUndefined();
    expect(withPersonNamed('what did they ask her?', 'King')).toBe('what did they ask King?');
    expect(withPersonNamed('She said what?', 'King')).toBe('King said what?');
  });

  it('answers "what did he say" with what that person said, not the answer before again', () => {
    const before = entryFor('who won bethnal green and bow');
    const { answer, previous } = withFollowUp(index, 'what did he say', [before], {}, now);
    expect(previous?.id).toBe('h1');
    expect(answer.question).toBe('what did he say');
    expect(answer.quotes[0]?.text).toContain('said the result was');
  });
});
