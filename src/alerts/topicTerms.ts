import { fold, termOf } from '../search/analyzer';

export interface TopicTerm {
  /** The index term (stemmed), what the percolator files the topic under. */
  term: string;
  /** The word as folded, for names: a name matches this whole word only, not its stem. */
  word: string;
  /** A capitalised word of the topic: it matches only where the article writes it capitalised. */
  name: boolean;
  /** Capitalised words that also say it: a place's people and adjective ("Iraqi", "Chinese", "European"). */
  demonyms: string[];
  /** The index terms an article saying it holds: its own, and its demonyms' (the percolator files the topic under all). */
  keys: string[];
}

const WORD = /[\p{L}\p{N}]+/gu;
const capitalised = (word: string) => /^\p{Lu}/u.test(word);

/**
 * The regular ways English makes a people or an adjective from a place:
 * Iraq → Iraqi, Korea → Korean, Europe → European, Brazil → Brazilian,
 * Japan → Japanese, China → Chinese, Palestine → Palestinian. Made only for
 * words the topic capitalises (a place is written so: "aid" gets no "Aidan")
 * and matched only against capitalised words; "Browne" is not a form made here.
 */
function demonymsOf(word: string): string[] {
  const stem = word.replace(/[aeiou]$/, '');
  return [...new Set([`${word}i`, `${word}n`, `${word}an`, `${stem}an`, `${word}ian`, `${stem}ian`, `${word}ese`, `${stem}ese`])].filter(
    (form) => form && form !== word,
  );
}

/**
 * A topic's terms, each marked as a name or not. A capitalised word is a name
 * ("Brown" is the person, not the colour; "US" is not "us"), except a first
 * word that is capitalised only because it starts the topic ("Overseas aid"):
 * the first word is a name when it stands alone, is written in capitals
 * ("US politics", "NHS waiting lists") or the next word is capitalised too
 * ("Gordon Brown", "Taiwan Strait").
 */
export function topicTerms(topic: string): TopicTerm[] {
  const words = topic.match(WORD) ?? [];
  const out: TopicTerm[] = [];
  words.forEach((word, i) => {
    const folded = fold(word);
    if (folded.length < 2 && !/\p{N}/u.test(folded)) return;
    const term = termOf(folded);
    if (!term || out.some((t) => t.term === term)) return;
    const acronym = word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase();
    const name = capitalised(word) && (acronym || i > 0 || words.length === 1 || capitalised(words[1]!));
    const demonyms = capitalised(word) && !/\p{N}/u.test(folded) ? demonymsOf(folded) : [];
    out.push({ term, word: folded, name, demonyms, keys: [...new Set([term, ...demonyms.map(termOf)])] });
  });
  return out;
}
