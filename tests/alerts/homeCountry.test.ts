import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/library/article';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { Library } from '../../src/library/library';
import { homeCountries } from '../../src/alerts/homeCountry';
import { britishStory, placelessStory } from './newsLibrary';

const domestic = (i: number) => britishStory('UK wire', i);
const world = (i: number) => placelessStory('World feed', i);
const names = (homes: ReadonlySet<{ name: string }>) => [...homes].map((place) => place.name);

describe('home countries per source', () => {
  it('gives a source its own home once it reaches enough articles, long before the library doubles', () => {
    // 60 world stories and 19 from a British wire: too few for the wire's own home, and Britain is no home of the library.
    const library = new Library(new SentenceIndex<Article>(), [
      ...Array.from({ length: 60 }, (_, i) => world(i)),
      ...Array.from({ length: 19 }, (_, i) => domestic(i)),
    ]);
    const index = library.indexFor(null);
    expect(names(homeCountries(index, 'UK wire'))).toEqual([]);
    // Three more wire stories: 22 of the wire's own, all naming Britain, in a library grown by a twentieth.
    for (let i = 19; i < 22; i++) library.add(domestic(i));
    expect(names(homeCountries(index, 'UK wire'))).toEqual(['United Kingdom']);
    expect(names(homeCountries(index, 'World feed'))).toEqual([]);
  });
});
