import { describe, expect, it } from 'vitest';
import { holdsSubject } from '../../src/answer/subjectChange';
import { terms } from '../../src/search/analyzer';
import { placeTerms } from '../../src/answer/placeSayings';

describe('a place said by its people', () => {
  it('gives the one-word sayings of the country or nation a term names, and none for other words', () => {
    const [america] = terms('America');
    expect([...(placeTerms(america!) ?? [])]).toEqual(expect.arrayContaining(terms('American US')));
    expect([...(placeTerms(terms('Ukraine')[0]!) ?? [])]).toEqual(expect.arrayContaining(terms('Ukrainian')));
    expect([...(placeTerms(terms('Wales')[0]!) ?? [])]).toEqual(expect.arrayContaining(terms('Welsh')));
    expect(placeTerms(terms('budget')[0]!)).toBeUndefined();
    // "United States" is said in two words: neither alone is the place.
    expect(placeTerms(terms('states')[0]!)).toBeUndefined();
  });

  it('counts a quote as about a place when its title or sentence names the place by its people', () => {
    const subject = terms('america');
    expect(
      holdsSubject({ title: 'Americans contribute to relief effort', text: 'The administration pledged $350 million.' }, subject),
    ).toBe(true);
    expect(holdsSubject({ title: 'Relief effort', text: 'Many Americans gave money to the Red Cross.' }, subject)).toBe(true);
    expect(holdsSubject({ title: 'Relief effort', text: 'Japan pledged $500 million.' }, subject)).toBe(false);
  });
});
