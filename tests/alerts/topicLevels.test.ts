import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/library/article';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { TopicMatcher } from '../../src/alerts/topicMatcher';
import { Library } from '../../src/library/library';
import { topicTerms } from '../../src/alerts/topicTerms';
import { FILLER, story, firingsOver, fromSource, britishStory, placelessStory } from './newsLibrary';

// Topics said at another level than the article's words: a region for its countries, a country for its other names, a surname for a person.
const filler = FILLER;

const articles = [
  story('german-election', 'Germany votes in close election', [
    'German voters went to the polls on Sunday in the closest election in years.',
    'The chancellor said Germany needed a stable government.',
    ...filler.slice(0, 6),
  ]),
  story('germany-in-passing', 'Farm subsidies debated', [
    'Farmers asked for higher subsidies at a meeting in the capital.',
    ...filler,
    'One speaker had visited Germany last year.',
  ]),
  story('gop-convention', 'Republican Party picks its platform', [
    'The Republican Party adopted its platform at the convention on Monday.',
    'Republicans said the platform would win back swing voters.',
    ...filler.slice(0, 6),
  ]),
  story('bush-budget', 'Bush sends budget to Congress', [
    'President George W. Bush sent his budget to Congress on Monday.',
    'Bush said the plan would halve the deficit.',
    ...filler,
    'Bush told reporters that spending on defence would rise.',
    'Aides said Bush would tour the country to sell the plan.',
  ]),
  story('other-bush', 'Governor signs school bill', [
    'Governor Jeb Bush signed the school bill into law on Friday.',
    'Bush said the bill would help teachers.',
    ...filler.slice(0, 4),
    'Bush thanked the legislature for its work.',
  ]),
  story('chile-vote', 'Chile holds referendum', [
    'Chileans voted in a referendum on the constitution on Sunday.',
    'Santiago saw long queues at polling stations.',
    ...filler.slice(0, 6),
  ]),
  story('baghdad', 'Bombs hit Baghdad market', ['Two bombs hit a market in central Baghdad on Sunday.', ...filler.slice(0, 6)]),
  story('us-senate', 'U.S. Senate passes energy bill', [
    'The U.S. Senate passed the energy bill on Thursday.',
    'Senators said America needed cheaper fuel.',
    ...filler.slice(0, 6),
  ]),
  ...filler.map((_, i) => story(`other-${i}`, `Council news ${i}`, filler.slice(i).concat(filler.slice(0, i)))),
];
const fired = firingsOver(articles);
const index = new Library(new SentenceIndex<Article>(), articles).indexFor(null);

