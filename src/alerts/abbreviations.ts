import { fold, termOf } from '../search/analyzer';
import type { TopicTerm } from './topicTerms';

/**
 * A topic written in full or in short, as the article writes it the other
 * way: "ID cards" as "identity cards", "EU constitution" as "European
 * constitution", "Liberal Democrats" as "Lib Dems". No list of aliases (a
 * hand list fired "UN" and "GOP" on other meanings, MATCHING.md): the article
 * must write the topic's words in a row, each the topic's own word or its
 * shortening, so the other words confirm what the short one stands for.
 *
 * - An acronym of the topic (two to four capitals, "ID", "EU") matches a
 *   longer word it begins ("identity", "European"), only beside another topic
 *   word said as such ("cards"): "ID" alone is no word.
 * - A capitalised topic word of five letters or more matches a capitalised
 *   shortening of at least three letters ("Lib" for "Liberal", "Dems" for
 *   "Democrats"), when every word of the topic is said in a row.
 */
const ACRONYM = /^[A-Z]{2,4}$/;
/** English prefixes written in capitals are more often the start of another word ("unarmed", "reform") than an acronym's expansion. */
const PREFIXES = new Set('un in im il ir re de co ex bi di non pre pro sub dis mis anti over post semi'.split(' '));
const MIN_SHORT = 3;
const MIN_LONG = 5;

const shortenable = (t: TopicTerm) => t.name && t.display.length >= MIN_LONG && !t.display.includes(' ') && !ACRONYM.test(t.display);
const expandable = (t: TopicTerm) => ACRONYM.test(t.display) && !PREFIXES.has(t.word) && t.sayings.length === 0 && t.members.length === 0;

/** Whether a topic may be said in short or in full: two words or more, one of them an acronym or a long name. */
export function abbreviable(terms: readonly TopicTerm[]): boolean {
  return terms.length >= 2 && terms.every((t) => !t.word.includes(' ')) && terms.some((t) => shortenable(t) || expandable(t));
}

/**
 * The index terms an article saying the topic another way holds, for each
 * word (the percolator files and bounds the topic under them): an acronym is
 * said where its neighbours are, a long name where its shortenings' stems are.
 */
export function abbreviationKeys(terms: readonly TopicTerm[]): string[][] {
  if (!abbreviable(terms)) return terms.map(() => []);
  const others = (i: number) => terms.filter((_, j) => j !== i && !expandable(terms[j]!)).map((t) => t.term);
  return terms.map((t, i) => {
    if (expandable(t)) return others(i);
    if (!shortenable(t)) return [];
    const keys: string[] = [];
    for (let n = MIN_SHORT; n < t.word.length; n++) keys.push(termOf(t.word.slice(0, n)));
    return [...new Set(keys.filter(Boolean))];
  });
}

/** Whether an article's word says a topic word: its own stem, or its short or full form as above. */
export function says(term: TopicTerm, word: string): 'same' | 'short' | 'full' | null {
  const folded = fold(word);
  if (termOf(folded) === term.term && (!term.name || /^\p{Lu}/u.test(word))) return 'same';
  if (expandable(term) && folded.length > term.word.length && folded.startsWith(term.word) && !ACRONYM.test(word)) return 'full';
  if (shortenable(term) && /^\p{Lu}/u.test(word) && folded.length >= MIN_SHORT) {
    const bare = folded.endsWith('s') ? folded.slice(0, -1) : folded;
    if (bare.length >= MIN_SHORT && bare.length < term.word.length && term.word.startsWith(bare)) return 'short';
  }
  return null;
}
