// natural's package root pulls in its storage back-ends (which print dotenv
// lines at start), so the project imports single files; these are their shapes.
declare module 'natural/lib/natural/tokenizers/regexp_tokenizer.js' {
  export class RegexpTokenizer {
    constructor(options?: { pattern?: RegExp; gaps?: boolean; discardEmpty?: boolean });
    tokenize(text: string): string[];
  }
}
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}
declare module 'natural/lib/natural/util/stopwords.js' {
  export const words: string[];
}
declare module 'natural/lib/natural/util/abbreviations_en.js' {
  export const knownAbbreviations: string[];
}
declare module 'natural/lib/natural/tfidf/tfidf.js' {
  export default class TfIdf {
    constructor();
    addDocument(document: string | string[], key?: unknown): void;
    idf(term: string): number;
    tfidf(terms: string | string[], documentIndex: number): number;
    tfidfs(terms: string | string[]): number[];
  }
}

// natural's Brill part-of-speech tagger, imported by file so that the storage back-ends of `import 'natural'` stay unloaded.
declare module 'natural/lib/natural/brill_pos_tagger/lib/Lexicon.js' {
  export default class Lexicon {
    constructor(language: 'EN', defaultCategory: string, defaultCategoryCapitalized?: string);
    /** The word's tags in the lexicon (its default category when it has none). */
    tagWord(word: string): string[];
  }
}
declare module 'natural/lib/natural/brill_pos_tagger/lib/RuleSet.js' {
  export default class RuleSet {
    constructor(language: 'EN');
  }
}
declare module 'natural/lib/natural/brill_pos_tagger/lib/Brill_POS_Tagger.js' {
  import type Lexicon from 'natural/lib/natural/brill_pos_tagger/lib/Lexicon.js';
  import type RuleSet from 'natural/lib/natural/brill_pos_tagger/lib/RuleSet.js';
  export default class BrillPOSTagger {
    constructor(lexicon: Lexicon, ruleSet: RuleSet);
    tag(words: string[]): { taggedWords: { token: string; tag: string }[] };
  }
}
declare module 'natural/lib/natural/distance/levenshtein_distance.js' {
  /** Edits (insertions, deletions, substitutions at cost 1) that turn one string into the other. */
  export function LevenshteinDistance(source: string, target: string): number;
  /** The same, with a swap of neighbouring letters ("teh") at cost 1 too. */
  export function DamerauLevenshteinDistance(source: string, target: string, options?: { restricted?: boolean }): number;
}
