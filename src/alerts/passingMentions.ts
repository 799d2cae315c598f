import { stopwords, termOf } from '../search/analyzer';
import type { TopicTerm } from './topicTerms';

/**
 * Words of a sentence that name something in passing rather than say what the
 * story is about (issue 16): a word inside a job title or a department's name
 * ("Work and Pensions Secretary David Blunkett", "the Commons work and
 * pensions committee", "Immigration Minister"), and a lower-case word in a
 * list of three or more ("on crime, immigration, schools and hospitals"), and
 * an event still to come named as a time ("until after the next general
 * election"). A reader skips them: the title names who speaks, the list names
 * what else a story touches, the time says when another story happens. In
 * standings ("Labour on 37%, the Conservatives on 32% and the Liberal
 * Democrats on 21%") names are one of the field too. Matching leaves them out for a topic's common words only
 * (articleEvidence.ts): a name in a title or a list still says who or where
 * ("Scottish Health Minister" places a story in Scotland).
 */

/** The last word of a title or an office: what makes the words before it a name for a person or a body. */
const HEADS = new Set('secretary secretaries minister ministers committee department spokesman spokeswoman spokesperson'.split(' '));
/** Whether a topic names an office itself ("home secretary", "health committee"): then a title is what it asks for. */
export const namesAnOffice = (terms: readonly TopicTerm[]) => terms.some((t) => HEAD_TERMS.has(t.term));

/** A title or office named before its field: "Secretary of State for Work and Pensions", "Minister for Europe". */
const LEADING_HEADS = new Set('secretary minister department ministry committee spokesman spokeswoman'.split(' '));
const HEAD_TERMS = new Set([...HEADS, 'ministry', 'office'].map(termOf));
/** Words that end a title's run from the left: an article, a possessive, a determiner. */
const NOT_TITLE = new Set('the a an s his her its their our your my this that shadow former new acting'.split(' '));
/** A list item longer than this is a clause, not a noun: "A, B and C" only counts for short items. */
export const LIST_ITEM_WORDS = 4;

const isCapital = (word: string) => {
  const code = word.charCodeAt(0);
  return code < 128 ? code >= 65 && code <= 90 : /^\p{Lu}/u.test(word);
};
const COMMA = ',';
/** A sentence that could hold a title or a list: the cheap test before reading it as tokens. */
const HAS_HEAD = /secretar|minist|committee|department|spokes/i;
const HAS_CONJUNCTION = / (and|or) /;
const HAS_FIGURE = /\d/;
const FIGURE = /^\d/;
/** A standing's words: a name and its figure ("the Liberal Democrats on 21"). */
const STANDING_WORDS = 5;
/**
 * A time reference to an event still to come: a preposition of time and a determiner that looks ahead ("before a
 * general election", "until after the next general election", "in the coming election"). Only the first words are
 * read here; `inTimeReferences` reads the noun phrase after them.
 */
const HAS_TIME_REFERENCE =
  /\b(?:(?:before|until|till|ahead of) (?:an?|next)|(?:before|after|until|till|ahead of|in) (?:the|an?) (?:next|coming|forthcoming|upcoming|expected))\b/i;
const TIME_PREPOSITIONS = new Set('before after until till of in'.split(' '));
/** Words of something not yet happened. */
const AHEAD = new Set('next coming forthcoming upcoming expected'.split(' '));
/**
 * Prepositions after which "a" or "an" is an event to come ("before a general election"); after "after" and "in" it
 * is as often past or no time at all ("after a long debate", "in a statement").
 */
const AHEAD_WITH_A = new Set('before until till of'.split(' '));
/** Verbs after which "before a" is a place, not a time: "appeared before a committee", "brought before a court". */
const BEFORE_AS_PLACE = new Set(
  'appear appears appeared appearing brought bring bringing taken come comes came coming go goes went going gone stand stands stood standing put laid'.split(
    ' ',
  ),
);
/** The caller's word pattern with the marks added, made once per pattern. */
const patterns = new Map<RegExp, RegExp>();
/** Marks that end a phrase: a list or a title does not run across them. */
const BREAKS = ';:()"“”';
const isMark = (token: string) => token.length === 1 && (token === COMMA || BREAKS.includes(token));

/** A word said in passing (a common word in a title, a list, a time reference). */
export const PASSING = 1;
/** A name said as one of a field of standings ("the Liberal Democrats on 21%"): not counted as that name there. */
export const NAME_IN_STANDINGS = 2;

