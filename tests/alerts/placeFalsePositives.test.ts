import { describe, expect, it } from 'vitest';
import { keyOf } from '../../src/alerts/topicTerms';
import { places } from '../../src/alerts/places';
import { FILLER, story, firingsOver } from './newsLibrary';

// The reviewer's stories: words that are places elsewhere, and names that are not people, must not fire place or person topics.
// Words of institutions are everyday words in a news library.
const filler = [...FILLER.slice(0, 6), 'Each party said the court would decide.'];

const articles = [
  story('jordan-bulls', 'Jordan Scores 40 As Bulls Win', [
    'Jordan scored 40 points as the Bulls beat the Knicks on Friday night.',
    'Michael Jordan said the team played its best game of the season.',
    'Coach Phil Jackson praised Jordan after the game.',
  ]),
  story('turkey-prices', 'Holiday food costs climb', [
    'Turkey prices rose by a fifth ahead of the holiday.',
    'Shoppers said a turkey now cost more than a week of groceries.',
    'Stores expect demand to stay high.',
  ]),
  story('male-voters', 'Male Voters Shift Right', [
    'Male voters moved to the right in the latest poll.',
    'The gap between men and women has grown since the last election.',
    'Pollsters said the shift was largest among young men.',
  ]),
  story('chad-johnson', 'Chad Johnson Signs New Deal', [
    'Chad Johnson signed a new deal with the Bengals on Monday.',
    'Johnson said he was happy to stay in Cincinnati.',
    'The receiver led the league in yards last season.',
  ]),
  story('sofia-coppola', 'Sofia Coppola Wins Award', [
    'Sofia Coppola won the award for best director on Sunday.',
    'Coppola thanked the cast and crew.',
    'The film opens in cinemas next month.',
  ]),
  story('guinea-pigs', 'Pet shops run short', [
    'Guinea pigs sold out at pet shops across the region.',
    'Shop owners said demand had doubled since the spring.',
    'Breeders expect new litters next month.',
  ]),
  story('china-plates', 'Estate sale draws crowds', [
    'China plates from the estate sold for record prices.',
    'Collectors came from far away for the sale.',
    'The auction house said the plates were a hundred years old.',
  ]),
  story('ottawa-kansas', 'Town votes on new library', [
    'Ottawa residents voted on Tuesday to fund a new library.',
    'The library in Ottawa, Kansas, has been closed since a flood.',
    'The city council will choose a builder next month.',
  ]),
  story('paris-texas', 'County fair draws record crowd', [
    'Paris, Texas held its fair on Saturday.',
    'Organisers said attendance was the highest in a decade.',
    'The fair in Paris raised money for local schools.',
  ]),
  story('indian-ocean', 'Indian Ocean storm season begins', [
    'The Indian Ocean storm season began early this year.',
    'Forecasters expect more storms than usual.',
    'Shipping firms have been told to prepare.',
  ]),
  story('high-court', 'High Court rejects housing appeal', [
    'The High Court rejected the housing appeal on Monday.',
    'The court said the council had acted lawfully.',
    ...filler,
    'The tenants said they would take the case to the Supreme Court.',
  ]),
  story('conservatives', 'Conservative Party sets out tax plans', [
    'The Conservative Party set out its tax plans on Monday.',
    'The party said it would cut income tax for low earners.',
    ...filler.slice(0, 3),
    'The Labour Party said the plans did not add up.',
    'The Conservative Party will publish its costings next week.',
  ]),
  story('jeb-bush', 'Bush signs school bill', [
    'Florida Governor Jeb Bush signed the school bill into law on Friday.',
    'Governor Bush said the bill would help teachers.',
    'Bush thanked the legislature for its work.',
    ...filler.slice(0, 3),
  ]),
  // Stories that should still fire: the real places and people, named as news names them.
  story('jordan-king', 'King meets protesters', [
    'King Abdullah of Jordan met protest leaders in Amman on Sunday.',
    'Jordanian officials said the talks were useful.',
    ...filler.slice(0, 3),
  ]),
  story('turkey-vote', 'Turkey votes in referendum', [
    'Turkey voted on Sunday in a referendum on the constitution.',
    'Turkish voters queued for hours in Ankara.',
    ...filler.slice(0, 3),
  ]),
  story('bush-budget', 'Bush sends budget to Congress', [
    'President George W. Bush sent his budget to Congress on Monday.',
    'Bush said the plan would halve the deficit.',
    'Bush told reporters that spending on defence would rise.',
    ...filler.slice(0, 3),
  ]),
  ...filler.map((_, i) => story(`other-${i}`, `Council news ${i}`, filler.slice(i).concat(filler.slice(0, i)))),
];
const firings = firingsOver(articles);
const fired = (topic: string, minScore = 0.7): string[] => [...firings(topic, minScore).keys()];

describe('places that are ordinary words, and names that are not people', () => {
  it.each([
    ['jordan-bulls', 'Middle East'],
    ['turkey-prices', 'Middle East'],
    ['male-voters', 'Asia'],
    ['chad-johnson', 'Africa'],
    ['sofia-coppola', 'Europe'],
    ['guinea-pigs', 'Africa'],
    ['china-plates', 'Asia'],
    ['ottawa-kansas', 'North America'],
    ['paris-texas', 'Europe'],
    ['indian-ocean', 'Asia'],
  ])('does not fire a region on a word that is a place only elsewhere (%s, %s)', (id, region) => {
    expect(fired(region)).not.toContain(id);
  });

  it('still fires the region where the article names its country', () => {
    expect(fired('Middle East')).toEqual(['jordan-king', 'turkey-vote']);
    // Turkey is in Asia for the package's regions, and not in Asia for the news: it says only the Middle East.
    expect(
      places()
        .regions.get('europe')!
        .members.some((m) => m.name === 'Turkey'),
    ).toBe(false);
  });

  it('still fires a country said by an ordinary word once the article confirms it', () => {
    expect(fired('Jordan', 0.7)).toContain('jordan-king');
    expect(fired('Turkey', 0.7)).toContain('turkey-vote');
  });

  it("does not give an institution's last word the whole name's credit", () => {
    expect(fired('Supreme Court', 0.9)).toEqual([]);
    expect(fired('Labour Party', 0.7)).toEqual([]);
  });

  it('does not count a titled surname where the article names another person of that surname', () => {
    expect(fired('George W. Bush', 0.5)).toEqual(['bush-budget']);
  });

  it('files a place of several words under a rarer word than "republic" or "island"', () => {
    expect(keyOf('czech republic')).toBe('czech');
    expect(keyOf('solomon islands')).not.toBe(keyOf('island'));
    expect(keyOf('united states')).toBe('state');
  });
});
