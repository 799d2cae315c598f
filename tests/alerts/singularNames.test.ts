import { describe, expect, it } from 'vitest';
import { FILLER, firingsOver, story } from './newsLibrary';

// A plural name's singular is for parties ("Liberal Democrat manifesto"), not people: "William" is no Williams (review 7).
const articles = [
  story('hague', 'Hague sets out Tory plans', [
    'William Hague set out Tory plans on Monday.',
    'William Hague said the party would cut taxes.',
    'Prince William also visited the hospital, Hague said.',
    'The Archbishop of Canterbury, Rowan Williams, was at the event.',
    'William Hague will speak again next week.',
    ...FILLER.slice(0, 4),
  ]),
  story('robbie', 'Concert review', [
    'Robbie Williams sang at the stadium on Friday.',
    'Prince William and Prince Harry were in the crowd.',
    'Prince William said it was a great night.',
    'William met the band afterwards.',
    ...FILLER.slice(0, 4),
  ]),
  story('tory-plans', 'Conservatives set out plans', [
    'The Conservatives set out their plans on Monday.',
    'Conservative plans would cut taxes for families.',
    'Conservative candidates said voters wanted lower taxes.',
    ...FILLER.slice(0, 4),
  ]),
  ...Array.from({ length: 6 }, (_, i) => story(`f${i}`, `Filler ${i}`, FILLER.slice(i % 3, (i % 3) + 5))),
];
const fired = firingsOver(articles);

describe('a plural name read in its singular', () => {
  it('does not count a first name for a surname topic ("William Hague" for "Williams")', () => {
    expect(fired('Williams').has('hague')).toBe(false);
    expect(fired('Williams', 0.5).has('hague')).toBe(false);
  });

  it('gives a person named in full no singular: one passing mention of Rowan Williams does not fire', () => {
    expect(fired('Rowan Williams', 0.5).has('hague')).toBe(false);
  });

  it('still reads a lone party name in its singular ("Conservative plans")', () => {
    expect(fired('Conservatives').has('tory-plans')).toBe(true);
    expect(fired('Conservatives').get('tory-plans')).toMatch(/in [3-9] of/);
  });

  it('reads no singular for a surname the library knows a bearer of: a William is not that Williams', () => {
    const archbishop = (i: number) =>
      story(`rowan-${i}`, `Archbishop speaks ${i}`, [`Rowan Williams spoke at the synod, number ${i}.`, ...FILLER.slice(0, 4)]);
    const visit = story('visit', 'Hospital visit', [
      'William met the nurses on Monday.',
      'William said the ward was well run.',
      'The hospital thanked Williams for the visit.',
      'William will return in the spring.',
      ...FILLER.slice(0, 4),
    ]);
    const fire = firingsOver([...[0, 1, 2, 3].map(archbishop), visit, ...articles.slice(3)]);
    expect(fire('Williams').has('rowan-0')).toBe(true);
    expect(fire('Williams').has('visit')).toBe(false);
  });
});
