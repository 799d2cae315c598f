import { describe, expect, it } from 'vitest';
import { FILLER, firingsOver, story } from './newsLibrary';

// Topics the article says in other words: "overseas" by the place abroad, a short form for the full one and back (issue 16).
const filler = FILLER;

const articles = [
  story('vaccine-pledge', 'Ministers pledge £1bn to vaccine effort', [
    'The government pledged £1bn in aid to a vaccine programme for children in Malawi and Zambia.',
    'Ministers said the aid would save a million lives in Malawi over ten years.',
    ...filler.slice(0, 4),
    'The aid will be paid over five years.',
  ]),
  story('malawi-football', 'Malawi win regional cup', [
    'Malawi won the regional football cup on Saturday.',
    'Fans in Malawi celebrated late into the night.',
    ...filler.slice(0, 5),
  ]),
  story('flood-aid', 'Aid for flooded farmers', [
    'Farmers whose fields flooded will get aid from next month.',
    'The aid covers lost crops and damaged barns.',
    ...filler.slice(0, 5),
  ]),
  story('identity-bill', 'Identity cards bill clears Commons', [
    'The identity cards bill cleared the Commons on Tuesday by 31 votes.',
    'Ministers said identity cards would help fight fraud.',
    ...filler.slice(0, 5),
  ]),
  story('lib-dems', 'Lib Dems target Tory seats', [
    'The Lib Dems named 20 Tory seats they hope to win.',
    'Lib Dem strategists said voters were tired of both big parties.',
    ...filler.slice(0, 5),
  ]),
  story('manifesto', 'Kennedy launches manifesto', [
    'Charles Kennedy launched the Liberal Democrat manifesto on Thursday.',
    'The Liberal Democrat plans include a local income tax.',
    'The Liberal Democrats say the tax is fairer.',
    ...filler.slice(0, 5),
  ]),
  story('spokesman', 'Council tax bills to rise', [
    'Council tax bills will rise by five per cent in April, ministers said.',
    'Liberal Democrat spokesman Edward Davey said families would struggle.',
    'Liberal Democrat councillors in Cornwall said the rise was too steep.',
    ...filler.slice(0, 4),
  ]),
  story('french-vote', 'France votes on European constitution', [
    'French voters decide on the European constitution on Sunday.',
    'Polls suggest France may reject the European constitution.',
    ...filler.slice(0, 5),
  ]),
  story('unarmed', 'Unarmed peacekeepers patrol border', [
    'Unarmed peacekeepers began patrols along the border on Monday.',
    'The unarmed peacekeepers will report to a joint commission.',
    ...filler.slice(0, 5),
  ]),
  ...filler.map((_, i) => story(`other-${i}`, `Council news ${i}`, filler.slice(i).concat(filler.slice(0, i)))),
];
const fired = firingsOver(articles);

// A British library: most stories name Britain, so it is home (homeCountry.ts), and aid at home is not overseas aid.
const british = [
  ...articles.slice(0, 1),
  story('british-floods', 'Aid for flooded farmers in Britain', [
    'Farmers in Britain whose fields flooded will get aid from next month.',
    'British ministers said the aid covers lost crops and damaged barns.',
    ...filler.slice(0, 5),
  ]),
  ...filler.map((_, i) =>
    story(`british-${i}`, `British council news ${i}`, [`British councils met on day ${i}.`, ...filler.slice(i), ...filler.slice(0, i)]),
  ),
  ...filler.map((_, i) =>
    story(`uk-${i}`, `Westminster news ${i}`, [`Ministers in Britain met on day ${i}.`, ...filler.slice(i), ...filler.slice(0, i)]),
  ),
];
const firedBritish = firingsOver(british);

describe('a topic said in other words', () => {
  it("does not count the library's home as overseas", () => {
    expect([...firedBritish('overseas aid').keys()]).toEqual(['vaccine-pledge']);
    expect([...firedBritish('overseas aid', 0.5).keys()]).toEqual(['vaccine-pledge']);
  });

  it('reads "overseas" as a place abroad: "overseas aid" fires on aid pledged to Malawi, and says where', () => {
    const overseas = fired('overseas aid');
    expect([...overseas.keys()]).toEqual(['vaccine-pledge']);
    expect(overseas.get('vaccine-pledge')).toContain('Malawi is overseas');
    expect([...fired('foreign aid').keys()]).toEqual(['vaccine-pledge']);
  });

  it('does not let a foreign place fire "overseas aid" without aid, even at 0.5, nor aid at home', () => {
    expect(fired('overseas aid', 0.5).has('malawi-football')).toBe(false);
    expect(fired('overseas aid', 0.5).has('flood-aid')).toBe(false);
  });

  it('matches a topic written in short as the article writes it in full, and back', () => {
    expect([...fired('ID cards').keys()]).toEqual(['identity-bill']);
    expect([...fired('EU constitution').keys()]).toEqual(['french-vote']);
    expect(fired('Liberal Democrats').has('lib-dems')).toBe(true);
  });

  it('reads a plural name in its singular ("Liberal Democrat manifesto") where the article names it', () => {
    expect(fired('Liberal Democrats').has('manifesto')).toBe(true);
  });

  it("does not read the singular alone, as in a spokesman's title, as the party", () => {
    expect(fired('Liberal Democrats').has('spokesman')).toBe(false);
  });

  it('does not read a common prefix as an acronym ("UN" is not "unarmed")', () => {
    expect(fired('UN peacekeepers').size).toBe(0);
  });
});
