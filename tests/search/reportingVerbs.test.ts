import { describe, expect, it } from 'vitest';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { withoutReportingVerbs } from '../../src/search/reportingVerbs';

const searchWords = (question: string) => SentenceIndex.queryTerms(withoutReportingVerbs(question)).map((t) => t.term);

describe('verbs of reporting in a question', () => {
  it.each([
    ['what did they say about china', ['china']],
    ['how did Beijing react to the boycott', ['beij', 'boycott']],
    ['what has Labour told voters about tax', ['labour', 'voter', 'tax']],
    ['what is the minister saying about the budget', ['minist', 'budget']],
    ['what was claimed about the athletes', ['athlet']],
    ['what do ministers think of the boycott', ['minist', 'boycott']],
    ['what did the prime minister have to say about the olympics', ['prime', 'minist', 'olymp']],
    ['did they comment on the games', ['game']],
  ])('are no search words when asked about as verbs: %s', (question, words) => {
    expect(searchWords(question)).toEqual(words);
  });

  it.each([
    ['did the peace talks fail', 'talk'],
    ['did the claim succeed', 'claim'],
    ["did labour's comment upset anyone", 'comment'],
    ['what part of the brain is responsible for complex thinking', 'think'],
    ['how often does the turtle talk show run', 'talk'],
  ])('stay search words where they name things: %s', (question, term) => {
    expect(searchWords(question)).toContain(term);
  });

  it('keeps the verb when nothing else is left to search for', () => {
    expect(withoutReportingVerbs('what did he say?')).toBe('what did he say?');
  });
});
