import table from './lexicon.json' with { type: 'json' };

/**
 * Word relations from WordNet, as index terms (scripts/buildLexicon.ts says
 * what is kept and why): the words that say the opposite of a term, and the
 * words that say it in another form or another word.
 */
export interface Lexicon {
  antonyms: ReadonlyMap<string, readonly string[]>;
  family: ReadonlyMap<string, readonly string[]>;
  synonyms: ReadonlyMap<string, readonly string[]>;
}

function both(pairs: readonly (readonly string[])[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    const list = map.get(a);
    if (list) list.push(b);
    else map.set(a, [b]);
  };
  for (const [a, b] of pairs) {
    link(a!, b!);
    link(b!, a!);
  }
  return map;
}

let shipped: Lexicon | undefined;

/** The shipped table, read on first use: the maps take 20–30 ms to build on a quiet machine, which a bot that never answers need not pay. */
export function lexicon(): Lexicon {
  shipped ??= { antonyms: both(table.antonyms), family: both(table.family), synonyms: both(table.synonyms) };
  return shipped;
}