describe('topics said at another level (places, people)', () => {
  it('fires "Europe" on a German election story whose headline and lead name Germany, and says so', () => {
    const europe = fired('Europe');
    expect([...europe.keys()]).toEqual(['german-election']);
    expect(europe.get('german-election')).toContain('Germany is in Europe');
  });

  it('says it in the /subscribe preview too', () => {
    const preview = TopicMatcher.preview(index, 'Europe', 0.7);
    expect(preview.map((m) => m.article.id)).toEqual(['german-election']);
    expect(preview[0]!.reason).toContain('Germany is in Europe');
  });

  it('does not fire "Europe" on a story naming Germany once near its end', () => {
    expect(fired('Europe', 0.5).has('germany-in-passing')).toBe(false);
    // The same story does name Germany: the word is found, and prominence decides.
    expect(fired('Germany', 0.05).has('germany-in-passing')).toBe(true);
  });

  it('fires "Latin America" on Chile, by its demonym and capital', () => {
    expect([...fired('Latin America').keys()]).toEqual(['chile-vote']);
  });

  it('fires a country on its capital, with the capital named in the reason', () => {
    const iraq = fired('Iraq');
    expect([...iraq.keys()]).toEqual(['baghdad']);
    expect(iraq.get('baghdad')).toContain('via: Baghdad');
  });

  it('reads "U.S." and "America" as the United States', () => {
    expect([...fired('US').keys()]).toEqual(['us-senate']);
    expect([...fired('United States').keys()]).toEqual(['us-senate']);
  });

  it('previews an article whose body says only "U.S." or "U.K." for the country, exactly as it fires as a new article', () => {
    // The headlines name neither country, and no other name of it is said: only the dotted initials are.
    const dotted = [
      story('us-trade', 'Trade talks stall in Geneva', [
        'The U.S. walked out of the trade talks in Geneva on Friday.',
        'U.S. negotiators said the offer on farm subsidies was too low.',
        ...filler.slice(0, 6),
      ]),
      story('uk-waiting', 'Hospital waiting lists grow', [
        'Waiting lists in U.K. hospitals grew again in March.',
        'U.K. health officials blamed a shortage of nurses.',
        ...filler.slice(0, 6),
      ]),
      ...articles.filter((a) => a.id.startsWith('other-')),
    ];
    const firesOn = firingsOver(dotted);
    const dottedIndex = new Library(new SentenceIndex<Article>(), dotted).indexFor(null);
    for (const [topic, article] of [
      ['US', 'us-trade'],
      ['United States', 'us-trade'],
      ['UK', 'uk-waiting'],
      ['Britain', 'uk-waiting'],
    ] as const) {
      const fired = firesOn(topic);
      expect([...fired.keys()], topic).toEqual([article]);
      const previewed = new Map(TopicMatcher.preview(dottedIndex, topic, 0.7).map((m) => [m.article.id, m.reason]));
      expect(previewed, topic).toEqual(fired);
    }
  });

  it('counts "Bush" for "George W. Bush" once the article names him in full, and not for another Bush', () => {
    const bush = fired('George W. Bush', 0.9);
    expect([...bush.keys()]).toEqual(['bush-budget']);
    // "Governor Jeb Bush" names a Bush in full, but not George: his first name is not counted there.
    expect(fired('George W. Bush', 0.5).has('other-bush')).toBe(false);
  });

  it('keeps "Brown" a name that "Browne" does not match, and a capital topic a city', () => {
    const [brown] = topicTerms('Brown');
    expect(brown!.person).toBeUndefined();
    expect(brown!.sayings).toEqual([]);
    // "Warsaw" is the city: it does not stand for Poland.
    expect(topicTerms('Warsaw')[0]!.sayings).toEqual([]);
    expect(topicTerms('Poland')[0]!.sayings.map((s) => s.key)).toEqual(expect.arrayContaining(['warsaw', 'polish']));
  });

  it('does not read "American" inside "Latin American" as the United States', () => {
    const library2 = new Library(new SentenceIndex<Article>(), [
      story('latin', 'Latin American leaders meet', ['Latin American leaders met in Lima on Monday.', ...filler.slice(0, 5)]),
      ...articles.filter((a) => a.id.startsWith('other-')),
    ]);
    const matcher = new TopicMatcher();
    const idx = library2.indexFor(null);
    matcher.add('us', 'United States', 0.5, (term) => idx.idf(term) || idx.unseenIdf());
    matcher.add('la', 'Latin America', 0.5, (term) => idx.idf(term) || idx.unseenIdf());
    expect(matcher.match(idx, library2.get('latin')!).map((m) => m.topicId)).toEqual(['la']);
  });

  it("does not take the library's home country as a sign of its region", () => {
    // A British library: every story names Britain, so a domestic story is not European news there.
    const domestic = (i: number) =>
      story(`uk-${i}`, `British schools plan ${i}`, [
        `British ministers set out a plan for schools in Britain, number ${i}.`,
        ...filler.slice(0, 5),
      ]);
    const uk = [...Array.from({ length: 24 }, (_, i) => domestic(i)), articles[0]!];
    const ukLibrary = new Library(new SentenceIndex<Article>(), uk);
    const idx = ukLibrary.indexFor(null);
    const matcher = new TopicMatcher();
    matcher.add('europe', 'Europe', 0.7, (term) => idx.idf(term) || idx.unseenIdf());
    const firing = uk.filter((a) => matcher.match(idx, ukLibrary.get(a.id)!).length > 0).map((a) => a.id);
    expect(firing).toEqual(['german-election']);
  });
  it("takes a country as home when its own names or its nations' are in half the stories, and not a country a world library names often", () => {
    const named = (i: number, words: string) =>
      story(`${words}-${i}`.replace(/\s+/g, '-'), `Ministers plan ${i}`, [
        `${words} ministers set out a plan on pensions, number ${i}.`,
        ...filler.slice(0, 5),
      ]);
    const unsaid = (i: number) =>
      story(`home-${i}`, `Ministers plan ${i}`, [`Ministers set out a plan on transport, number ${i}.`, ...filler.slice(0, 5)]);
    const europeFiresOn = (library: Article[], topic = 'Europe') => {
      const lib = new Library(new SentenceIndex<Article>(), library);
      const idx = lib.indexFor(null);
      const matcher = new TopicMatcher();
      matcher.add('europe', topic, 0.7, (term) => idx.idf(term) || idx.unseenIdf());
      return library.filter((a) => matcher.match(idx, lib.get(a.id)!).length > 0).map((a) => a.id);
    };
    // British politics pages: Britain in a few stories, its nations in more ("Scottish ministers", "Welsh ministers").
    const british = [
      ...Array.from({ length: 8 }, (_, i) => named(i, 'British')),
      ...Array.from({ length: 9 }, (_, i) => named(i, 'Scottish')),
      ...Array.from({ length: 8 }, (_, i) => named(i, 'Welsh')),
    ];
    const rest = Array.from({ length: 20 }, (_, i) => unsaid(i));
    // 25 of 46 stories name the UK or a nation: the UK is home, and only the German story says Europe.
    expect(europeFiresOn([...british, ...rest, articles[0]!])).toEqual(['german-election']);
    // Britain alone in 8 of 29: not home, so a story of British ministers is European news there.
    expect(europeFiresOn([...british.slice(0, 8), ...rest, articles[0]!])).toHaveLength(9);
    // A world library naming the US in a third of its stories: the US is not home, and "North America" keeps its stories.
    const american = Array.from({ length: 12 }, (_, i) => named(i, 'American'));
    expect(europeFiresOn([...american, ...rest, articles[0]!], 'North America')).toHaveLength(12);
  });

  it("takes each source's home from its own stories when the library mixes a domestic wire and a world feed", () => {
    const domestic = (i: number) => britishStory('UK wire', i);
    const world = (i: number) => placelessStory('World feed', i);
    // Britain in 22 of 50 stories: no home for the library, but the wire's own stories all name it.
    const mixed = [
      ...Array.from({ length: 22 }, (_, i) => domestic(i)),
      ...Array.from({ length: 27 }, (_, i) => world(i)),
      fromSource('World feed', articles[0]!),
    ];
    const lib = new Library(new SentenceIndex<Article>(), mixed);
    const idx = lib.indexFor(null);
    const matcher = new TopicMatcher();
    matcher.add('europe', 'Europe', 0.7, (term) => idx.idf(term) || idx.unseenIdf());
    expect(mixed.filter((a) => matcher.match(idx, lib.get(a.id)!).length > 0).map((a) => a.id)).toEqual(['german-election']);
    // Without sources the library is one: Britain is no home there, and its stories are European news.
    const unsourced = mixed.map((a) => ({ ...a, source: null }));
    const lib2 = new Library(new SentenceIndex<Article>(), unsourced);
    const idx2 = lib2.indexFor(null);
    const matcher2 = new TopicMatcher();
    matcher2.add('europe', 'Europe', 0.7, (term) => idx2.idf(term) || idx2.unseenIdf());
    expect(unsourced.filter((a) => matcher2.match(idx2, lib2.get(a.id)!).length > 0)).toHaveLength(23);
  });

  it("keeps the library's home for a source whose own sample names no home", () => {
    // The library names Britain in 40 of 52 stories (home), the second wire in 10 of its 22 (no home of its own): an
    // empty home of its own must not hide the library's (a user tester's "United Kingdom is overseas").
    const library = [
      ...Array.from({ length: 30 }, (_, i) => britishStory('Wire A', i)),
      ...Array.from({ length: 10 }, (_, i) => britishStory('Wire B', i)),
      ...Array.from({ length: 12 }, (_, i) => placelessStory('Wire B', i)),
    ];
    const lib = new Library(new SentenceIndex<Article>(), library);
    const idx = lib.indexFor(null);
    const matcher = new TopicMatcher();
    matcher.add('europe', 'Europe', 0.7, (term) => idx.idf(term) || idx.unseenIdf());
    expect(library.filter((a) => matcher.match(idx, lib.get(a.id)!).length > 0).map((a) => a.id)).toEqual([]);
  });

  it("reads the United Kingdom's nations as places: Scottish is Scotland, and Northern Ireland is not Ireland", () => {
    const library = [
      story('holyrood', 'Holyrood backs smoking ban', [
        'MSPs voted for a Scottish ban on smoking in pubs on Thursday.',
        'Scottish ministers said the ban would save lives.',
        ...filler.slice(0, 5),
      ]),
      story('stormont', 'Northern Ireland talks resume', [
        'Talks on restoring devolution in Northern Ireland resumed on Monday.',
        'Parties in Northern Ireland said a deal was close.',
        ...filler.slice(0, 5),
      ]),
      ...filler.map((_, i) => story(`other-${i}`, `Council news ${i}`, filler.slice(i).concat(filler.slice(0, i)))),
    ];
    const firing = firingsOver(library);
    expect([...firing('Scotland').keys()]).toEqual(['holyrood']);
    expect([...firing('Northern Ireland').keys()]).toEqual(['stormont']);
    expect([...firing('Ireland', 0.5).keys()]).toEqual([]);
    // The nations are in no region: a story about Scotland is not European news.
    expect([...firing('Europe', 0.5).keys()]).toEqual([]);
  });
  it("does not take another person's name for the topic's person: Michael Martin is not Michael Howard, Nick Brown not Gordon Brown", () => {
    const library = [
      story('speaker', 'Speaker re-elected', [
        'Speaker Michael Martin was re-elected unopposed on Monday.',
        'Michael Martin thanked members for their support.',
        'Conservative leader Michael Howard offered his congratulations.',
        ...filler.slice(0, 4),
      ]),
      story('whip', 'MPs press for timetable', [
        'Former chief whip Nick Brown said MPs wanted a timetable for the handover.',
        "Nick Brown said an orderly transition was in everybody's interest.",
        'Chancellor Gordon Brown was at the meeting.',
        ...filler.slice(0, 4),
      ]),
      story('budget', 'Brown sets out Budget', [
        'Chancellor Gordon Brown set out his Budget on Wednesday.',
        'Mr Brown said the economy was strong.',
        ...filler.slice(0, 4),
      ]),
      ...filler.map((_, i) => story(`other-${i}`, `Council news ${i}`, filler.slice(i).concat(filler.slice(0, i)))),
    ];
    const firing = firingsOver(library);
    expect([...firing('Michael Howard').keys()]).toEqual([]);
    expect([...firing('Gordon Brown').keys()]).toEqual(['budget']);
  });

  it('does not take a capitalised word that opens a sentence ("When Brown…", "But Brown…") for another first name', () => {
    // Named in full once, at the end of a long story: the surname's mentions before it decide, as a reader reads them.
    const sentences = [
      'When Brown rose to speak, the chamber was full.',
      'But Brown said little about the pensions dispute.',
      'As Brown left, reporters followed him.',
      ...filler.slice(0, 6),
      'Chancellor Gordon Brown is due to speak again next week.',
    ];
    const library = [
      story('speech', 'Chancellor speaks in Commons', sentences),
      ...filler.map((_, i) => story(`other-${i}`, `Council news ${i}`, filler.slice(i).concat(filler.slice(0, i)))),
    ];
    expect([...firingsOver(library)('Gordon Brown', 0.9).keys()]).toEqual(['speech']);
  });
});