/**
 * The sentence's words (as the global `wordPattern` finds them, in order) and
 * which of them are passing mentions (PASSING, NAME_IN_STANDINGS), when it could hold a title or a
 * list; undefined when it cannot (most sentences), and the caller reads its
 * words itself. Read in one pass with the commas, so such a sentence is not
 * read twice.
 */
export function passingMentions(text: string, wordPattern: RegExp): { words: string[]; flags?: Uint8Array } | undefined {
  // Most sentences have neither a title nor a list: they are not read again.
  const titles = HAS_HEAD.test(text);
  const lists = text.includes(',') && HAS_CONJUNCTION.test(text);
  const times = HAS_TIME_REFERENCE.test(text);
  if (!titles && !lists && !times) return undefined;
  let withMarks = patterns.get(wordPattern);
  if (!withMarks) patterns.set(wordPattern, (withMarks = new RegExp(`${wordPattern.source}|[,;:()"“”]`, wordPattern.flags)));
  const tokens = text.match(withMarks) ?? [];
  const words: number[] = [];
  const texts: string[] = [];
  tokens.forEach((token, at) => {
    if (isMark(token)) return;
    words.push(at);
    texts.push(token);
  });
  let flags: Uint8Array | undefined;
  const mark = (at: number, how = PASSING) => {
    flags ??= new Uint8Array(words.length);
    flags[wordIndex(words, at)] = how;
  };
  if (titles) inTitles(tokens, mark);
  if (lists) inLists(tokens, mark);
  if (lists && HAS_FIGURE.test(text)) inStandings(tokens, (at) => mark(at, isCapital(tokens[at]!) ? NAME_IN_STANDINGS : PASSING));
  if (times) inTimeReferences(tokens, mark);
  return { words: texts, flags };
}

