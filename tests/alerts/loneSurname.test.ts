import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/library/article';
import { Library } from '../../src/library/library';
import { SentenceIndex } from '../../src/search/sentenceIndex';
import { dominantBearer } from '../../src/alerts/surnames';
import { FILLER, firingsOver, story } from './newsLibrary';

// A bare surname topic means the person the library names by it most, when clearly more than anyone else of that name.
const gordon = (i: number) =>
  story(`gordon-${i}`, `Treasury plan ${i} unveiled`, [
    `Chancellor Gordon Brown set out plan ${i} for the economy on Monday.`,
    'Mr Brown said growth would stay strong.',
    ...FILLER.slice(0, 5),
  ]);
const others = [
  story('nick', 'Fees rebels regroup', [
    'Former minister Nick Brown said students still felt strongly about fees.',
    'Nick Brown led the revolt in January.',
    ...FILLER.slice(0, 4),
  ]),
  story('joan', 'Pensioner saves post office', [
    'Joan Brown collected more than 1,200 signatures to save the branch.',
    'Mrs Brown said the post office was a lifeline.',
    ...FILLER.slice(0, 4),
  ]),
  story('both', 'Budget row deepens', [
    'Gordon Brown defended the budget against critics on Tuesday.',
    'Nick Brown, a former minister, said he backed the plans.',
    'Mr Brown told MPs the figures added up.',
    ...FILLER.slice(0, 4),
  ]),
];
const background = FILLER.map((_, i) => story(`other-${i}`, `Council news ${i}`, FILLER.slice(i).concat(FILLER.slice(0, i))));

describe('a lone surname topic', () => {
  it('reads the dominant bearer from the library: named in full most often, and clearly more than the next', () => {
    const index = new Library(new SentenceIndex<Article>(), [...[1, 2, 3, 4].map(gordon), ...others, ...background]).indexFor(null);
    expect(dominantBearer(index, 'brown')).toBe('gordon');
    // Gordon 3 articles against Nick 3: no one dominates.
    const even = new Library(new SentenceIndex<Article>(), [
      ...[1, 2].map(gordon),
      ...others,
      story('nick-2', 'Rebels again', ['Nick Brown spoke again on Friday.', ...FILLER.slice(0, 4)]),
      ...background,
    ]).indexFor(null);
    expect(dominantBearer(even, 'brown')).toBeUndefined();
  });

  it('reads a surname with an inner capital or an accent as written ("McDonnell", "Sánchez")', () => {
    const named = (i: number, name: string) =>
      story(`${i}-${name}`.replace(/\W+/g, '-'), `Plan ${i} unveiled`, [`${name} set out plan ${i} on Monday.`, ...FILLER.slice(0, 5)]);
    const index = new Library(new SentenceIndex<Article>(), [
      ...[1, 2, 3, 4].map((i) => named(i, 'John McDonnell')),
      ...[5, 6, 7, 8].map((i) => named(i, 'Pedro Sánchez')),
      ...background,
    ]).indexFor(null);
    expect(dominantBearer(index, 'mcdonnell')).toBe('john');
    expect(dominantBearer(index, 'sanchez')).toBe('pedro');
  });

  it('fires "Brown" on the dominant Brown only, where another Brown is named', () => {
    const fired = firingsOver([...[1, 2, 3, 4].map(gordon), ...others, ...background])('Brown', 0.5);
    expect([...fired.keys()].sort()).toEqual(['both', 'gordon-1', 'gordon-2', 'gordon-3', 'gordon-4']);
  });

  it('keeps "Brown" as it was where no bearer dominates', () => {
    const library = [
      ...[1, 2].map(gordon),
      ...others,
      story('nick-2', 'Rebels again', ['Nick Brown spoke again on Friday.', ...FILLER]),
      ...background,
    ];
    const fired = firingsOver(library)('Brown', 0.5);
    expect(fired.has('nick')).toBe(true);
    expect(fired.has('joan')).toBe(true);
  });
});
