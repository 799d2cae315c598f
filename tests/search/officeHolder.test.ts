import { describe, expect, it } from 'vitest';
import { tokens } from '../../src/search/analyzer';
import { namesHolder, officeAskedFor } from '../../src/search/officeHolder';

const holderNamed = (question: string, sentence: string) => {
  const office = officeAskedFor(question);
  expect(office).toBeDefined();
  return namesHolder(sentence, office!, new Set(tokens(question)));
};

describe('who holds an office', () => {
  it('reads the office a "who is the …" question asks the holder of, up to what qualifies it', () => {
    expect(officeAskedFor('who is the chancellor')).toEqual(['chancellor']);
    expect(officeAskedFor('whos the home secretary after blunkett')).toEqual(['home', 'secretary']);
    expect(officeAskedFor("Who's the president of France?")).toEqual(['president']);
    expect(officeAskedFor('who was the first president of the united states')).toEqual(['first', 'president']);
  });

  it('asks nothing of an office when the question asks who did something', () => {
    expect(officeAskedFor('who won bethnal green')).toBeUndefined();
    expect(officeAskedFor('who plays rachel in friends')).toBeUndefined();
    expect(officeAskedFor('what is the minimum wage')).toBeUndefined();
  });

  it('finds the holder named beside the title, before it or set off after a name', () => {
    expect(holderNamed('who is the chancellor', 'Chancellor Gordon Brown said it was a good Budget.')).toBe(true);
    expect(holderNamed('who is the chancellor', 'Gordon Brown, the Chancellor, said it was a good Budget.')).toBe(true);
    expect(holderNamed('whos the home secretary after blunkett', 'New Home Secretary Charles Clarke said the men would stay.')).toBe(true);
    // The name set off after the title, as wires write it.
    expect(holderNamed('who is the chancellor', 'The Chancellor, Gordon Brown, said it was a good Budget.')).toBe(true);
    expect(holderNamed('who is the chancellor', 'It was a good Budget, said the Chancellor, Gordon Brown.')).toBe(true);
  });

  it('does not take a list or a new clause after "the Chancellor," for a name set off', () => {
    expect(holderNamed('who is the chancellor', 'Talks included the Chancellor, Tony Blair and John Prescott.')).toBe(false);
    expect(holderNamed('who is the chancellor', 'Before the Chancellor, Labour MPs spoke for an hour.')).toBe(false);
  });

  it('does not take a mention of the office, someone else’s title or the name asked about for the holder', () => {
    expect(holderNamed('who is the chancellor', 'The Chancellor will chair the committee.')).toBe(false);
    expect(holderNamed('who is the chancellor', 'Shadow chancellor Oliver Letwin said it.')).toBe(false);
    expect(holderNamed('who is the chancellor', 'Analysts doubt the Chancellor’s Budget forecasts.')).toBe(false);
    expect(holderNamed('who is the chancellor', 'Speaking before his tour of Africa, the Chancellor said he would stay.')).toBe(false);
    expect(holderNamed('whos the home secretary after blunkett', 'Home Secretary David Blunkett denied it.')).toBe(false);
    // A nation's or another country's office, unless the question names that place in any of its words.
    const placeOf = (word: string) => ({ scottish: 'Scotland', egypt: 'Egypt', egyptian: 'Egypt' })[word];
    const leader = officeAskedFor('who is the conservative leader')!;
    const mcletchie = 'Scottish Conservative leader David McLetchie said so.';
    expect(namesHolder(mcletchie, leader, new Set(['conservative', 'leader']), placeOf)).toBe(false);
    expect(namesHolder('Conservative leader Michael Howard said so.', leader, new Set(['conservative', 'leader']), placeOf)).toBe(true);
    expect(namesHolder(mcletchie, leader, new Set(['scottish', 'conservative', 'leader']), placeOf)).toBe(true);
    const president = officeAskedFor('who is the president of egypt')!;
    expect(namesHolder('Egyptian President Hosni Mubarak said so.', president, new Set(['president', 'egypt']), placeOf)).toBe(true);
    // Unless the question asks for that title itself.
    expect(holderNamed('who is the shadow chancellor', 'Shadow chancellor Oliver Letwin said it.')).toBe(true);
  });
});