/** The word's position among the words, from its position among the tokens. */
function wordIndex(words: readonly number[], at: number): number {
  let lo = 0;
  let hi = words.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const isWord = (token: string | undefined) => token !== undefined && !isMark(token);

/**
 * Words of a title or office: a run before its head noun, lower case only
 * right before it or joined by "and" ("work and pensions secretary",
 * "general secretary"), capitalised words as far as they go ("Liberal
 * Democrat Treasury spokesman", "Northern Ireland Secretary"); and the field
 * named after a head with "for" or "of" ("Minister for Europe").
 */
function inTitles(tokens: readonly string[], mark: (at: number) => void): void {
  for (let h = 0; h < tokens.length; h++) {
    // Head words are 8 to 12 letters long: most tokens are not lowered at all.
    const length = tokens[h]!.length;
    if (length < 8 || length > 12) continue;
    const head = tokens[h]!.toLowerCase();
    if (HEADS.has(head)) {
      for (let at = h - 1; at >= 0; at--) {
        const token = tokens[at]!;
        if (!isWord(token)) break;
        const lower = token.toLowerCase();
        if (lower === 'and') {
          if (at === 0 || !isWord(tokens[at - 1])) break;
          continue;
        }
        // Lower-case words only next to the head ("work and pensions secretary"); capitals as far as they run
        // ("Liberal Democrat Treasury spokesman"). Not past a possessive: "Tony Blair's spokesman" is Blair's.
        if (NOT_TITLE.has(lower) || (!isCapital(token) && at < h - 3)) break;
        mark(at);
      }
    }
    if (LEADING_HEADS.has(head) && isCapital(tokens[h]!) && /^(for|of)$/.test(tokens[h + 1] ?? '')) {
      for (let at = h + 2; at < tokens.length; at++) {
        const token = tokens[at]!;
        if (!isWord(token)) break;
        if (token === 'and' || token === 'for' || token === 'of') continue;
        if (!isCapital(token)) break;
        mark(at);
      }
    }
  }
}

/**
 * Words in a list of three or more short items: "A, B and C", "A, B, C, and
 * D". Each item has at most LIST_ITEM_WORDS words.
 */
function inLists(tokens: readonly string[], mark: (at: number) => void): void {
  for (let a = 1; a < tokens.length; a++) {
    const conj = tokens[a]!;
    if (conj !== 'and' && conj !== 'or') continue;
    // The last item: the words after the conjunction up to a mark.
    const last: number[] = [];
    for (let at = a + 1; at < tokens.length && last.length < LIST_ITEM_WORDS && isWord(tokens[at]); at++) last.push(at);
    if (last.length === 0) continue;
    let at = a - 1;
    if (tokens[at] === COMMA) at--;
    const items: number[][] = [];
    // Items before it, each a short phrase between commas (the first may start the sentence or follow a mark).
    // The end of a longer phrase is not taken as an item: "after the oil crisis, Honda, Toyota and Nissan" lists carmakers.
    for (;;) {
      const item: number[] = [];
      while (at >= 0 && isWord(tokens[at])) item.unshift(at--);
      if (item.length === 0 || item.length > LIST_ITEM_WORDS) break;
      items.push(item);
      if (at < 0 || tokens[at] !== COMMA) break;
      at--;
    }
    if (items.length < 2) continue;
    // The last item is as long as the others at most: "crime, immigration, schools and hospitals were" lists four nouns.
    last.length = Math.min(last.length, Math.max(...items.map((item) => item.length)));
    // Names in a list are left alone: "Tony Blair, Michael Howard and Charles Kennedy" at a memorial are its news.
    for (const item of [last, ...items]) for (const word of item) if (!isCapital(tokens[word]!)) mark(word);
  }
}

/**
 * Words of an event still to come named as a time: "before a general election next spring", "until after the next
 * general election", "in the coming general election". The story happens before or after it; it is not the story.
 * Read: a preposition of time ("ahead of" too), determiners that look ahead ("the" only with "next", "coming", ...;
 * "a" only after "before", "until", "ahead of"),
 * then up to LIST_ITEM_WORDS lower-case words up to a mark or a function word. A past event ("after the 1973 oil
 * crisis") is left alone: "the" alone does not look ahead.
 */
function inTimeReferences(tokens: readonly string[], mark: (at: number) => void): void {
  for (let p = 0; p + 1 < tokens.length; p++) {
    const preposition = tokens[p]!.toLowerCase();
    if (!TIME_PREPOSITIONS.has(preposition)) continue;
    if (preposition === 'of' && tokens[p - 1]?.toLowerCase() !== 'ahead') continue;
    const asPlace = preposition === 'before' && BEFORE_AS_PLACE.has(tokens[p - 1]?.toLowerCase() ?? '');
    let at = p + 1;
    let ahead = false;
    for (; at < tokens.length; at++) {
      const word = tokens[at]!.toLowerCase();
      if (AHEAD.has(word) || ((word === 'a' || word === 'an') && AHEAD_WITH_A.has(preposition) && !asPlace)) ahead = true;
      else if (word !== 'the' && word !== 'a' && word !== 'an') break;
    }
    if (!ahead) continue;
    for (let n = 0; at < tokens.length && n < LIST_ITEM_WORDS; at++, n++) {
      const token = tokens[at]!;
      if (!isWord(token) || isCapital(token) || stopwords.has(token)) break;
      mark(at);
    }
  }
}

/**
 * Names and words of standings: a list of three or more items that each end in a figure ("Labour on 37%, the
 * Conservatives on 32% and the Liberal Democrats on 21%", "Labour 355 seats, the Tories 198 and the Lib Dems 62").
 * Each party or country is one of the field, not the story, so names count as passing here too, unlike other lists.
 * The first item may end a longer clause ("The survey puts Labour on 37%"): its name and figure count.
 */
function inStandings(tokens: readonly string[], mark: (at: number) => void): void {
  const figureNear = (item: readonly number[]) => item.slice(-3).some((at) => FIGURE.test(tokens[at]!));
  for (let a = 1; a < tokens.length; a++) {
    if (tokens[a] !== 'and') continue;
    const last: number[] = [];
    for (let at = a + 1; at < tokens.length && last.length < STANDING_WORDS && isWord(tokens[at]); at++) {
      last.push(at);
      if (FIGURE.test(tokens[at]!)) break;
    }
    if (!FIGURE.test(tokens[last[last.length - 1] ?? 0] ?? '')) continue;
    const items: number[][] = [];
    let at = a - 1;
    if (tokens[at] === COMMA) at--;
    for (;;) {
      const item: number[] = [];
      while (at >= 0 && isWord(tokens[at])) item.unshift(at--);
      if (item.length === 0 || !figureNear(item)) break;
      // A longer item is the clause that opens the list ("The survey puts Labour on 37"): its name and figure only.
      if (item.length > STANDING_WORDS) {
        const tail = item.slice(-STANDING_WORDS);
        const name = tail.findIndex((word) => isCapital(tokens[word]!));
        items.push(name >= 0 ? tail.slice(name) : tail.slice(-2));
        break;
      }
      items.push(item);
      if (at < 0 || tokens[at] !== COMMA) break;
      at--;
    }
    if (items.length < 2) continue;
    for (const item of [last, ...items]) for (const word of item) mark(word);
  }
}
