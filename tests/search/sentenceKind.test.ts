import { describe, expect, it } from 'vitest';
import { asksWhetherHappened, isConditional } from '../../src/search/sentenceKind';

describe('statements under a condition', () => {
  it('tells a question asking whether something happened from one asking what, who or how, or about a rule', () => {
    for (const question of [
      'did the tories win the election',
      'Was Howard re-elected?',
      'has the bill passed',
      'and were they re-elected?',
    ])
      expect(asksWhetherHappened(question)).toBe(true);
    for (const question of ['who won the election', 'what did the tories promise', 'does this website share my data', 'island nations'])
      expect(asksWhetherHappened(question)).toBe(false);
  });

  it('tells a statement under a condition from a plain one', () => {
    expect(isConditional('The Conservatives would scrap the scheme if they won the election, David Davis said.')).toBe(true);
    expect(isConditional('Gifted pupils will be tested, unless parents object.')).toBe(true);
    expect(isConditional('Tony Blair has won a historic third term, with his majority cut to 66.')).toBe(false);
    expect(isConditional('The iffy plan was dropped.')).toBe(false);
    // "If" as "whether", reporting a question: a statement of what was asked, not a condition.
    expect(isConditional('Asked if he would resign, Mr Blunkett said he had done nothing wrong.')).toBe(false);
    expect(isConditional('It is unclear if the vote will be held before the summer.')).toBe(false);
  });
});
